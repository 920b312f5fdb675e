from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dealer_floor_price = fields.Monetary(
        string="Dealer Floor Price", currency_field="currency_id",
        help="Lowest unit price (after discount) at which the product may be sold to a dealer. "
             "When empty, the floor is the price of the dealer grade's pricelist; with neither, "
             "there is no floor.",
    )
