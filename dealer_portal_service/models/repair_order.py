from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import clean_context

from odoo.addons.dealer_portal.models.dealer_portal_catalog import MAX_QUANTITY

# fields of a warranty claim a dealer fills in on the portal; everything else is set by the route or the company
PORTAL_CLAIM_FIELDS = frozenset({"lot_id", "schedule_date", "dealer_labour_amount", "dealer_claim_description"})


class RepairOrder(models.Model):
    """Warranty claims filed by a dealer on the portal."""

    _inherit = "repair.order"

    # the dealer's portal users read their own claims (record rule): the company's notes stay internal
    internal_notes = fields.Html(groups="base.group_user")
    dealer_claim_description = fields.Text(
        string="Problem Reported", copy=False,
        help="The fault and the repair as the dealer described them when filing the claim on the portal.",
    )

    @api.model
    def _dealer_portal_claim_serials(self, dealer):
        """Serials the dealer sold out (confirmed retail sales): those it may claim the warranty of."""
        # sudo: the serials of the user's own dealer's confirmed retail sales (portal users may not read serials)
        return self.env["stock.lot"].sudo().search([
            ("dealer_sellout_id.dealer_id", "=", dealer.id), ("dealer_sellout_id.state", "=", "confirmed"),
        ], order="name")

    @api.model
    def _dealer_portal_claim_parts(self, dealer, text):
        """The parts pasted on the claim form ("CODE quantity" per line, as the quick order): ({product id:
        quantity}, [error per wrong line]). A part is a good the dealer may order from us; a service is labour."""
        if not (text or "").strip():
            return {}, []
        Catalog = self.env["dealer.portal.catalog"]
        parts, errors = Catalog._dealer_parse_quick_order(dealer, text)
        errors.extend(
            self.env._("Product %(code)s is a service, not a part: claim its work as labour.",
                       code=product.default_code or product.display_name)
            for product in Catalog._dealer_orderable(dealer, list(parts)) if product.type != "consu"
        )
        return parts, errors

    @api.model
    def _dealer_portal_claim_submit(self, dealer, vals, parts=None):
        """File and submit a warranty claim of ``dealer`` from the values the portal form checked, with ``parts``
        ({product id: quantity}) as the repair's parts lines.

        The claim is created and submitted through dealer_service's own transition
        (``action_dealer_claim_submit``: the serial sold out by this dealer and under warranty on the repair date);
        a refusal raises and the caller's savepoint drops the claim.
        """
        forbidden = set(vals) - PORTAL_CLAIM_FIELDS
        if forbidden:
            raise AccessError(_(
                "A dealer cannot set these fields on a warranty claim: %(fields)s.",
                fields=", ".join(sorted(forbidden)),
            ))
        if not dealer:
            raise AccessError(_("Only the users of a dealer can file warranty claims."))
        lot = self._dealer_portal_claim_serials(dealer).filtered(lambda serial: serial.id == vals.get("lot_id"))
        if not lot:
            raise AccessError(_("Choose one of the serials you sold."))
        parts = parts or {}
        goods = self.env["dealer.portal.catalog"]._dealer_orderable(dealer, list(parts)).filtered(
            lambda product: product.type == "consu")
        if set(parts) - set(goods.ids) or any(not 0 < quantity <= MAX_QUANTITY for quantity in parts.values()):
            raise AccessError(_("A warranty claim's parts are goods your dealer may order, in quantities above 0."))
        # sudo: portal users have no right on repair orders. Safe: the values are the whitelisted fields the route
        # checked, the serial is one the user's own dealer (res.users._dealer_portal_dealer) sold out, and
        # clean_context drops every default_* key of the caller; the submission runs dealer_service's checks.
        Repair = self.with_env(self.env(su=True, context=clean_context(self.env.context)))
        claim = Repair.create({
            **vals,
            "dealer_claim": True, "dealer_id": dealer.id, "partner_id": dealer.id, "product_id": lot.product_id.id,
            "under_warranty": True, "user_id": False, "company_id": self.env.company.id,
            "move_ids": [Command.create({
                "product_id": product.id, "product_uom_qty": parts[product.id], "repair_line_type": "add",
            }) for product in goods],
        })
        claim.action_dealer_claim_submit()
        return claim.sudo(False)
