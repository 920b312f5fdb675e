from odoo import fields, models

DECISIONS = [
    ("approve", "Approve"),
    ("reject", "Reject"),
    ("changes", "Ask for Changes"),
    ("verify", "Verify"),
]


class DealerMarketingDecisionWizard(models.TransientModel):
    """The Dealer Manager's decision on an application: the amount approved or verified, or the reason."""

    _name = "dealer.marketing.decision.wizard"
    _description = "Marketing Support Decision"

    application_id = fields.Many2one("dealer.marketing.application", required=True, ondelete="cascade")
    decision = fields.Selection(DECISIONS, required=True)
    currency_id = fields.Many2one(related="application_id.currency_id")
    amount_requested = fields.Monetary(related="application_id.amount_requested")
    amount_approved = fields.Monetary(related="application_id.amount_approved")
    fund_left = fields.Monetary(related="application_id.fund_id.amount_left", string="Left in the Fund")
    amount = fields.Monetary(currency_field="currency_id")
    note = fields.Text(string="Reason")

    def action_confirm(self):
        """Apply the decision through the application's own transition (which checks the rights and amounts)."""
        self.ensure_one()
        application = self.application_id
        if self.decision == "approve":
            application.action_approve(self.amount)
        elif self.decision == "verify":
            application.action_verify(self.amount)
        elif self.decision == "reject":
            application.action_reject(self.note)
        else:
            application.action_request_changes(self.note)
        return {"type": "ir.actions.act_window_close"}
