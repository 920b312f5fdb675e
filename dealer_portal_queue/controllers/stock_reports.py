from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import clean_context

from odoo.addons.dealer_portal.controllers.portal import DealerPortal
from odoo.addons.dealer_portal.controllers.stock_reports import DealerStockReportPortal

from ..models.dealer_stock_report_upload import MAX_STOCK_REPORT_FILE_ROWS


class DealerStockReportQueuePortal(DealerStockReportPortal):
    """A stock-report file above the company's threshold of lines: every row is checked at once, then kept as a
    ``dealer.stock.report.upload`` whose job creates the report; the dealer follows it on /my/stock_reports/uploads.
    """

    def _stock_report_form_values(self, dealer, post=None, error=None, errors=None, lines=None):
        values = super()._stock_report_form_values(dealer, post=post, error=error, errors=errors, lines=lines)
        values["queue_note"] = request.env.company._dealer_queue_file_note(MAX_STOCK_REPORT_FILE_ROWS)
        return values

    @staticmethod
    def _stock_report_file_rows(name, content):
        return request.env["dealer.stock.report"]._dealer_portal_rows_from_file(
            name, content, max_rows=MAX_STOCK_REPORT_FILE_ROWS)

    def _stock_report_upload_create(self, dealer, post, rows):
        if request.env.company._dealer_queue_runs_now(len(rows)):
            return super()._stock_report_upload_create(dealer, post, rows)
        Report = request.env["dealer.stock.report"]
        day, error = Report._dealer_portal_date(post.get("date"))
        row_errors = Report._dealer_portal_check_lines(dealer, rows)[1]
        if error or row_errors:
            return None, error or _("Nothing was saved: correct the lines below."), row_errors
        # sudo: portal users have no right on uploads. Safe: the dealer is the user's own, every row was checked
        # above (and is checked again by the job), and clean_context drops the caller's default_* keys
        Upload = request.env["dealer.stock.report.upload"].with_env(
            request.env(su=True, context=clean_context(request.env.context)))
        try:
            with request.env.cr.savepoint():
                upload = Upload._dealer_portal_queue(dealer, day, (post.get("note") or "").strip(), rows)
        except (AccessError, UserError, ValidationError) as e:
            return None, self._dealer_error_message(e), []
        return f"/my/stock_reports/uploads/{upload.id}?queued=1", None, []

    # ------------------------------------------------------------------ uploads recorded in the background
    @http.route(["/my/stock_reports/uploads", "/my/stock_reports/uploads/page/<int:page>"], type="http",
                auth="user", website=True, readonly=True)
    def portal_my_stock_report_uploads(self, page=1, **kw):
        return self._dealer_upload_list(
            "dealer.stock.report.upload", "/my/stock_reports/uploads", page, "dealer_stock_report_uploads",
            "dealer_portal_queue.portal_my_stock_report_uploads")

    @http.route(["/my/stock_reports/uploads/<int:upload_id>"], type="http", auth="user", website=True,
                readonly=DealerPortal._dealer_readonly_page)
    def portal_stock_report_upload_page(self, upload_id, queued=None, **kw):
        return self._dealer_upload_page(
            "dealer.stock.report.upload", upload_id, "/my/stock_reports/uploads", "dealer_stock_report_upload_status",
            "dealer_portal_queue.portal_stock_report_upload_page", queued=queued)
