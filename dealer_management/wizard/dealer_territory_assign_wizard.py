from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class DealerTerritoryAssignWizard(models.TransientModel):
    """Assign a dealer's territories and parent distributor; the chatter keeps who, when, what and why."""

    _name = "dealer.territory.assign.wizard"
    _description = "Assign Dealer Territories"

    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, domain=[("is_dealer", "=", True)])
    territory_ids = fields.Many2many(
        "dealer.territory", string="Territories", compute="_compute_from_partner", store=True, readonly=False,
        help="The dealer's territories after the change.",
    )
    parent_dealer_id = fields.Many2one(
        "res.partner", string="Parent Distributor", compute="_compute_from_partner", store=True, readonly=False,
        domain="[('is_dealer', '=', True), ('id', '!=', partner_id)]",
    )
    reason = fields.Text(required=True)

    @api.depends("partner_id")
    def _compute_from_partner(self):
        for wizard in self:
            wizard.territory_ids = wizard.partner_id.dealer_territory_ids
            wizard.parent_dealer_id = wizard.partner_id.parent_dealer_id

    def action_apply(self):
        """Write the territories and parent distributor on the dealer (Dealer Manager only)."""
        self.ensure_one()
        partner = self.partner_id
        if not partner._is_dealer_manager():
            raise AccessError(_("Only a Dealer Manager may assign a dealer's territories."))
        if not partner.is_dealer:
            raise UserError(_(
                "%(name)s is not a dealer: register it as a dealer before assigning territories.",
                name=partner.display_name,
            ))
        partner._dealer_assign_territories(self.territory_ids, self.parent_dealer_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
