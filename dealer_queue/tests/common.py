"""queue_job's own test helpers (``trap_jobs``: jobs trapped, then performed in the test), for every Odoo 18.0 build.

queue_job 18.0 registers its method patcher in ``odoo.tests.common.SETATTR_SOURCES``, a table that recent 18.0
builds use only to silence a warning of ``TransactionCase.patch``; the 18.0 build installed here predates the
table, and importing the helpers fails (ImportError). An empty table is what that build behaves like: it is added
only when Odoo has none, before the helpers are imported. Import ``trap_jobs`` from here, not from queue_job.
"""
import odoo.tests.common

if not hasattr(odoo.tests.common, "SETATTR_SOURCES"):
    odoo.tests.common.SETATTR_SOURCES = {}

from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: E402  (after the table above)

__all__ = ["trap_jobs"]
