from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import clean_context

from odoo.addons.dealer_portal.controllers.portal import DealerPortal

from ..models.dealer_sellout_forecast import FORECAST_FILE_COLUMNS, FORECAST_FILE_REQUIRED
from ..models.dealer_sellout_forecast_upload import MAX_FORECAST_FILE_ROWS
from . import common

GRID_TOKEN = "dealer_portal_forecast_grid_token"
UPLOAD_TOKEN = "dealer_portal_forecast_upload_token"


class DealerForecastPortal(DealerPortal):
    """The dealer's rolling 3-month order forecast (订单预测) on the portal: a grid of its products over the next
    three months, or a CSV/XLSX upload; both submitted through ``dealer.sellout.forecast._dealer_forecast_submit``
    once every line is checked (one savepoint: nothing is recorded when a line is wrong). A file above the company's
    threshold of lines becomes a ``dealer.sellout.forecast.upload`` submitted in the background, whose status the
    dealer follows on /my/forecasts/uploads."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_forecast_count" in counters:
            months = request.env["dealer.sellout.forecast"]._dealer_forecast_months()
            values["dealer_forecast_count"] = self._dealer_count(
                "dealer.sellout.forecast", lambda dealer: [("dealer_id", "=", dealer.id), ("month", "in", months)])
        return values

    # ------------------------------------------------------------------ helpers
    def _forecast_values(self, dealer, error=None, errors=None, posted=None, success=None):
        Forecast = request.env["dealer.sellout.forecast"]
        values = self._prepare_portal_layout_values()
        products, months, quantities = (
            Forecast._dealer_portal_grid(dealer) if dealer else (request.env["product.product"], [], {})
        )
        values.update({
            "page_name": "dealer_forecasts",
            "dealer": dealer,
            "products": products,
            "months": months,
            # the figures typed when the grid is shown again after an error, else the recorded ones
            "cell_value": lambda product, month: (
                posted.get(self._forecast_cell(product.id, month), "") if posted is not None
                else ("%g" % quantities[(product.id, month)] if (product.id, month) in quantities else "")
            ),
            "cell_name": self._forecast_cell,
            "error": error,
            "row_errors": common.row_messages(errors or []),
            "success": success,
            "grid_token": self._dealer_form_token(GRID_TOKEN) if dealer else "",
            "upload_token": self._dealer_form_token(UPLOAD_TOKEN) if dealer else "",
            "upload_limits": self._dealer_spreadsheet_limits(),
            "queue_note": request.env.company._dealer_queue_file_note(MAX_FORECAST_FILE_ROWS),
            "file_columns": common.column_labels(FORECAST_FILE_COLUMNS),
        })
        return values

    def _render_forecasts(self, dealer, status=200, **kwargs):
        return request.render("dealer_portal_sellout.portal_my_forecasts", self._forecast_values(dealer, **kwargs),
                              status=status)

    @staticmethod
    def _forecast_cell(product_id, month):
        return f"qty_{product_id}_{month.strftime('%Y-%m')}"

    def _forecast_grid_rows(self, dealer, post):
        """The cells of the grid as rows: filled cells, and emptied cells of a recorded forecast (as 0)."""
        products, months, quantities = request.env["dealer.sellout.forecast"]._dealer_portal_grid(dealer)
        rows = []
        for product in products:
            for month in months:
                value = (post.get(self._forecast_cell(product.id, month)) or "").strip()
                if value or (product.id, month) in quantities:
                    rows.append({"row": len(rows) + 1, "product_id": product.id, "month": month,
                                 "quantity": value or "0", "label": f"{product.display_name} {month:%Y-%m}"})
        return rows

    def _forecast_submit(self, dealer, rows, queue=False):
        """Check every row, then submit them in one savepoint, or (``queue``: a file) queue them as one upload above
        the company's threshold of lines: (the forecasts or the upload, error, row errors)."""
        Forecast = request.env["dealer.sellout.forecast"]
        lines, row_errors = Forecast._dealer_portal_prepare(dealer, rows)
        if row_errors:
            return None, _("Nothing was recorded: correct the lines below and submit again."), row_errors
        if not lines:
            return None, _("Enter at least one quantity."), []
        try:
            with request.env.cr.savepoint():
                if queue and not request.env.company._dealer_queue_runs_now(len(lines)):
                    # sudo: portal users have no right on uploads. Safe: the dealer is the user's own, every row
                    # was checked above (and is checked again by the job), clean_context drops the default_* keys
                    Upload = request.env["dealer.sellout.forecast.upload"].with_env(
                        request.env(su=True, context=clean_context(request.env.context)))
                    return Upload._dealer_portal_queue(dealer, rows), None, []
                forecasts = Forecast._dealer_portal_submit(dealer, lines)
        except (AccessError, UserError, ValidationError) as e:
            return None, self._dealer_error_message(e), []
        return forecasts, None, []

    # ------------------------------------------------------------------ routes
    @http.route(["/my/forecasts"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_my_forecasts(self, submitted=None, **post):
        dealer = request.env.user._dealer_portal_dealer()
        if request.httprequest.method != "POST" or not dealer:
            success = _("Your forecast is submitted.") if submitted else None
            return self._render_forecasts(dealer, success=success)
        if not self._dealer_check_form_token(GRID_TOKEN, post.get("grid_token")):
            return self._render_forecasts(dealer, error=self._dealer_replayed_form_message())
        rows = self._forecast_grid_rows(dealer, post)
        labels = {row["row"]: row["label"] for row in rows}
        _forecasts, error, row_errors = self._forecast_submit(dealer, rows)
        if error:
            # a cell is named by its product and month rather than a row number
            errors = [{"row": None, "message": f"{labels.get(item['row'], '')}: {item['message']}"}
                      for item in row_errors]
            return self._render_forecasts(dealer, error=error, errors=errors, posted=post)
        self._dealer_spend_form_token(GRID_TOKEN)
        return request.redirect("/my/forecasts?submitted=1")

    @http.route(["/my/forecasts/upload"], type="http", auth="user", website=True, methods=["POST"])
    def portal_forecast_upload(self, **post):
        dealer = request.env.user._dealer_portal_dealer()
        if not dealer:
            return self._render_forecasts(dealer)
        if not self._dealer_check_form_token(UPLOAD_TOKEN, post.get("upload_token")):
            return self._render_forecasts(dealer, error=self._dealer_replayed_form_message())
        rows, error = self._dealer_spreadsheet_rows(
            FORECAST_FILE_COLUMNS, FORECAST_FILE_REQUIRED, max_rows=MAX_FORECAST_FILE_ROWS)
        row_errors = []
        if not error:
            result, error, row_errors = self._forecast_submit(dealer, rows, queue=True)
        if error:
            return self._render_forecasts(dealer, error=error, errors=row_errors)
        self._dealer_spend_form_token(UPLOAD_TOKEN)
        if result._name == "dealer.sellout.forecast.upload":
            return request.redirect(f"/my/forecasts/uploads/{result.id}?queued=1")
        return request.redirect("/my/forecasts?submitted=1")

    # ------------------------------------------------------------------ files submitted in the background
    @http.route(["/my/forecasts/uploads", "/my/forecasts/uploads/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_forecast_uploads(self, page=1, **kw):
        return self._dealer_upload_list("dealer.sellout.forecast.upload", "/my/forecasts/uploads", page,
                                        "dealer_forecast_uploads", "dealer_portal_sellout.portal_my_forecast_uploads")

    @http.route(["/my/forecasts/uploads/<int:upload_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_forecast_upload_page(self, upload_id, queued=None, **kw):
        return self._dealer_upload_page(
            "dealer.sellout.forecast.upload", upload_id, "/my/forecasts/uploads", "dealer_forecast_upload_status",
            "dealer_portal_sellout.portal_forecast_upload_page", queued=queued)

    @http.route(["/my/forecasts/template.<string:file_type>"], type="http", auth="user", website=True, readonly=True)
    def portal_forecast_template(self, file_type, **kw):
        # the sheet's and the file's names in the user's language (销售预测模板.xlsx)
        content = common.template_content(
            file_type, FORECAST_FILE_COLUMNS, _("Forecast"),
            rows=request.env["dealer.sellout.forecast"]._dealer_portal_template_rows,
        )
        # translated outside the f-string, where the terms' extraction sees it
        name = _("Forecast template")
        return self._dealer_spreadsheet_response(file_type, content, f"{name}.{file_type}")
