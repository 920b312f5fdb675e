from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dealer_min_retail_price = fields.Monetary(
        string="Minimum Retail Price", currency_field="currency_id",
        help="Lowest unit price (net) at which a dealer may resell the product to an end customer. A retail "
             "sale below it is proposed as a price violation (乱价). Empty: no minimum.",
    )
    dealer_max_retail_price = fields.Monetary(
        string="Maximum Retail Price", currency_field="currency_id",
        help="Highest unit price (net) at which a dealer may resell the product to an end customer (price "
             "ceiling). A retail sale above it is proposed as a price violation (乱价), like one below the minimum. "
             "Empty: no maximum.",
    )

    @api.constrains("dealer_min_retail_price", "dealer_max_retail_price")
    def _check_dealer_retail_price_band(self):
        for template in self:
            if template.dealer_max_retail_price < 0 or template.dealer_min_retail_price < 0:
                raise ValidationError(_("Retail prices cannot be negative."))
            if template.dealer_max_retail_price and template.currency_id.compare_amounts(
                    template.dealer_max_retail_price, template.dealer_min_retail_price) < 0:
                raise ValidationError(_(
                    "The maximum retail price of %(product)s is below its minimum retail price.",
                    product=template.display_name,
                ))
