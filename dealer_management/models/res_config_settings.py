from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_contract_reminder_days = fields.Integer(
        string="Contract Expiry Reminder (days)", default=30,
        config_parameter="dealer_management.contract_reminder_days",
        help="The salesperson gets a to-do this many days before an active contract ends.",
    )
    dealer_overdue_days_block = fields.Integer(
        string="Block Orders after Overdue (days)", default=30,
        config_parameter="dealer_management.overdue_days_block",
        help="A dealer with an invoice overdue by more than this many days cannot confirm orders.",
    )
    dealer_stock_cover_high_days = fields.Integer(
        string="Overstock above (days of cover)", default=90,
        config_parameter="dealer_management.stock_cover_high_days",
    )
    dealer_stock_cover_low_days = fields.Integer(
        string="Stock-out risk below (days of cover)", default=15,
        config_parameter="dealer_management.stock_cover_low_days",
    )
    dealer_fine_product_id = fields.Many2one(
        "product.product", string="Violation Fine Product", config_parameter="dealer_management.fine_product_id",
        help="Product of the invoice lines of violation fines. Its lines are not sales: they are left out of the "
             "net sales of contracts, targets and rebates, like the Dealer Rebate product.",
    )
    dealer_deposit_account_id = fields.Many2one(
        related="company_id.dealer_deposit_account_id", readonly=False,
    )
    dealer_deposit_journal_id = fields.Many2one(
        related="company_id.dealer_deposit_journal_id", readonly=False,
    )
