from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_claim_product_id = fields.Many2one(
        "product.product", string="Warranty Claim Product", config_parameter="dealer_service.claim_product_id",
        help="Product of the credit note lines settling warranty claims. Its lines are not sales: they are left "
             "out of the net sales of contracts, targets and rebates, like the Dealer Rebate product.",
    )
