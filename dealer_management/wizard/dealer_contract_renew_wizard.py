from odoo import api, fields, models


class DealerContractRenewWizard(models.TransientModel):
    """Renew a contract (续签): a new draft contract with the same terms and grown targets."""

    _name = "dealer.contract.renew.wizard"
    _description = "Renew Dealer Contract"

    contract_id = fields.Many2one("dealer.contract", required=True, readonly=True, ondelete="cascade")
    date_start = fields.Date(
        string="New Start Date", compute="_compute_dates", store=True, readonly=False, precompute=True,
        required=True,
    )
    date_end = fields.Date(
        string="New End Date", compute="_compute_dates", store=True, readonly=False, precompute=True,
        required=True,
    )
    growth_percent = fields.Float(
        string="Target Growth (%)", digits=(16, 2),
        help="Every target of the current contract is carried over, shifted to the new period and grown by this %.",
    )

    @api.depends("contract_id")
    def _compute_dates(self):
        for wizard in self:
            if wizard.contract_id:
                wizard.date_start, wizard.date_end = wizard.contract_id._renewal_dates()
            else:
                wizard.date_start = wizard.date_end = False

    def action_renew(self):
        """Create the renewal and open it."""
        self.ensure_one()
        new = self.contract_id._renew(self.date_start, self.date_end, self.growth_percent)
        return {
            "type": "ir.actions.act_window", "res_model": "dealer.contract", "res_id": new.id,
            "view_mode": "form", "target": "current",
        }
