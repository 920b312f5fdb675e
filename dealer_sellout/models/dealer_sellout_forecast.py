from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows

FORECAST_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
]
FORECAST_HORIZON_MONTHS = 3


class DealerSelloutForecast(models.Model):
    """A dealer's forecast of its orders of a product for one month (订单预测和备货), rolling three months ahead."""

    _name = "dealer.sellout.forecast"
    _description = "Dealer Order Forecast"
    _check_company_auto = True
    _inherit = ["dealer.workflow.mixin"]
    _order = "month desc, dealer_id, product_id"

    _dealer_protected_fields = ("state", "submitted_date")

    dealer_id = fields.Many2one(
        "res.partner", required=True, index=True, domain=[("is_dealer", "=", True)],
        check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    product_id = fields.Many2one("product.product", required=True, index=True, check_company=True)
    month = fields.Date(required=True, index=True, help="First day of the forecast month.")
    quantity = fields.Float(digits="Product Unit of Measure")
    state = fields.Selection(FORECAST_STATES, string="Status", default="draft", required=True, readonly=True,
                             copy=False, index=True)
    submitted_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("dealer_product_month_uniq", "unique (dealer_id, product_id, month, company_id)",
         "A dealer has one forecast per product and month."),
        ("quantity_positive", "CHECK (quantity >= 0)", "A forecast quantity cannot be negative."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        if "month" in vals and vals["month"]:
            vals = dict(vals, month=fields.Date.to_date(vals["month"]).replace(day=1))
        if not (self._is_dealer_manager() or self._dealer_is_trusted()) and self.filtered(
                lambda f: f.state != "draft"):
            raise AccessError(_("A submitted forecast is changed by submitting it again, or by a Dealer Manager."))
        return super().write(vals)

    @api.model
    def _dealer_forecast_months(self, day=None):
        """The first days of the months a dealer forecasts on ``day``: the next three months."""
        start = (day or fields.Date.context_today(self)).replace(day=1)
        return [start + relativedelta(months=n) for n in range(1, FORECAST_HORIZON_MONTHS + 1)]

    def action_submit(self):
        """Draft → submitted."""
        self._check_dealer_manager(_("Only a Dealer Manager may submit a forecast in the back office."))
        self._check_state(("draft",), _("Forecast %(name)s cannot be submitted: it is %(state)s, not draft."))
        self._dealer_trusted().write({"state": "submitted", "submitted_date": fields.Datetime.now()})
        return True

    @api.model
    def _dealer_forecast_submit(self, dealer, lines, day=None):
        """Record and submit ``dealer``'s forecast: ``lines`` are dicts (product_id, month, quantity).

        Every line is checked first (product, a month among the next three, a quantity of zero or more); one
        UserError lists the wrong lines and nothing is written. A line for a dealer/product/month already
        forecast replaces its quantity. Returns the forecasts.
        """
        dealer = dealer.commercial_partner_id
        if not dealer.is_dealer or dealer.dealer_state != "active":
            raise UserError(_("Only an active dealer submits order forecasts."))
        months = self._dealer_forecast_months(day)
        products = self.env["product.product"].browse([line.get("product_id") for line in lines]).exists()
        errors = []
        values = {}
        for index, line in enumerate(lines, 1):
            product = products.browse(line.get("product_id")) & products
            try:
                month = fields.Date.to_date(line.get("month")).replace(day=1) if line.get("month") else None
            except (TypeError, ValueError):
                month = None
            quantity = line.get("quantity")
            if not product or not product.sale_ok:
                errors.append(_("Line %(line)s: choose a product that is sold.", line=index))
            if month not in months:
                errors.append(_(
                    "Line %(line)s: the month must be one of the next three months (%(months)s).",
                    line=index, months=", ".join(m.strftime("%Y-%m") for m in months),
                ))
            if not isinstance(quantity, (int, float)) or quantity < 0:
                errors.append(_("Line %(line)s: the quantity must be a number, zero or more.", line=index))
            if product and month:
                if (product.id, month) in values:
                    errors.append(_("Line %(line)s: this product and month are already on another line.",
                                    line=index))
                values[(product.id, month)] = quantity
        if errors:
            raise UserError(_("Nothing was submitted: correct these lines.\n%(errors)s", errors="\n".join(errors)))
        trusted = self._dealer_trusted()
        # the same forecast sent twice at once: the second waits for the first, is aborted and run again, and then
        # replaces the first one's quantities instead of creating the lines a second time
        lock_rows(dealer)
        existing = trusted.search([
            ("dealer_id", "=", dealer.id), ("product_id", "in", products.ids), ("month", "in", months),
            ("company_id", "=", self.env.company.id),
        ])
        now = fields.Datetime.now()
        forecasts = self.browse()
        for forecast in existing:
            key = (forecast.product_id.id, forecast.month)
            if key in values:
                forecast.write({"quantity": values.pop(key), "state": "submitted", "submitted_date": now})
                forecasts |= forecast
        forecasts |= trusted.create([
            {"dealer_id": dealer.id, "product_id": product_id, "month": month, "quantity": quantity,
             "state": "submitted", "submitted_date": now}
            for (product_id, month), quantity in values.items()
        ])
        return forecasts.with_env(self.env)

    @api.constrains("month")
    def _check_month(self):
        for forecast in self:
            if forecast.month and forecast.month.day != 1:
                raise ValidationError(_("A forecast month is given by its first day."))
