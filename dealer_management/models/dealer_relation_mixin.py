from odoo import _, api, models
from odoo.exceptions import ValidationError


class DealerRelationMixin(models.AbstractModel):
    """Record a dealer files (complaint, feedback): owned by the dealer company.

    Portal users never create these records themselves (they have no create right): the routes of
    ``dealer_portal`` validate the form and create them on the dealer's behalf.
    """

    _name = "dealer.relation.mixin"
    _description = "Dealer Relation Document"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._dealer_normalise_partner(vals)
            self._dealer_complete_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_normalise_partner(vals)
        return super().write(vals)

    @api.model
    def _dealer_complete_vals(self, vals):
        """Hook: fill in what the system sets on creation (references ...)."""

    @api.model
    def _dealer_normalise_partner(self, vals):
        """The record belongs to the dealer (commercial partner), not to one of its contacts."""
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.sudo().commercial_partner_id.id  # sudo: resolves the company only

    @api.constrains("partner_id")
    def _check_partner_is_dealer(self):
        for record in self.sudo():  # sudo: reads the dealer flag only
            if not record.partner_id.is_dealer:
                raise ValidationError(_("%(partner)s is not a dealer.", partner=record.partner_id.display_name))
