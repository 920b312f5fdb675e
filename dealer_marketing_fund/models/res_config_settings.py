from odoo import fields, models

PRODUCT_PARAM = "dealer_marketing_fund.product_id"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_marketing_settlement = fields.Selection(related="company_id.dealer_marketing_settlement", readonly=False)
    dealer_marketing_lapse_days = fields.Integer(related="company_id.dealer_marketing_lapse_days", readonly=False)
    dealer_marketing_product_id = fields.Many2one(
        "product.product", string="Marketing Support Product", config_parameter=PRODUCT_PARAM,
        help="The product of the settlement lines; its lines are kept out of the dealers' net sales.",
    )

