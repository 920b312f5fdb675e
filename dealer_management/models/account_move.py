from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _dealer_statement_kind(self):
        """What this journal entry is on a dealer's statement of account."""
        self.ensure_one()
        if self.move_type == "out_invoice":
            return "invoice"
        if self.move_type == "out_refund":
            return "credit_note"
        if self.origin_payment_id or self.statement_line_id:
            return "payment"
        return "other"

