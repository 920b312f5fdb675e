"""A dealer's large sell-out file is recorded in the background: queued by the upload route, performed here as
queue_job's runner performs it (``RunJobController._try_perform_job``), its status on the dealer's portal pages."""
from odoo.tests import JsonRpcException, tagged

from odoo.addons.dealer_queue.tests.common import QueuedJobMixin

from ..models.dealer_sellout import MAX_SELLOUT_FILE_ROWS
from .common import PortalSelloutCase
from .test_portal_sellout_upload import HEADER, UPLOAD

UPLOADS = "/my/sellouts/uploads"
ACCESS_ERROR = r"odoo\.exceptions\.AccessError"
MAT_ROW = "2026-11-03,MAT-01,,1,150,Li Si,,浙江省,杭州,\n"
VIN_ROW = "2026-11-02,VX1,VIN-P-001,1,120000,Zhang San,13800000000,浙江省,杭州,西湖区 1 号\n"


@tagged("post_install", "-at_install")
class TestPortalSelloutQueue(QueuedJobMixin, PortalSelloutCase):
    """More than two lines go to the background (threshold 2); dealer A's user Amy uploads."""

    uploads_url = UPLOADS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.dealer_queue_line_threshold = 2
        cls.Upload = cls.env["dealer.sellout.upload"]

    def setUp(self):
        super().setUp()
        self.authenticate("so_portal_a", "so_portal_a")

    # ------------------------------------------------------------------ helpers
    def _upload(self, content, token=None):
        token = token or self._token(UPLOAD, "upload_token")
        return self._post(UPLOAD, {}, files={"file": ("sales.csv", content.encode())}, token_name="upload_token",
                          token=token)

    def _portal_sales(self):
        self.env.invalidate_all()
        return self.Sellout.search([("source", "=", "portal"), ("dealer_id", "=", self.dealer_a.id)])

    def _uploads(self):
        self.env.invalidate_all()
        return self.Upload.search([("dealer_id", "=", self.dealer_a.id)])

    @staticmethod
    def _large_file():
        return HEADER + MAT_ROW * 3

    # ------------------------------------------------------------------ at once, queued, done
    def test_small_file_recorded_at_once(self):
        response = self._upload(HEADER + MAT_ROW * 2)
        self.assertIn("2 retail sales were recorded.", response.text)
        self.assertEqual(len(self._portal_sales()), 2)
        self.assertFalse(self._uploads())
        self.assertFalse(self.env["queue.job"].search([]))

    def test_large_file_queued_then_done(self):
        form = self.url_open(UPLOAD).text
        self.assertIn(f"At most {MAX_SELLOUT_FILE_ROWS} lines per file; a file of more than 2 lines is recorded", form)
        response, upload = self._queue()
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"{UPLOADS}/{upload.id}?queued=1"), response.url)
        self.assertIn("o_dealer_sellout_queued", response.text)
        self.assertIn("o_dealer_upload_queued", response.text)
        self.assertRecordValues(upload, [{
            "dealer_job_state": "queued", "line_count": 3, "source": "portal", "dealer_job_user_id": self.portal_a.id,
        }])
        self.assertEqual(self.env["queue.job"].search([("uuid", "=", upload.dealer_job_uuid)]).state, "pending")
        self.assertFalse(self._portal_sales())
        # the list of the dealer's uploads shows it queued
        listing = self.url_open(UPLOADS).text
        self.assertIn(upload.name, listing)
        self.assertIn("o_dealer_upload_queued", listing)
        self._run(upload)
        self.assertEqual(upload.dealer_job_state, "done")
        self.assertEqual(self.env["queue.job"].search([("uuid", "=", upload.dealer_job_uuid)]).state, "done")
        sales = self._portal_sales()
        self.assertEqual(len(sales), 3)
        self.assertEqual(sales.upload_id, upload)
        self.assertEqual(set(sales.mapped("state")), {"draft"})
        page = self._status_page(upload)
        self.assertIn("o_dealer_upload_done", page)
        self.assertIn("3 retail sales recorded in draft.", page)
        # the user who uploaded is told (a message to its partner)
        self.assertIn(self.portal_a.partner_id, upload.message_ids.partner_ids)

    def test_running_job_says_running(self):
        _response, upload = self._queue()
        job = self._job(upload)
        job.set_started()
        job.store()
        page = self._status_page(upload)
        self.assertIn("o_dealer_upload_running", page)
        self.assertIn("Running", page)
        self.assertFalse(self._portal_sales())

    def test_file_larger_than_other_uploads_is_queued(self):
        """2,001 lines (the other uploads' limit is 2,000) are read, checked and queued; nothing recorded yet."""
        _response, upload = self._queue(HEADER + MAT_ROW * 2001)
        self.assertEqual((upload.line_count, upload.dealer_job_state), (2001, "queued"))
        self.assertFalse(self._portal_sales())

    def test_file_above_portal_limit_refused(self):
        response = self._upload(HEADER + MAT_ROW * (MAX_SELLOUT_FILE_ROWS + 1))
        self.assertPageError(response, f"more than {MAX_SELLOUT_FILE_ROWS} lines")
        self.assertFalse(self._uploads())
        self.assertFalse(self._portal_sales())
        self.assertFalse(self.env["queue.job"].search([]))

    # ------------------------------------------------------------------ failure, retry, all or nothing
    def test_refused_file_keeps_nothing_and_lists_rows(self):
        """The floor mats become tracked by serial while the file waits: the job refuses the file (rows 3 and 4,
        without a serial), nothing of it is recorded, the page says failed with the rows' errors; a corrected file
        is recorded."""
        _response, upload = self._queue(HEADER + VIN_ROW + MAT_ROW * 2)
        self.accessory.tracking = "serial"
        self._run(upload)
        self.assertEqual(upload.dealer_job_state, "failed")
        self.assertEqual(self._portal_sales(), self.sale_a.filtered(lambda sale: sale.source == "portal"))
        self.assertFalse(upload.sellout_ids)
        self.assertTrue(upload.line_vals, "the lines are kept for a retry")
        page = self._status_page(upload)
        self.assertIn("o_dealer_upload_failed", page)
        self.assertIn("Nothing was recorded", page)
        self.assertRegex(page, r"Row 3: [^<]*tracked by serial number: enter the serial/VIN")
        self.assertIn("Row 4:", page)
        self.assertNotIn("Row 2:", page)
        self.assertFalse(upload.activity_ids, "a portal user gets the message, not a to-do")
        self.assertIn(self.portal_a.partner_id, upload.message_ids.partner_ids)
        self.accessory.tracking = "none"
        response = self._upload(HEADER + VIN_ROW + MAT_ROW * 2)
        again = self._uploads() - upload
        self.assertEqual(response.status_code, 200)
        self._run(again)
        self.assertEqual(again.dealer_job_state, "done")
        self.assertEqual(len(again.sellout_ids), 3)

    def test_unexpected_failure_then_requeue(self):
        """queue_job gives up (after its retries): the page says failed; Requeue, then the job records the file."""
        _response, upload = self._queue()
        self._fail_job(upload)
        self.assertEqual(upload.dealer_job_state, "failed")
        self.assertIn("o_dealer_upload_failed", self._status_page(upload))
        self.assertFalse(self._portal_sales())
        self._requeue(upload)
        self.assertEqual(upload.dealer_job_state, "queued")
        self._run(upload)
        self.assertEqual(upload.dealer_job_state, "done")
        self.assertEqual(len(self._portal_sales()), 3)

    # ------------------------------------------------------------------ never twice
    def test_replayed_upload_and_job_record_once(self):
        """The form sent twice queues one upload; the job performed twice records the lines once."""
        token = self._token(UPLOAD, "upload_token")
        self._upload(HEADER + MAT_ROW * 3, token=token)
        response = self._upload(HEADER + MAT_ROW * 3, token=token)
        self.assertPageError(response, "This form was already submitted")
        upload = self._uploads()
        self.assertEqual(len(upload), 1)
        self.assertEqual(self.env["queue.job"].search_count([]), 1)
        self._run(upload)
        self.assertIn("Nothing to do", self._job(upload).perform())
        self.assertEqual(len(self._portal_sales()), 3)

    # ------------------------------------------------------------------ attacks
    def test_other_dealer_cannot_read_upload_status(self):
        _response, upload = self._queue()
        self.authenticate("so_portal_b", "so_portal_b")
        response = self.url_open(f"{UPLOADS}/{upload.id}")
        self.assertTrue(response.url.endswith(UPLOADS), response.url)
        self.assertNotIn(upload.name, response.text)
        self.assertNotIn(upload.name, self.url_open(UPLOADS).text)
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self._rpc("dealer.sellout.upload", "read", [upload.ids, ["dealer_job_state", "line_vals"]])
        self.assertFalse(self._rpc("dealer.sellout.upload", "search_read", [[("id", "=", upload.id)], ["name"]]))
        # the distributor's sub-dealer A1 does not read its distributor's file either
        self.authenticate("so_portal_a1", "so_portal_a1")
        self.assertNotIn(upload.name, self.url_open(f"{UPLOADS}/{upload.id}").text)
        self.assertEqual(upload.dealer_job_state, "queued")

    def test_forged_job_fields_over_rpc_refused(self):
        """The dealer's user may not mark its upload done, nor create a done upload (values or default_* keys)."""
        _response, upload = self._queue()
        uploads_before = self.Upload.search_count([])
        for method, args, context in (
            ("write", [upload.ids, {"dealer_job_state": "done", "dealer_job_message": "forged"}], {}),
            ("write", [upload.ids, {"line_vals": []}], {}),
            ("create", [{"name": "forged", "dealer_id": self.dealer_a.id, "source": "portal",
                         "dealer_job_state": "done"}], {}),
            ("create", [{"name": "forged", "dealer_id": self.dealer_a.id, "source": "portal"}],
             {"default_dealer_job_state": "done"}),
            ("_dealer_job_record", [upload.ids], {}),
            ("_dealer_job_write", [upload.ids, {"dealer_job_state": "done"}], {}),
        ):
            with self.subTest(method=method, context=context), self.assertRaises(JsonRpcException):
                self._rpc("dealer.sellout.upload", method, args, context=context)
        self.env.invalidate_all()
        self.assertRecordValues(upload, [{"dealer_job_state": "queued", "line_count": 3}])
        self.assertTrue(upload.line_vals)
        self.assertEqual(self.Upload.search_count([]), uploads_before)
        self.assertFalse(self._portal_sales())
