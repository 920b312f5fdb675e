import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import clean_context
from odoo.tools.translate import LazyTranslate

from odoo.addons.dealer_portal.models.dealer_portal_spreadsheet import PRODUCT_NAME_COLUMN

_lt = LazyTranslate(__name__)

# columns of an uploaded forecast file (first row), as in the downloadable template (one line per product and
# month, the quantity to fill in); the header is read in English, in Chinese (产品编码, 月份 …) or as the keys
FORECAST_FILE_COLUMNS = (
    ("product_code", _lt("Product code")),
    PRODUCT_NAME_COLUMN,
    ("month", _lt("Month")),
    ("quantity", _lt("Quantity")),
)
FORECAST_FILE_REQUIRED = ("product_code", "month", "quantity")
# largest quantity of one forecast line (a typo guard)
MAX_FORECAST_QUANTITY = 1e9


class DealerSelloutForecast(models.Model):
    """What the portal needs of order forecasts: the months of the grid, checking typed lines, submitting."""

    _inherit = "dealer.sellout.forecast"

    @api.model
    def _dealer_portal_grid(self, dealer):
        """(products, months, {(product id, month): quantity}) of the dealer's forecast grid.

        The products are those the dealer sells (see dealer.sellout) and those it already forecast.
        """
        months = self._dealer_forecast_months()
        forecasts = self.search([("dealer_id", "=", dealer.id), ("month", "in", months)])
        products = self.env["dealer.sellout"]._dealer_portal_products(dealer)
        # sudo: the products of the dealer's own forecasts, shown in the grid
        products = (products | forecasts.sudo().product_id).sorted("display_name")
        quantities = {(forecast.product_id.id, forecast.month): forecast.quantity for forecast in forecasts}
        return products, months, quantities

    @api.model
    def _dealer_portal_template_rows(self, dealer):
        """The template's lines: one per product the dealer sells (with a code) and open month, with the quantity
        already forecast, else empty to fill in."""
        products, months, quantities = self._dealer_portal_grid(dealer)
        return [
            {"product_code": product.default_code, "product_name": product.name, "month": month.strftime("%Y-%m"),
             "quantity": quantities.get((product.id, month))}
            for product in products if product.default_code for month in months
        ]

    @api.model
    def _dealer_portal_prepare(self, dealer, rows):
        """Lines ``{product_id, month, quantity}`` from the grid or a file, and the errors of the wrong rows.

        ``rows``: dicts of raw values (``row``, ``product_id`` or ``product_code``, ``month``, ``quantity``). A
        line of a file without a quantity (a line of the template left as it was downloaded) is left out, as an
        empty cell of the grid.
        """
        self = self.sudo()  # sudo: validation only, of the user's own dealer's lines (see the callers)
        Sellout = self.env["dealer.sellout"]
        products = Sellout._dealer_portal_products(dealer)
        by_code = {product.default_code.strip().lower(): product for product in products if product.default_code}
        months = self._dealer_forecast_months()
        lines, errors, seen = [], [], {}
        for row in rows:
            messages = []
            if row.get("blank"):
                messages.append(_("The line is empty: delete it or fill it in."))
                errors += [{"row": row["row"], "message": message} for message in messages]
                continue
            if self._dealer_portal_row_skipped(row):
                continue
            product = Sellout._dealer_portal_row_product(row, products, by_code)
            if not product:
                messages.append(_(
                    "Product code %(code)s is not one of the products you sell: use a code of the template's "
                    "Products sheet.", code=str(row.get("product_code") or ""),
                ) if "product_code" in row else _("Choose one of the listed products."))
            month = self._dealer_portal_month(row.get("month"), months, messages)
            quantity = Sellout._dealer_portal_number(row.get("quantity"), 0.0, "quantity", messages)
            if quantity < 0:
                messages.append(_("The quantity must not be negative: enter 0 when you expect no order."))
            elif quantity > MAX_FORECAST_QUANTITY:
                messages.append(_("The quantity %(value)s is too large: check the figure.", value=quantity))
            if product and month and not messages:
                key = (product.id, month)
                if key in seen:
                    messages.append(_(
                        "%(product)s is forecast twice for %(month)s: the first time on row %(row)s.",
                        product=product.display_name, month=month.strftime("%Y-%m"), row=seen[key],
                    ))
                seen.setdefault(key, row["row"])
                lines.append({"product_id": product.id, "month": month, "quantity": quantity})
            errors += [{"row": row["row"], "message": message} for message in messages]
        return lines, errors

    @staticmethod
    def _dealer_portal_row_skipped(row):
        """A line of a file without a quantity (a line of the template left as it was downloaded): left out."""
        return row.get("quantity") is None or not str(row["quantity"]).strip()

    @api.model
    def _dealer_portal_month(self, value, months, messages):
        """The forecast month (a date, or text as 2026-01) when it is one of the months open to forecast."""
        if isinstance(value, datetime.datetime):
            month = value.date().replace(day=1)
        elif isinstance(value, datetime.date):
            month = value.replace(day=1)
        else:
            text = str(value or "").strip().replace("/", "-")
            try:
                month = fields.Date.to_date(f"{text[:7]}-01") if len(text) >= 7 else None
            except ValueError:
                month = None
        if month not in months:
            messages.append(_(
                "The month %(value)s is not open to forecast: forecast %(months)s.",
                value=str(value or ""), months=", ".join(month.strftime("%Y-%m") for month in months),
            ))
            return None
        return month

    @api.model
    def _dealer_portal_submit(self, dealer, lines):
        """Record and submit the dealer's checked forecast lines from the portal (all or none)."""
        if not dealer:
            raise AccessError(_("Only the users of a dealer can submit forecasts."))
        # sudo: portal users have no right to create or write forecasts. Safe: the lines hold only the products
        # of the dealer's own list, the open months and checked quantities, the dealer is the user's own
        # (res.users._dealer_portal_dealer) and clean_context drops every default_* key of the caller.
        Forecast = self.with_env(self.env(su=True, context=clean_context(self.env.context)))
        return Forecast._dealer_forecast_submit(dealer, lines).sudo(False)
