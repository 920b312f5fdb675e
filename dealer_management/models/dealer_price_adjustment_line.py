from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .dealer_price_adjustment import ONE_SECOND


class DealerPriceAdjustmentLine(models.Model):
    """The new fixed dealer price of one product."""

    _name = "dealer.price.adjustment.line"
    _description = "Dealer Price Adjustment Line"
    _inherit = ["dealer.workflow.line.mixin"]
    _dealer_line_parent_field = "adjustment_id"
    _check_company_auto = True
    _order = "adjustment_id, id"

    adjustment_id = fields.Many2one("dealer.price.adjustment", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="adjustment_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_tmpl_id = fields.Many2one("product.template", string="Product", required=True, check_company=True)
    old_price = fields.Monetary(
        string="Price Before", currency_field="currency_id", compute="_compute_old_price",
        help="Price in the first affected pricelist just before the effective date.",
    )
    new_price = fields.Monetary(currency_field="currency_id", required=True)

    _sql_constraints = [
        ("product_uniq", "unique(adjustment_id, product_tmpl_id)", "A product appears once per price adjustment."),
    ]

    @api.depends("product_tmpl_id", "adjustment_id.pricelist_ids", "adjustment_id.date_effective")
    def _compute_old_price(self):
        for line in self:
            adjustment = line.adjustment_id
            pricelist = adjustment.pricelist_ids[:1]
            if not (pricelist and line.product_tmpl_id and adjustment.date_effective):
                line.old_price = 0.0
                continue
            line.old_price = pricelist._get_product_price(
                line.product_tmpl_id, 1.0, date=adjustment._effective_datetime() - ONE_SECOND,
            )

    @api.constrains("new_price")
    def _check_new_price(self):
        for line in self:
            if line.new_price < 0:
                raise ValidationError(_("A price cannot be negative."))
