from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestSecurityReports(HttpCase, AssessmentCase):
    """Attacks on the XLSX export and the PDF scorecard: a portal user and a user of another company get a
    clear refusal, through the model and through the route, and nothing is produced or stored."""


    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment = cls._assessment(cls)
        cls.assessment.action_compute()
        cls.card = cls.assessment.scorecard_ids.filtered(lambda s: s.partner_id == cls.dealer_1)
        cls.portal_user = new_test_user(cls.env, login="assess_portal", groups="base.group_portal")
        other = cls.env["res.company"].create({"name": "Other Assessment Company"})
        cls.outsider = new_test_user(
            cls.env, login="assess_outsider_co", groups="base.group_user,dealer_management.group_dealer_manager",
            company_id=other.id, company_ids=[Command.set(other.ids)],
        )
        cls.url = f"/dealer_assessment/{cls.assessment.id}/xlsx"

    def _attachment_count(self):
        return self.env["ir.attachment"].search_count([])

    def _download(self, login):
        self.authenticate(login, login)
        return self.url_open(self.url, timeout=60)

    # ------------------------------------------------------------------ XLSX through the model
    def test_portal_user_cannot_export_assessment_xlsx(self):
        count = self._attachment_count()
        with self.assertRefused(AccessError, "Only users of the Dealers app may export an assessment"):
            self.assessment.with_user(self.portal_user)._export_xlsx()
        with self.assertRefused(AccessError, "Only users of the Dealers app may export an assessment"):
            self.assessment.with_user(self.portal_user).action_export_xlsx()
        self.assertEqual(self._attachment_count(), count)

    def test_other_company_user_cannot_export_assessment_xlsx(self):
        with self.assertRefused(AccessError, "belongs to a company you do not work for"):
            self.assessment.with_user(self.outsider)._export_xlsx()
        with self.assertRefused(AccessError, "belongs to a company you do not work for"):
            self.assessment.with_user(self.outsider).action_export_xlsx()

    # ------------------------------------------------------------------ XLSX through the route
    def test_portal_user_cannot_download_assessment_xlsx_over_route(self):
        count = self._attachment_count()
        response = self._download("assess_portal")
        self.assertEqual(response.status_code, 403)
        self.assertIn("Only users of the Dealers app may export an assessment", response.text)
        self.assertFalse(response.content.startswith(b"PK"), "no workbook in the refusal")
        self.assertEqual(self._attachment_count(), count)

    def test_other_company_user_cannot_download_assessment_xlsx_over_route(self):
        response = self._download("assess_outsider_co")
        self.assertEqual(response.status_code, 403)
        self.assertIn("belongs to a company you do not work for", response.text)

    def test_unknown_assessment_over_route_is_refused(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        response = self.url_open("/dealer_assessment/999999999/xlsx", timeout=60)
        self.assertEqual(response.status_code, 403)
        self.assertIn("does not exist", response.text)

    def test_anonymous_visitor_is_sent_to_login(self):
        response = self.url_open(self.url, allow_redirects=False, timeout=60)
        self.assertIn(response.status_code, (301, 302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_dealer_user_downloads_assessment_xlsx_over_route(self):
        response = self._download(self.dealer_user.login)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        self.assertTrue(response.content.startswith(b"PK"))

    # ------------------------------------------------------------------ PDF
    def test_portal_user_cannot_render_other_scorecard_pdf(self):
        with self.assertRefused(AccessError, "You cannot print these scorecards"):
            self.env["ir.actions.report"].with_user(self.portal_user)._render_qweb_html(
                "dealer_assessment.action_report_dealer_scorecard", self.card.ids,
            )

    def test_other_company_user_cannot_render_scorecard_pdf(self):
        with self.assertRefused(AccessError, "You cannot print these scorecards"):
            self.env["ir.actions.report"].with_user(self.outsider)._render_qweb_html(
                "dealer_assessment.action_report_dealer_scorecard", self.card.ids,
            )
