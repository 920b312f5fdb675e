from odoo import fields, models


class DealerContract(models.Model):
    """Dealer contract (skeleton, completed by the contract work)."""

    _name = "dealer.contract"
    _description = "Dealer Contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]

    name = fields.Char(default="/", copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, index=True)
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("expired", "Expired"), ("terminated", "Terminated")],
        default="draft", required=True, tracking=True, index=True,
    )
    territory_ids = fields.Many2many("dealer.territory", "dealer_contract_territory_rel", "contract_id", "territory_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    credit_limit = fields.Monetary(currency_field="currency_id")
    pricelist_id = fields.Many2one("product.pricelist")
