from odoo import fields, models


class DealerAssessmentReopenWizard(models.TransientModel):
    """Reopen an approved assessment (back to draft), with the reason kept in its chatter."""

    _name = "dealer.assessment.reopen.wizard"
    _description = "Reopen Dealer Assessment"

    assessment_id = fields.Many2one("dealer.assessment", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        self.assessment_id._reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
