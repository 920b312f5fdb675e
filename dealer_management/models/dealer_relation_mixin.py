from odoo import _, api, models
from odoo.exceptions import AccessError, ValidationError

# dealers whose people use the relation pages of the portal (announcements, complaints, feedback)
DEALER_PORTAL_STATES = ("active", "suspended")


class DealerRelationMixin(models.AbstractModel):
    """Record a dealer files (complaint, feedback): owned by the dealer company, portal users fill their part."""

    _name = "dealer.relation.mixin"
    _description = "Dealer Relation Document"

    # fields a dealer's portal user may set when it creates the record; everything else is the back office's
    _dealer_portal_fields = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.user.share and not self.env.su:
            self._dealer_portal_check_vals(vals_list)
        for vals in vals_list:
            self._dealer_normalise_partner(vals)
            self._dealer_complete_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_normalise_partner(vals)
        return super().write(vals)

    @api.model
    def _dealer_for_user(self, user):
        """The user's dealer (commercial partner) when it may use the relation pages, else an empty recordset."""
        dealer = user.partner_id.commercial_partner_id.sudo()  # sudo: the user's own company, for its dealer status
        if dealer.is_dealer and dealer.dealer_state in DEALER_PORTAL_STATES:
            return dealer.sudo(False)
        return self.env["res.partner"]

    @api.model
    def _dealer_portal_orders(self, dealer):
        """Confirmed orders of the dealer a record may refer to (read with the caller's rights)."""
        return self.env["sale.order"].search(
            [("partner_id", "child_of", dealer.id), ("state", "=", "sale")], order="date_order desc", limit=200,
        )

    @api.model
    def _dealer_portal_products(self, dealer):
        """Products the dealer bought on those orders."""
        orders = self._dealer_portal_orders(dealer)
        # sudo: product names of the dealer's own order lines only (portal users have no right on products)
        return orders.sudo().order_line.product_id.sorted("display_name")

    @api.model
    def _dealer_complete_vals(self, vals):
        """Hook: fill in what the system sets on creation (references ...), after the portal check."""

    @api.model
    def _dealer_normalise_partner(self, vals):
        """The record belongs to the dealer (commercial partner), not to one of its contacts."""
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.sudo().commercial_partner_id.id  # sudo: resolves the company only

    @api.model
    def _dealer_portal_check_vals(self, vals_list):
        """A portal user files for its own dealer and sets only the fields a dealer may set."""
        dealer = self.env.user.partner_id.commercial_partner_id
        for vals in vals_list:
            forbidden = set(vals) - self._dealer_portal_fields - {"partner_id"}
            if forbidden:
                raise AccessError(_(
                    "A dealer cannot set these fields on %(document)s: %(fields)s.",
                    document=self._description, fields=", ".join(sorted(forbidden)),
                ))
            vals["partner_id"] = dealer.id

    @api.constrains("partner_id")
    def _check_partner_is_dealer(self):
        for record in self.sudo():  # sudo: reads the dealer flag only
            if not record.partner_id.is_dealer:
                raise ValidationError(_("%(partner)s is not a dealer.", partner=record.partner_id.display_name))
