"""queue_job's own test helpers (``trap_jobs``: jobs trapped, then performed in the test), for every Odoo 18.0 build.

queue_job 18.0 registers its method patcher in ``odoo.tests.common.SETATTR_SOURCES``, a table that recent 18.0
builds use only to silence a warning of ``TransactionCase.patch``; the 18.0 build installed here predates the
table, and importing the helpers fails (ImportError). An empty table is what that build behaves like: it is added
only when Odoo has none, before the helpers are imported. Import ``trap_jobs`` from here, not from queue_job.
"""
import odoo.tests.common

if not hasattr(odoo.tests.common, "SETATTR_SOURCES"):
    odoo.tests.common.SETATTR_SOURCES = {}

from odoo.addons.queue_job.controllers.main import RunJobController  # noqa: E402
from odoo.addons.queue_job.job import Job  # noqa: E402
from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: E402  (after the table above)

__all__ = ["QueuedJobMixin", "trap_jobs"]


class QueuedJobMixin:
    """For the tests of a queued document (an upload …): its job loaded, performed as queue_job's runner performs
    it (``RunJobController._try_perform_job``: perform, then done and stored), or failed by queue_job after its
    retries; for a portal upload (an HttpCase), the file queued and the upload's status page.

    A portal upload test defines ``uploads_url`` (its list of uploads), ``_upload(content)`` (the route posted),
    ``_uploads()`` (the dealer's uploads) and ``_large_file()`` (a file above the threshold).
    """

    uploads_url = None

    def _queue(self, content=None):
        """Upload ``content`` (by default the large file): (the response, the one upload it queued)."""
        response = self._upload(content or self._large_file())
        upload = self._uploads()
        self.assertEqual(len(upload), 1)
        return response, upload

    def _status_page(self, upload):
        response = self.url_open(f"{self.uploads_url}/{upload.id}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def _job(self, record):
        return Job.load(self.env, record.dealer_job_uuid)

    def _run(self, record):
        RunJobController._try_perform_job(self.env, self._job(record))
        self.env.invalidate_all()

    def _fail_job(self, record):
        """queue_job gives up on the job (an unexpected error, after its retries)."""
        job = self._job(record)
        job.set_failed(exc_name="OperationalError", exc_message="could not serialize access", exc_info="…")
        job.store()
        self.env.invalidate_all()

    def _requeue(self, record):
        """queue_job's Requeue of the document's failed job."""
        self.env["queue.job"].search([("uuid", "=", record.dealer_job_uuid)]).requeue()
        self.env.invalidate_all()
