from datetime import date

from odoo.tests import HttpCase, tagged

from .common import BusinessReviewCase

REPORT = "dealer_business_review.action_report_dealer_business_review"


@tagged("post_install", "-at_install")
class TestBusinessReviewReport(BusinessReviewCase):

    def _html(self, review):
        return self.env["ir.actions.report"]._render_qweb_html(REPORT, review.ids)[0].decode()

    def test_report_shows_figures_minutes_and_actions(self):
        review = self._held_review()
        html = self._html(review)
        for text in ("Ningbo Review Dealer", "2025 Q1", "80,000.00", "100,000.00", "Hire two sales advisers",
                     "hires two sales advisers"):
            self.assertIn(text, html)

    def test_report_of_a_held_review_does_not_change(self):
        review = self._held_review()
        before = self._html(review)
        self._post_invoice(date(2025, 3, 3), 5000.0)
        self.env["dealer.business.review"]._cron_prepare_reviews()
        self.assertEqual(self._html(review), before)
        self.assertNotIn("85,000.00", before)


@tagged("post_install", "-at_install")
class TestBusinessReviewPdf(HttpCase, BusinessReviewCase):
    """wkhtmltopdf loads the report's stylesheets from the server: an HttpCase serves them in the test's
    transaction."""

    def test_pdf_renders(self):
        review = self._held_review()
        content, report_type = self.env["ir.actions.report"].with_context(
            force_report_rendering=True,
        )._render_qweb_pdf(REPORT, review.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
