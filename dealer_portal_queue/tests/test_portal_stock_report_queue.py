"""A dealer's large stock-report file is created in the background: queued by the upload route, performed here as
queue_job's runner performs it or with queue_job's ``trap_jobs``, its status on the dealer's portal pages (the
scenarios of dealer_queue/tests/upload_cases.py, and the stock report's own: one report a day)."""
from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common import form_token
from odoo.addons.dealer_portal.tests.common_forms import DealerFormsCase, csv_bytes
from odoo.addons.dealer_queue.tests.common import trap_jobs
from odoo.addons.dealer_queue.tests.upload_cases import UploadQueueCases

from ..models.dealer_stock_report_upload import MAX_STOCK_REPORT_FILE_ROWS

HEADER = ["product_code", "quantity", "lot_name", "note"]


def rows(*codes):
    """A file of one line per code (PR-1 of dealer A's orders, PR-2 its valve), each with its own lot."""
    return csv_bytes([HEADER, *([code, "2", f"L{index}", ""] for index, code in enumerate(codes, 1))])


@tagged("post_install", "-at_install")
class TestPortalStockReportQueue(UploadQueueCases, DealerFormsCase):
    """More than two lines go to the background (threshold 2); dealer A's user uploads."""

    upload_model = "dealer.stock.report.upload"
    upload_url = "/my/stock_reports/upload"
    form_url = "/my/stock_reports/new"
    max_rows = MAX_STOCK_REPORT_FILE_ROWS
    created_models = ("dealer.stock.report", "dealer.stock.report.line")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Upload = cls.env["dealer.stock.report.upload"]

    def setUp(self):
        super().setUp()
        self.day = self.today - timedelta(days=1)

    # ------------------------------------------------------------------ hooks
    def _upload(self, content, token=None, day=None):
        return self._stock_report_upload(content, day or self.day, token=token)

    def _upload_token(self):
        return form_token(self, self.form_url, "upload_token")

    @staticmethod
    def _file(count):
        return rows(*(["PR-1", "PR-2"] * count)[:count])

    def _reports_of_a(self):
        self.env.invalidate_all()
        return self.env["dealer.stock.report"].search([("partner_id", "=", self.dealer_a.id)]) - self.report_a

    def _count_created(self):
        return sum(self._reports_of_a().mapped("line_count"))

    def _assert_at_once(self, response):
        report = self._reports_of_a()
        self.assertTrue(response.url.endswith(f"/my/stock_reports/{report.id}?submitted=1"), response.url)
        self.assertRecordValues(report, [{"state": "submitted", "line_count": 2}])

    def _assert_done(self, upload, page):
        report = self._reports_of_a()
        self.assertRecordValues(report, [{"state": "submitted", "line_count": 3, "date": self.day}])
        self.assertEqual(upload.report_id, report)
        self.assertIn(f'href="/my/stock_reports/{report.id}"', page)

    @staticmethod
    def _wrong_file():
        return rows("PR-1", "NOPE-404", "PR-1", "PR-9"), [
            "Row 3: unknown product code NOPE-404", "Row 5: unknown product code PR-9",
        ]

    @staticmethod
    def _refused_file():
        return rows("PR-1", "PR-2", "PR-2")

    def _break(self, broken=True):
        """The valve's code changes while the file waits: rows 3 and 4 name an unknown code."""
        self.valve.default_code = "PR-2X" if broken else "PR-2"
        return "Row 3: unknown product code PR-2", "Row 4: unknown product code PR-2"

    def _upload_vals(self):
        return {**super()._upload_vals(), "date": str(self.day)}

    def _forged_calls(self, upload):
        return (
            ("write", [upload.ids, {"report_id": self.report_a.id}], {}),
            ("_dealer_portal_queue", [self.dealer_b.id, str(self.day), "", []], {}),
        )

    def _other_users(self):
        return self.portal_b | self.portal_d

    # ------------------------------------------------------------------ the stock report's own
    def test_list_links_uploaded_files(self):
        self.assertIn('href="/my/stock_reports/uploads"', self.url_open("/my/stock_reports").text)

    def test_job_trapped_and_performed(self):
        """queue_job's own test helper: the job is trapped (never stored), checked, then performed."""
        dealer_upload = self.Upload.with_user(self.portal_a).sudo()
        with trap_jobs() as trap:
            upload = dealer_upload._dealer_portal_queue(self.dealer_a, self.day, "note", [
                {"row": 2, "product_code": "PR-1", "quantity": "1", "lot_name": "T1"},
                {"row": 3, "product_code": "PR-2", "quantity": "4", "lot_name": ""},
            ])
            trap.assert_jobs_count(1, only=upload._dealer_job_report)
            trap.assert_enqueued_job(upload._dealer_job_report)
            self.assertFalse(self._reports_of_a())
            trap.perform_enqueued_jobs()
        self.assertEqual(upload.dealer_job_state, "done")
        self.assertRecordValues(upload.report_id, [{
            "partner_id": self.dealer_a.id, "state": "submitted", "line_count": 2, "note": "note",
        }])

    def test_same_day_again_queues_once(self):
        """A new form (a fresh token) for the same day is refused at once while the first file waits, and once its
        report exists: one upload, one job, one report."""
        _response, upload = self._queue()
        for attempt in ("while queued", "once reported"):
            with self.subTest(attempt=attempt):
                response = self._upload(self._large_file())
                self._assert_refused_form(response, "already recorded or being processed")
                self.assertEqual(self._uploads(), upload)
                self.assertEqual(self.env["queue.job"].search_count([]), 1)
                self._run(upload)
        self.assertEqual(len(self._reports_of_a()), 1)
