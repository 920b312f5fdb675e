from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from .portal import DealerPortal

# empty product lines offered by the form
FORM_LINES = 8
# the session key of the upload form's one-time token
UPLOAD_TOKEN = "dealer_portal_stock_report_upload_token"


class DealerStockReportPortal(DealerPortal):
    """Channel stock reports (渠道库存上报) on the portal: list, detail, form, CSV/XLSX upload and its template.

    A distributor's users also read the reports of its sub-dealers (read-only, record rule). Reports are
    created by the routes only (validated first, then created and submitted in one savepoint). A one-time token
    refuses an upload form replayed after its submission.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "stock_report_count" in counters:
            values["stock_report_count"] = self._dealer_count(
                "dealer.stock.report", self._stock_report_domain)
        return values

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _stock_report_domain(dealer):
        """Reports of the dealer and of its sub-dealers (the record rule enforces the same)."""
        return [("partner_id", "in", dealer._dealer_portal_with_sub_dealers().ids)]

    def _stock_report_form_values(self, dealer, post=None, error=None, errors=None, lines=None):
        Report = request.env["dealer.stock.report"]
        values = self._prepare_portal_layout_values()
        products = Report._dealer_portal_products(dealer) if dealer else request.env["product.product"]
        posted = list(lines or [])
        values.update({
            "page_name": "dealer_stock_report_new",
            "dealer": dealer,
            "products": products,
            "form_lines": posted + [{}] * max(FORM_LINES - len(posted), 2),
            "post": post or {},
            "error": error,
            "row_errors": errors or [],
            "upload_limits": self._dealer_spreadsheet_limits(),
            "upload_token": self._dealer_form_token(UPLOAD_TOKEN) if dealer else "",
            "file_columns": Report._dealer_portal_file_columns(),
        })
        return values

    def _render_stock_report_form(self, dealer, status=200, **kwargs):
        values = self._stock_report_form_values(dealer, **kwargs)
        return request.render("dealer_portal.portal_stock_report_form", values, status=status)

    def _stock_report_form_rows(self):
        """The product lines posted by the form (lists of same-named inputs), blank lines left out."""
        form = request.httprequest.form
        products, quantities = form.getlist("product_id"), form.getlist("quantity")
        lots, notes = form.getlist("lot_name"), form.getlist("line_note")
        rows = []
        for index, product in enumerate(products):
            quantity = quantities[index] if index < len(quantities) else ""
            if not product and not quantity.strip():
                continue
            product_id = self._dealer_int(product)
            rows.append({
                "row": len(rows) + 1, "product_id": product_id or -1, "product_raw": product, "quantity": quantity,
                "lot_name": lots[index] if index < len(lots) else "",
                "note": notes[index] if index < len(notes) else "",
            })
        return rows

    def _stock_report_create(self, dealer, post, rows):
        """Validate the date and every row, then create and submit the report: (report, error, row errors)."""
        Report = request.env["dealer.stock.report"]
        day, error = Report._dealer_portal_date(post.get("date"))
        lines, row_errors = Report._dealer_portal_check_lines(dealer, rows)
        if error or row_errors:
            return None, error or _("Nothing was saved: correct the lines below."), row_errors
        try:
            with request.env.cr.savepoint():
                report = Report._dealer_portal_submit(dealer, day, (post.get("note") or "").strip(), lines)
        except (AccessError, UserError, ValidationError) as e:
            return None, self._dealer_error_message(e), []
        return report, None, []

    @staticmethod
    def _stock_report_file_rows(name, content):
        """The filled rows of an uploaded file (dealer_portal_queue takes larger files, recorded in the background)."""
        return request.env["dealer.stock.report"]._dealer_portal_rows_from_file(name, content)

    def _stock_report_upload_create(self, dealer, post, rows):
        """Create the report of an uploaded file: (the page to show, error, row errors)."""
        report, error, row_errors = self._stock_report_create(dealer, post, rows)
        return report and f"/my/stock_reports/{report.id}?submitted=1", error, row_errors

    # ------------------------------------------------------------------ routes
    @http.route(["/my/stock_reports", "/my/stock_reports/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)
    def portal_my_stock_reports(self, page=1, **kw):
        dealer = request.env.user._dealer_portal_dealer()
        values = self._dealer_list_values(
            "dealer.stock.report", "/my/stock_reports", page, "dealer_stock_reports",
            self._stock_report_domain(dealer) if dealer else [(0, "=", 1)],
        )
        values["reports"] = values["records"]
        return request.render("dealer_portal.portal_my_stock_reports", values)

    @http.route(["/my/stock_reports/<int:report_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_stock_report_page(self, report_id, submitted=None, **kw):
        report = request.env["dealer.stock.report"].browse(report_id).exists()
        # read with the user's rights (record rule: own dealer and sub-dealers); no share token for stock reports
        if not report or not report.has_access("read"):
            return request.redirect("/my/stock_reports")
        dealer = request.env.user._dealer_portal_dealer()
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer_stock_report",
            # sudo: rendering a report the user may read (checked above), with its product names
            "report": report.sudo(),
            "is_own": report.sudo().partner_id == dealer,
            "submitted": submitted,
        })
        return request.render("dealer_portal.portal_stock_report_page", values)

    @http.route(["/my/stock_reports/new"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_stock_report_new(self, **post):
        dealer = request.env.user._dealer_portal_dealer()
        if request.httprequest.method != "POST" or not dealer:
            return self._render_stock_report_form(dealer)
        rows = self._stock_report_form_rows()
        report, error, row_errors = self._stock_report_create(dealer, post, rows)
        if error:
            return self._render_stock_report_form(dealer, post=post, error=error, errors=row_errors, lines=rows)
        return request.redirect(f"/my/stock_reports/{report.id}?submitted=1")

    @http.route(["/my/stock_reports/upload"], type="http", auth="user", website=True, methods=["POST"])
    def portal_stock_report_upload(self, **post):
        dealer = request.env.user._dealer_portal_dealer()
        if not dealer:
            return self._render_stock_report_form(dealer)
        if not self._dealer_check_form_token(UPLOAD_TOKEN, post.get("upload_token")):
            return self._render_stock_report_form(dealer, post=post, error=self._dealer_replayed_form_message())
        upload, error = self._dealer_spreadsheet_upload("file")
        rows, row_errors = [], []
        if not error:
            name, content = upload
            try:
                rows = self._stock_report_file_rows(name, content)
            except UserError as e:
                error = self._dealer_error_message(e)
        if not error:
            url, error, row_errors = self._stock_report_upload_create(dealer, post, rows)
        if error:
            return self._render_stock_report_form(dealer, post=post, error=error, errors=row_errors)
        self._dealer_spend_form_token(UPLOAD_TOKEN)
        return request.redirect(url)

    @http.route(["/my/stock_reports/template.csv", "/my/stock_reports/template.xlsx"], type="http", auth="user",
                website=True, readonly=True)
    def portal_stock_report_template(self, **kw):
        """The upload template, with one line per product the dealer buys."""
        file_type = request.httprequest.path.rsplit(".", 1)[-1]
        dealer = request.env.user._dealer_portal_dealer()
        content = request.env["dealer.stock.report"]._dealer_portal_template(dealer, file_type)
        # a name the dealer recognises, in its language (库存上报模板.xlsx; sent as RFC 5987 by content_disposition);
        # translated outside the f-string, where the terms' extraction would not see it
        name = _("Stock report template")
        return self._dealer_spreadsheet_response(file_type, content, f"{name}.{file_type}")
