from odoo import api, fields, models


class DealerContractTargetAdjustment(models.Model):
    """One change of a target amount (动态调整): old and new value, who, when and why."""

    _name = "dealer.contract.target.adjustment"
    _description = "Dealer Target Adjustment"
    _inherit = ["dealer.workflow.mixin"]
    # the history is written by the target's Adjust action only, never created or rewritten by hand
    _dealer_protected_fields = ("target_id", "old_amount", "new_amount", "reason", "user_id", "date")
    _order = "date desc, id desc"

    target_id = fields.Many2one(
        "dealer.contract.target", required=True, index=True, ondelete="cascade", readonly=True,
    )
    contract_id = fields.Many2one(related="target_id.contract_id", store=True, index=True)
    partner_id = fields.Many2one(related="target_id.partner_id", store=True, string="Dealer")
    company_id = fields.Many2one(related="target_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="target_id.currency_id")
    old_amount = fields.Monetary(string="Old Target", currency_field="currency_id", readonly=True)
    new_amount = fields.Monetary(string="New Target", currency_field="currency_id", readonly=True)
    difference = fields.Monetary(currency_field="currency_id", compute="_compute_difference")
    user_id = fields.Many2one(
        "res.users", string="Adjusted by", required=True, readonly=True, default=lambda self: self.env.user,
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    reason = fields.Text(required=True, readonly=True)

    @api.depends("old_amount", "new_amount")
    def _compute_difference(self):
        for adjustment in self:
            adjustment.difference = adjustment.new_amount - adjustment.old_amount
