from odoo.tests import tagged

from odoo.addons.dealer_marketing_fund_sellout.tests.common import MarketingSelloutCommon
from odoo.addons.dealer_portal_marketing_fund.tests.common import PortalMarketingCase


@tagged("post_install", "-at_install")
class TestPortalMarketingFundSellout(PortalMarketingCase, MarketingSelloutCommon):
    """A's owner reads the sell-out taken with its proof; neither the owner nor A's salesperson can rewrite it."""

    def setUp(self):
        super().setUp()
        self._sold(1, 3.0)
        self._sold(-2, 1.0)
        self.application = self._proven(day=self.day)

    def _figures(self):
        self.env.invalidate_all()
        return self.application.sellout_qty, self.application.sellout_amount

    def test_owner_reads_the_sellout_of_its_application(self):
        self.assertEqual(self._figures(), (3.0, 300.0))
        self.authenticate(self.portal_a.login, self.portal_a.login)
        response = self.url_open(f"/my/marketing-applications/{self.application.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_marketing_sellout", response.text)
        self.assertIn("During the activity", response.text)
        self.assertIn("300.00", response.text)

    def test_no_sellout_section_before_the_proof(self):
        application = self._approved(day=self.day)
        self.authenticate(self.portal_a.login, self.portal_a.login)
        response = self.url_open(f"/my/marketing-applications/{application.id}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_dealer_marketing_sellout", response.text)

    def test_another_dealer_reads_nothing(self):
        self.authenticate(self.portal_b.login, self.portal_b.login)
        response = self.url_open(f"/my/marketing-applications/{self.application.id}")
        self.assertNotIn(self.application.name, response.text)
        self.assertNotIn("o_dealer_marketing_sellout", response.text)

    def test_rpc_forged_sellout_refused(self):
        """The owner and A's salesperson send a higher sell-out over JSON-RPC: refused, the DB keeps 3 / 300."""
        for user in (self.portal_a, self.salesman):
            self.authenticate(user.login, user.login)
            for vals in ({"sellout_qty": 30.0}, {"sellout_amount": 30000.0, "sellout_before_amount": 0.0}):
                with self.subTest(user=user.login, vals=vals):
                    _result, error = self._call_kw("dealer.marketing.application", "write",
                                                   [self.application.ids, vals])
                    self.assertEqual(error["name"], "odoo.exceptions.AccessError")
                    self.assertIn("change only through its buttons", error["message"])
        self.assertEqual(self._figures(), (3.0, 300.0))
        self.assertEqual(self.application.sellout_before_amount, 100.0)
