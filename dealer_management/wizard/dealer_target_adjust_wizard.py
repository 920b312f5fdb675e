from odoo import fields, models


class DealerTargetAdjustWizard(models.TransientModel):
    """Adjust one target (动态调整); the change is kept in the target's adjustment history."""

    _name = "dealer.target.adjust.wizard"
    _description = "Adjust Dealer Target"

    target_id = fields.Many2one("dealer.contract.target", required=True, readonly=True, ondelete="cascade")
    currency_id = fields.Many2one(related="target_id.currency_id")
    current_amount = fields.Monetary(related="target_id.amount", string="Current Target")
    achieved_amount = fields.Monetary(related="target_id.achieved_amount", string="Net Invoiced so far")
    new_amount = fields.Monetary(string="New Target", currency_field="currency_id", required=True)
    reason = fields.Text(required=True)

    def action_apply(self):
        """Apply the new amount."""
        self.ensure_one()
        self.target_id._adjust(self.new_amount, self.reason)
        return {"type": "ir.actions.act_window_close"}
