from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dealer_warranty_months = fields.Integer(
        string="Warranty (months)",
        help="Warranty of a serial sold out by a dealer, in months from its retail date. 0: no warranty; "
             "warranty claims on its serials are refused.",
    )
