from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDealerTour(HttpCase):
    """The back office in a real browser (Debian's headless Chromium)."""

    def test_application_tour(self):
        self.start_tour("/odoo", "dealer_application_tour", login="admin")
        application = self.env["dealer.application"].search([("company_name", "=", "Tour Test Trading Co.")])
        self.assertEqual(application.state, "draft")
        self.assertEqual(application.credit_code, "91110000600037341L")
