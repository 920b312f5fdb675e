from odoo.tests import HttpCase, tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestReadonlyRoutes(HttpCase, AssessmentCase):
    """The XLSX export is a readonly route (served from the replica when there is one): it answers without writing.

    A write on a readonly route fails in its read-only transaction and Odoo retries it read/write with a warning on
    odoo.http (see dealer_portal/tests/test_portal_readonly_routes.py): no such warning, and the workbook."""

    def test_assessment_xlsx_export_writes_nothing(self):
        assessment = self._assessment()
        assessment.action_compute()
        self.assertTrue(self.registry.test_readonly_enabled, "HttpCase serves readonly routes read-only")
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(f"/dealer_assessment/{assessment.id}/xlsx", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"), "the workbook")
