from odoo import fields, models


class AccountMoveReversal(models.TransientModel):
    """Invoice reversal wizard, opened from a dealer complaint: the credit notes are linked to the complaint."""

    _inherit = "account.move.reversal"

    dealer_complaint_id = fields.Many2one("dealer.complaint", readonly=True)

    def reverse_moves(self, is_modify=False):
        if not self.dealer_complaint_id:
            return super().reverse_moves(is_modify=is_modify)
        reversal_domain = [("reversed_entry_id", "in", self.move_ids.ids)]
        before = self.env["account.move"].search(reversal_domain)
        action = super().reverse_moves(is_modify=is_modify)
        self.dealer_complaint_id._link_refunds(self.env["account.move"].search(reversal_domain) - before)
        return action
