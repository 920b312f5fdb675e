from odoo import fields, models


class DealerComplaintRejectWizard(models.TransientModel):
    """Reject complaints with the reason the dealer will read."""

    _name = "dealer.complaint.reject.wizard"
    _description = "Reject Dealer Complaint"

    complaint_ids = fields.Many2many("dealer.complaint", string="Complaints", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        """Reject the complaints with the given reason."""
        self.ensure_one()
        self.complaint_ids.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
