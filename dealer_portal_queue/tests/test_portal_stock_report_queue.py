"""A dealer's large stock-report file is created in the background: queued by the upload route, performed here as
queue_job's runner performs it (``RunJobController._try_perform_job``) or with queue_job's ``trap_jobs``, its
status on the dealer's portal pages."""
from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common_forms import DealerFormsCase, csv_bytes
from odoo.addons.dealer_queue.tests.common import QueuedJobMixin, trap_jobs

from ..models.dealer_stock_report_upload import MAX_STOCK_REPORT_FILE_ROWS

UPLOAD = "/my/stock_reports/upload"
UPLOADS = "/my/stock_reports/uploads"
HEADER = ["product_code", "quantity", "lot_name", "note"]


def rows(*codes):
    """A file of one line per code (PR-1 of dealer A's orders, PR-2 its valve), each with its own lot."""
    return csv_bytes([HEADER, *([code, "2", f"L{index}", ""] for index, code in enumerate(codes, 1))])


@tagged("post_install", "-at_install")
class TestPortalStockReportQueue(QueuedJobMixin, DealerFormsCase):
    """More than two lines go to the background (threshold 2); dealer A's user uploads."""

    uploads_url = UPLOADS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.dealer_queue_line_threshold = 2
        cls.Upload = cls.env["dealer.stock.report.upload"]

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")
        self.day = self.today - timedelta(days=1)

    # ------------------------------------------------------------------ helpers
    def _upload(self, content, day=None):
        return self.url_open(UPLOAD, data={"csrf_token": self._csrf(), "date": str(day or self.day)},
                             files={"file": ("stock.csv", content)})

    def _reports_of_a(self):
        self.env.invalidate_all()
        return self.env["dealer.stock.report"].search([("partner_id", "=", self.dealer_a.id)])

    def _uploads(self):
        self.env.invalidate_all()
        return self.Upload.search([("dealer_id", "=", self.dealer_a.id)])

    @staticmethod
    def _large_file():
        return rows("PR-1", "PR-1", "PR-2")

    # ------------------------------------------------------------------ at once, queued, done
    def test_small_file_created_at_once(self):
        response = self._upload(rows("PR-1", "PR-2"))
        report = self._reports_of_a() - self.report_a
        self.assertEqual(len(report), 1)
        self.assertTrue(response.url.endswith(f"/my/stock_reports/{report.id}?submitted=1"), response.url)
        self.assertRecordValues(report, [{"state": "submitted", "line_count": 2}])
        self.assertFalse(self._uploads())
        self.assertFalse(self.env["queue.job"].search([]))

    def test_large_file_queued_then_done(self):
        form = self.url_open("/my/stock_reports/new").text
        self.assertIn(f"At most {MAX_STOCK_REPORT_FILE_ROWS} lines per file; a file of more than 2 lines", form)
        self.assertIn('href="/my/stock_reports/uploads"', self.url_open("/my/stock_reports").text)
        response, upload = self._queue()
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"{UPLOADS}/{upload.id}?queued=1"), response.url)
        self.assertIn("o_dealer_stock_report_queued", response.text)
        self.assertIn("o_dealer_upload_queued", response.text)
        self.assertRecordValues(upload, [{
            "dealer_job_state": "queued", "line_count": 3, "date": self.day, "dealer_job_user_id": self.portal_a.id,
        }])
        self.assertRecordValues(self.env["queue.job"].search([("uuid", "=", upload.dealer_job_uuid)]), [{
            "state": "pending", "channel": "root.dealer",
        }])
        self.assertEqual(self._reports_of_a(), self.report_a, "nothing created before the job runs")
        listing = self.url_open(UPLOADS).text
        self.assertIn(upload.name, listing)
        self.assertIn("o_dealer_upload_queued", listing)
        self._run(upload)
        self.assertEqual(upload.dealer_job_state, "done")
        self.assertEqual(self.env["queue.job"].search([("uuid", "=", upload.dealer_job_uuid)]).state, "done")
        report = self._reports_of_a() - self.report_a
        self.assertRecordValues(report, [{"state": "submitted", "line_count": 3, "date": self.day}])
        self.assertEqual(upload.report_id, report)
        self.assertFalse(upload.line_vals, "the copy of the lines is dropped once recorded")
        page = self._status_page(upload)
        self.assertIn("o_dealer_upload_done", page)
        self.assertIn(f'href="/my/stock_reports/{report.id}"', page)
        self.assertIn(self.portal_a.partner_id, upload.message_ids.partner_ids)

    def test_running_job_says_running(self):
        _response, upload = self._queue()
        job = self._job(upload)
        job.set_started()
        job.store()
        page = self._status_page(upload)
        self.assertIn("o_dealer_upload_running", page)
        self.assertEqual(self._reports_of_a(), self.report_a)

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
            self.assertEqual(self._reports_of_a(), self.report_a)
            trap.perform_enqueued_jobs()
        self.assertEqual(upload.dealer_job_state, "done")
        self.assertRecordValues(upload.report_id, [{
            "partner_id": self.dealer_a.id, "state": "submitted", "line_count": 2, "note": "note",
        }])

    def test_file_larger_than_other_uploads_is_queued(self):
        """2,001 lines (the other uploads' limit is 2,000) are read, checked and queued; nothing created yet."""
        _response, upload = self._queue(rows(*["PR-1"] * 2001))
        self.assertEqual((upload.line_count, upload.dealer_job_state), (2001, "queued"))
        self.assertEqual(self._reports_of_a(), self.report_a)

    def test_file_above_portal_limit_refused(self):
        response = self._upload(rows(*["PR-1"] * (MAX_STOCK_REPORT_FILE_ROWS + 1)))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_form_error", response.text)
        self.assertIn(f"more than {MAX_STOCK_REPORT_FILE_ROWS} lines", response.text)
        self.assertFalse(self._uploads())
        self.assertEqual(self._reports_of_a(), self.report_a)
        self.assertFalse(self.env["queue.job"].search([]))

    def test_wrong_rows_of_a_large_file_refused_at_once(self):
        response = self._upload(rows("PR-1", "NOPE-404", "PR-1", "PR-9"))
        self.assertEqual(response.status_code, 200)
        for message in ("Row 3: unknown product code NOPE-404", "Row 5: unknown product code PR-9"):
            self.assertIn(message, response.text)
        self.assertFalse(self._uploads())
        self.assertFalse(self.env["queue.job"].search([]))
        self.assertEqual(self._reports_of_a(), self.report_a)

    # ------------------------------------------------------------------ failure, retry, all or nothing
    def test_refused_file_keeps_nothing_and_lists_rows(self):
        """The valve's code changes while the file waits: the job refuses the file (rows 3 and 4), nothing of it
        is created, the page says failed with the rows' errors; the same file once the code is back is created."""
        _response, upload = self._queue(rows("PR-1", "PR-2", "PR-2"))
        self.valve.default_code = "PR-2X"
        reports_before = self._count("dealer.stock.report")
        lines_before = self._count("dealer.stock.report.line")
        self._run(upload)
        self.assertEqual(upload.dealer_job_state, "failed")
        self.assertEqual(self._count("dealer.stock.report"), reports_before)
        self.assertEqual(self._count("dealer.stock.report.line"), lines_before)
        self.assertFalse(upload.report_id)
        self.assertTrue(upload.line_vals, "the lines are kept for a retry")
        page = self._status_page(upload)
        self.assertIn("o_dealer_upload_failed", page)
        self.assertIn("Nothing was saved", page)
        self.assertIn("Row 3: unknown product code PR-2", page)
        self.assertIn("Row 4: unknown product code PR-2", page)
        self.assertNotIn("Row 2:", page)
        self.assertFalse(upload.activity_ids, "a portal user gets the message, not a to-do")
        self.assertIn(self.portal_a.partner_id, upload.message_ids.partner_ids)
        self.valve.default_code = "PR-2"
        self._upload(rows("PR-1", "PR-2", "PR-2"))
        again = self._uploads() - upload
        self._run(again)
        self.assertEqual(again.dealer_job_state, "done")
        self.assertEqual(again.report_id.line_count, 3)

    def test_unexpected_failure_then_requeue(self):
        """queue_job gives up (after its retries): the page says failed; Requeue, then the job creates the report."""
        _response, upload = self._queue()
        self._fail_job(upload)
        self.assertEqual(upload.dealer_job_state, "failed")
        self.assertIn("o_dealer_upload_failed", self._status_page(upload))
        self.assertEqual(self._reports_of_a(), self.report_a)
        self._requeue(upload)
        self.assertEqual(upload.dealer_job_state, "queued")
        self._run(upload)
        self.assertEqual(upload.dealer_job_state, "done")
        self.assertEqual(len(self._reports_of_a() - self.report_a), 1)

    # ------------------------------------------------------------------ never twice
    def test_replayed_upload_queues_once(self):
        """The form sent again for the same day is refused at once while the first file waits, and once its report
        exists: one upload, one job, one report."""
        _response, upload = self._queue()
        for attempt in ("while queued", "once reported"):
            with self.subTest(attempt=attempt):
                response = self._upload(self._large_file())
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_dealer_form_error", response.text)
                self.assertIn("already recorded or being processed", response.text)
                self.assertEqual(self._uploads(), upload)
                self.assertEqual(self.env["queue.job"].search_count([]), 1)
                self._run(upload)
        self.assertEqual(len(self._reports_of_a() - self.report_a), 1)

    def test_replayed_job_creates_one_report(self):
        """The job performed again (a replay of the runner) does nothing: one report."""
        _response, upload = self._queue()
        self._run(upload)
        self.assertIn("Nothing to do", self._job(upload).perform())
        self.assertEqual(len(self._reports_of_a() - self.report_a), 1)
        self.assertEqual(self.env["queue.job"].search_count([]), 1)

    # ------------------------------------------------------------------ attacks
    def test_other_dealer_cannot_read_upload_status(self):
        _response, upload = self._queue()
        self.authenticate("pr_portal_b", "pr_portal_b")
        response = self.url_open(f"{UPLOADS}/{upload.id}")
        self.assertTrue(response.url.endswith(UPLOADS), response.url)
        self.assertNotIn(upload.name, response.text)
        self.assertNotIn(upload.name, self.url_open(UPLOADS).text)
        _result, error = self._call_kw("dealer.stock.report.upload", "read", [upload.ids, ["dealer_job_state"]])
        self.assertRpcRefused(error, "AccessError")
        result, error = self._call_kw("dealer.stock.report.upload", "search_read", [[("id", "=", upload.id)],
                                                                                  ["name"]])
        self.assertFalse(error or result)
        self.env.invalidate_all()
        self.assertEqual(upload.dealer_job_state, "queued")

    def test_forged_job_fields_over_rpc_refused(self):
        """The dealer's user may not mark its upload done, nor create a done upload (values or default_* keys),
        nor call the job or the queueing method."""
        _response, upload = self._queue()
        uploads_before = self._count("dealer.stock.report.upload")
        vals = {"name": "forged", "dealer_id": self.dealer_a.id, "date": str(self.day)}
        for method, args, context in (
            ("write", [upload.ids, {"dealer_job_state": "done", "dealer_job_message": "forged"}], {}),
            ("write", [upload.ids, {"line_vals": [], "report_id": self.report_a.id}], {}),
            ("create", [{**vals, "dealer_job_state": "done"}], {}),
            ("create", [vals], {"default_dealer_job_state": "done"}),
            ("_dealer_job_report", [upload.ids], {}),
            ("_dealer_job_write", [upload.ids, {"dealer_job_state": "done"}], {}),
            ("_dealer_portal_queue", [self.dealer_b.id, str(self.day), "", []], {}),
        ):
            with self.subTest(method=method, context=context):
                _result, error = self._call_kw("dealer.stock.report.upload", method, args, context=context)
                self.assertTrue(error, f"{method} was accepted")
        self.env.invalidate_all()
        self.assertRecordValues(upload, [{"dealer_job_state": "queued", "line_count": 3, "report_id": False}])
        self.assertTrue(upload.line_vals)
        self.assertEqual(self._count("dealer.stock.report.upload"), uploads_before)
        self.assertEqual(self._reports_of_a(), self.report_a)
