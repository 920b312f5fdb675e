"""The scenarios every portal upload recorded in the background must pass, written once (sell-out, stock-report and
forecast files): a plain mixin, not collected on its own (no ``test_`` module, no TestCase), that a portal upload's
HttpCase subclasses with its hooks.

The subclass's set-up has dealer A (``dealer_a``) and its portal user ``portal_a`` (password = login); the mixin puts
the company's line threshold at 2. The subclass defines:

- ``upload_model``, ``upload_url`` (the POST route; its list of uploads is ``upload_url + "s"``), ``form_url`` (the
  page of the form and its ``upload_token``), ``max_rows`` (the portal's limit of lines of this file),
  ``created_models`` (the tables a done job writes in);
- ``_file(count)``: a file of ``count`` good rows; ``_lines_of(count)``: the lines such a file queues (its rows);
- ``_upload(content, token=None)``: post the form (its token read from ``form_url`` unless given);
  ``_upload_token()``: the form's current one-time token (dealer_portal's ``form_token``);
- ``_count_created()``: how many lines the dealer's uploads have created (at once or by a job);
- ``_assert_at_once(response)``: the answer to a small file; ``_assert_done(upload, page)``: a done upload's links;
- ``_wrong_file()``: (a file with wrong rows, the row errors the form lists);
- ``_refused_file()`` and ``_break(broken=True)``: a file the job refuses once ``_break()`` has changed the data it
  is checked against (``_break`` returns the row errors the page lists; the first row stays fine), until
  ``_break(False)``;
- ``_upload_vals()`` (more values of a forged create), ``_forged_calls(upload)`` (more calls the dealer's user must
  not make over RPC), ``_other_users()`` (users who must not see the upload).
"""
from odoo.addons.dealer_management.tests.common import CallKwMixin

from .common import QueuedJobMixin

REPLAYED = "This form was already submitted"


class UploadQueueCases(CallKwMixin, QueuedJobMixin):
    """Small file at once, large file queued then done, refused rows keep nothing, failure then requeue, a form
    replayed once (at once and queued), another dealer and an anonymous visitor refused, forged job fields."""

    # Odoo's test loader runs only the test methods a class defines itself, unless this is set: the scenarios are
    # inherited from this mixin by every upload's test class
    allow_inherited_tests_method = True
    upload_model = upload_url = form_url = None
    max_rows = 0
    created_models = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # more than two lines go to the background
        cls.env.company.dealer_queue_line_threshold = 2

    @property
    def uploads_url(self):
        """The list of the dealer's uploads (/my/sellouts/upload → /my/sellouts/uploads)."""
        return f"{self.upload_url}s"

    def setUp(self):
        super().setUp()
        self.authenticate(self.portal_a.login, self.portal_a.login)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _lines_of(count):
        return count

    def _created_count(self):
        self.env.invalidate_all()
        return self._count_created()

    def _uploads(self):
        self.env.invalidate_all()
        return self.env[self.upload_model].search([("dealer_id", "=", self.dealer_a.id)])

    def _large_file(self):
        return self._file(3)

    def _footprint(self):
        """The number of rows of every table a done job writes in (any dealer's)."""
        self.env.invalidate_all()
        return [self.env[model].sudo().with_context(active_test=False).search_count([])
                for model in self.created_models]

    def _assert_refused_form(self, response, *texts):
        """The form came back (never a 500) with its error(s)."""
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_form_error", response.text)
        for text in texts:
            self.assertIn(text, response.text)

    def _assert_nothing_queued(self):
        self.assertFalse(self._uploads())
        self.assertFalse(self.env["queue.job"].search([]))

    def _assert_unchanged(self, upload, footprint):
        """The queued upload as it was, no upload more, nothing created (the DB re-read)."""
        self.env.invalidate_all()
        self.assertRecordValues(upload, [{"dealer_job_state": "queued", "line_count": 3}])
        self.assertTrue(upload.line_vals)
        self.assertEqual(self._uploads(), upload)
        self.assertEqual(self._footprint(), footprint)
        self.assertEqual(self._created_count(), 0)

    # ------------------------------------------------------------------ at once, queued, done
    def test_small_file_at_once(self):
        response = self._upload(self._file(2))
        self._assert_at_once(response)
        self.assertEqual(self._created_count(), 2)
        self._assert_nothing_queued()

    def test_large_file_queued_then_done(self):
        self.assertIn(f"At most {self.max_rows} lines per file; a file of more than 2 lines",
                      self.url_open(self.form_url).text)
        response, upload = self._queue()
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"{self.uploads_url}/{upload.id}?queued=1"), response.url)
        self.assertIn("o_dealer_upload_queued_notice", response.text)
        self.assertIn("o_dealer_upload_queued", response.text)
        self.assertRecordValues(upload, [{
            "dealer_job_state": "queued", "line_count": 3, "dealer_job_user_id": self.portal_a.id,
        }])
        self.assertRecordValues(self.env["queue.job"].search([("uuid", "=", upload.dealer_job_uuid)]), [{
            "state": "pending", "channel": "root.dealer",
        }])
        self.assertEqual(self._created_count(), 0, "nothing created before the job runs")
        listing = self.url_open(self.uploads_url).text
        self.assertIn(upload.name, listing)
        self.assertIn("o_dealer_upload_queued", listing)
        self._run(upload)
        self.assertEqual(upload.dealer_job_state, "done")
        self.assertEqual(self.env["queue.job"].search([("uuid", "=", upload.dealer_job_uuid)]).state, "done")
        self.assertEqual(self._created_count(), 3)
        self.assertFalse(upload.line_vals, "the copy of the lines is dropped once recorded")
        page = self._status_page(upload)
        self.assertIn("o_dealer_upload_done", page)
        self.assertTrue(upload.dealer_job_message)
        self.assertIn(upload.dealer_job_message, page)
        self._assert_done(upload, page)
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
        self.assertEqual(self._created_count(), 0)

    def test_file_larger_than_other_uploads_is_queued(self):
        """2,001 rows (the other uploads' limit is 2,000) are read, checked and queued; nothing created yet."""
        _response, upload = self._queue(self._file(2001))
        self.assertEqual((upload.line_count, upload.dealer_job_state), (self._lines_of(2001), "queued"))
        self.assertEqual(self._created_count(), 0)

    def test_file_above_portal_limit_refused(self):
        response = self._upload(self._file(self.max_rows + 1))
        self._assert_refused_form(response, f"more than {self.max_rows} lines")
        self._assert_nothing_queued()
        self.assertEqual(self._created_count(), 0)

    def test_wrong_rows_of_a_large_file_refused_at_once(self):
        content, messages = self._wrong_file()
        footprint = self._footprint()
        response = self._upload(content)
        self._assert_refused_form(response, *messages)
        self._assert_nothing_queued()
        self.assertEqual(self._footprint(), footprint)

    # ------------------------------------------------------------------ failure, retry, all or nothing
    def test_refused_file_keeps_nothing_and_lists_rows(self):
        """The data the rows are checked against changes while the file waits: the job refuses the file, nothing
        of it is created, the page says failed with the rows' errors; the same file once repaired is created."""
        _response, upload = self._queue(self._refused_file())
        refused_rows = self._break()
        footprint = self._footprint()
        self._run(upload)
        self.assertEqual(upload.dealer_job_state, "failed")
        self.assertEqual(self._footprint(), footprint)
        self.assertEqual(self._created_count(), 0)
        self.assertTrue(upload.line_vals, "the lines are kept for a retry")
        page = self._status_page(upload)
        self.assertIn("o_dealer_upload_failed", page)
        self.assertIn("Nothing was", page)
        for row in refused_rows:
            self.assertRegex(page, row)
        self.assertNotIn("Row 2:", page)
        self.assertFalse(upload.activity_ids, "a portal user gets the message, not a to-do")
        self.assertIn(self.portal_a.partner_id, upload.message_ids.partner_ids)
        self._break(False)
        response = self._upload(self._refused_file())
        again = self._uploads() - upload
        self.assertEqual(response.status_code, 200)
        self._run(again)
        self.assertEqual(again.dealer_job_state, "done")
        self.assertEqual(self._created_count(), 3)

    def test_unexpected_failure_then_requeue(self):
        """queue_job gives up (after its retries): the page says failed; Requeue, then the job creates the lines."""
        _response, upload = self._queue()
        self._fail_job(upload)
        self.assertEqual(upload.dealer_job_state, "failed")
        self.assertIn("o_dealer_upload_failed", self._status_page(upload))
        self.assertEqual(self._created_count(), 0)
        self._requeue(upload)
        self.assertEqual(upload.dealer_job_state, "queued")
        self._run(upload)
        self.assertEqual(upload.dealer_job_state, "done")
        self.assertEqual(self._created_count(), 3)

    # ------------------------------------------------------------------ never twice
    def test_replayed_small_file_recorded_once(self):
        """The form of a small file sent twice with its spent token: refused, nothing written the second time."""
        token = self._upload_token()
        self._upload(self._file(2), token=token)
        footprint = self._footprint()
        response = self._upload(self._file(2), token=token)
        self._assert_refused_form(response, REPLAYED)
        self.assertEqual(self._footprint(), footprint)
        self.assertEqual(self._created_count(), 2)
        self._assert_nothing_queued()

    def test_replayed_upload_and_job_record_once(self):
        """The form of a large file sent twice queues one upload; the job performed twice creates the lines once."""
        token = self._upload_token()
        self._upload(self._large_file(), token=token)
        response = self._upload(self._large_file(), token=token)
        self._assert_refused_form(response, REPLAYED)
        upload = self._uploads()
        self.assertEqual(len(upload), 1)
        self.assertEqual(self.env["queue.job"].search_count([]), 1)
        self._run(upload)
        self.assertIn("Nothing to do", self._job(upload).perform())
        self.assertEqual(self._created_count(), 3)
        self.assertEqual(self.env["queue.job"].search_count([]), 1)

    # ------------------------------------------------------------------ attacks
    def test_other_dealer_cannot_read_upload_status(self):
        _response, upload = self._queue()
        footprint = self._footprint()
        for user in self._other_users():
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                response = self.url_open(f"{self.uploads_url}/{upload.id}")
                self.assertTrue(response.url.endswith(self.uploads_url), response.url)
                self.assertNotIn(upload.name, response.text)
                self.assertNotIn(upload.name, self.url_open(self.uploads_url).text)
                _result, error = self._call_kw(self.upload_model, "read", [upload.ids, ["dealer_job_state"]])
                self.assertEqual(error and error["name"], "odoo.exceptions.AccessError")
                result, error = self._call_kw(self.upload_model, "search_read", [[("id", "=", upload.id)], ["name"]])
                self.assertFalse(error or result)
        self._assert_unchanged(upload, footprint)

    def test_anonymous_cannot_read_upload_status(self):
        _response, upload = self._queue()
        footprint = self._footprint()
        self.authenticate(None, None)
        for url in (f"{self.uploads_url}/{upload.id}", self.uploads_url):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertIn("/web/login", response.url)
                self.assertNotIn(upload.name, response.text)
        _result, error = self._call_kw(self.upload_model, "read", [upload.ids, ["name"]])
        self.assertTrue(error, "an anonymous call was accepted")
        self._assert_unchanged(upload, footprint)

    def test_forged_job_fields_over_rpc_refused(self):
        """The dealer's user may not mark its upload done, nor create a done upload (values or default_* keys), nor
        call the job, the job's status writer or the queueing methods."""
        _response, upload = self._queue()
        footprint = self._footprint()
        vals = self._upload_vals()
        job_method = self._job(upload).method_name
        for method, args, context in (
            ("write", [upload.ids, {"dealer_job_state": "done", "dealer_job_message": "forged"}], {}),
            ("write", [upload.ids, {"line_vals": [], "line_count": 0}], {}),
            ("create", [{**vals, "dealer_job_state": "done"}], {}),
            ("create", [vals], {"default_dealer_job_state": "done"}),
            (job_method, [upload.ids], {}),
            ("_dealer_job_write", [upload.ids, {"dealer_job_state": "done"}], {}),
            ("_dealer_upload_done", [upload.ids], {}),
            ("_dealer_upload_queue", [self.dealer_a.id, [], "forged", job_method, "forged"], {}),
            *self._forged_calls(upload),
        ):
            with self.subTest(method=method, context=context):
                _result, error = self._call_kw(self.upload_model, method, args, context=context)
                self.assertTrue(error, f"{method} was accepted")
        self._assert_unchanged(upload, footprint)

    # ------------------------------------------------------------------ hooks with a default
    def _assert_done(self, upload, page):
        """More checks of a done upload and its page (links to what it created)."""

    def _upload_vals(self):
        return {"name": "forged", "dealer_id": self.dealer_a.id}

    def _forged_calls(self, upload):
        return ()
