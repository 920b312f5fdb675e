from odoo import api, fields, models

FORECAST_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
]


class DealerSelloutForecast(models.Model):
    """A dealer's forecast of its orders of a product for one month (订单预测)."""

    _name = "dealer.sellout.forecast"
    _description = "Dealer Order Forecast"
    _check_company_auto = True
    _inherit = ["dealer.workflow.mixin"]
    _order = "month desc, dealer_id, product_id"

    _dealer_protected_fields = ("state", "submitted_date")

    dealer_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, domain=[("is_dealer", "=", True)],
        check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    product_id = fields.Many2one("product.product", string="Product", required=True, index=True, check_company=True)
    month = fields.Date(required=True, index=True, help="First day of the forecast month.")
    quantity = fields.Float(digits="Product Unit of Measure")
    state = fields.Selection(FORECAST_STATES, string="Status", default="draft", required=True, readonly=True,
                             copy=False, index=True)
    submitted_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("dealer_product_month_uniq", "unique (dealer_id, product_id, month, company_id)",
         "A dealer has one forecast per product and month."),
    ]

    @api.model
    def _dealer_forecast_submit(self, dealer, lines):
        """Create or update the dealer's forecasts from ``lines`` and submit them (filled in later)."""
        return self.browse()
