from odoo import fields, models


class DealerClaimRejectWizard(models.TransientModel):
    """Reject warranty claims with the reason the dealer will read."""

    _name = "dealer.claim.reject.wizard"
    _description = "Reject Warranty Claim"

    repair_ids = fields.Many2many("repair.order", string="Warranty Claims", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        """Reject the claims with the given reason."""
        self.ensure_one()
        self.repair_ids.action_dealer_claim_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
