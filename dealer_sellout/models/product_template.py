from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dealer_min_retail_price = fields.Monetary(
        string="Minimum Retail Price", currency_field="currency_id",
        help="Lowest unit price (net) at which a dealer may resell the product to an end customer. A retail "
             "sale below it is proposed as a price violation (乱价). Empty: no minimum.",
    )
