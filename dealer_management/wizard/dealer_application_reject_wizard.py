from odoo import fields, models


class DealerApplicationRejectWizard(models.TransientModel):
    """Reject a dealer application, with the reason kept on it and in its chatter."""

    _name = "dealer.application.reject.wizard"
    _description = "Reject Dealer Application"

    application_id = fields.Many2one("dealer.application", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        """Reject the application with the given reason."""
        self.ensure_one()
        self.application_id._action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
