from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class DealerRebateGenerateWizard(models.TransientModel):
    """Create the draft rebates of a period for many contracts at once, their figures computed in one pass.

    The period of each rebate is the wizard's period clipped to the contract's dates. Contracts that already
    have a non-cancelled rebate overlapping the period are skipped (a period is never rebated twice).
    """

    _name = "dealer.rebate.generate.wizard"
    _description = "Compute Dealer Rebates"

    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    contract_ids = fields.Many2many(
        "dealer.contract", string="Contracts", compute="_compute_contract_ids", store=True, readonly=False,
        help="Active contracts overlapping the period; remove those that should not get a rebate.",
    )

    @api.depends("date_from", "date_to", "company_id")
    def _compute_contract_ids(self):
        for wizard in self:
            if not (wizard.date_from and wizard.date_to):
                wizard.contract_ids = False
                continue
            wizard.contract_ids = self.env["dealer.contract"].search([
                ("state", "=", "active"), ("company_id", "=", wizard.company_id.id),
                ("date_start", "<=", wizard.date_to), ("date_end", ">=", wizard.date_from),
            ])

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(_("The period ends before it starts."))

    def _rebate_vals(self):
        """Values of the draft rebates to create, skipping contracts already rebated on the period."""
        self.ensure_one()
        contracts = self.contract_ids
        existing = self.env["dealer.rebate"].sudo().search([
            ("state", "!=", "cancelled"), ("contract_id.origin_id", "in", contracts.origin_id.ids),
            ("date_from", "<=", self.date_to), ("date_to", ">=", self.date_from),
        ])
        rebated_origins = existing.contract_id.origin_id
        return [
            {
                "contract_id": contract.id,
                "date_from": max(self.date_from, contract.date_start),
                "date_to": min(self.date_to, contract.date_end),
            }
            for contract in contracts
            if contract.origin_id not in rebated_origins
        ]

    def action_generate(self):
        """Create the draft rebates and open them."""
        self.ensure_one()
        self.env["dealer.contract"]._check_dealer_manager(_("Only a Dealer Manager may compute rebates."))
        if not self.contract_ids:
            raise UserError(_("No active contract overlaps the period: there is no rebate to compute."))
        vals_list = self._rebate_vals()
        if not vals_list:
            raise UserError(_(
                "Every selected contract already has a rebate on this period. Cancel those rebates first "
                "to compute them again, or recompute them from their form while they are draft.",
            ))
        rebates = self.env["dealer.rebate"].create(vals_list)  # figures computed set-based in create()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_management.action_dealer_rebate")
        action["domain"] = [("id", "in", rebates.ids)]
        action["context"] = {"create": False}
        return action
