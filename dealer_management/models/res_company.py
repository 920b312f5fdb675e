from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_deposit_account_id = fields.Many2one(
        "account.account", check_company=True,
        domain="[('account_type', 'in', ('liability_current', 'liability_non_current'))]",
        help="Liability account holding the dealers' deposits (保证金): credited when a deposit is received, "
             "debited when it is deducted or paid back.",
    )
    dealer_deposit_journal_id = fields.Many2one(
        "account.journal", check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Bank or cash journal of the deposit payments (default: the company's first bank journal).",
    )
