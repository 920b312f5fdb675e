from odoo.tests import HttpCase, tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerTour(DealerTestCommon, HttpCase):
    """The back office in a real browser (Debian's headless Chromium)."""

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    def test_application_tour(self):
        self.start_tour("/odoo", "dealer_application_tour", login="admin")
        application = self.env["dealer.application"].search([("company_name", "=", "Tour Test Trading Co.")])
        self.assertEqual(application.state, "draft")
        self.assertEqual(application.credit_code, "91110000600037341L")
