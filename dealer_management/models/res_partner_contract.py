from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_contract_ids = fields.One2many("dealer.contract", "partner_id", string="Dealer Contracts")
    dealer_contract_count = fields.Integer(compute="_compute_dealer_contract_count", string="Contracts")

    def _compute_dealer_contract_count(self):
        counts = {}
        dealers = self.filtered("is_dealer")
        if dealers.ids:
            counts = dict(self.env["dealer.contract"]._read_group(
                [("partner_id", "in", dealers.ids), ("state", "!=", "superseded")], ["partner_id"], ["__count"],
            ))
        for partner in self:
            partner.dealer_contract_count = counts.get(partner, 0)

    def action_view_dealer_contracts(self):
        """Open the dealer's contracts (current versions)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_management.action_dealer_contract")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id, "search_default_filter_current": 1}
        return action
