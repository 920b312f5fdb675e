from datetime import timedelta

from odoo.tests import tagged
from odoo.tools import SQL

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestPromotionReport(DealerLoyaltyCommon):
    """The analysis per program: orders, dealers, reward cost, sales in the window against as many days before."""

    def test_report_figures(self):
        self.threshold.write({"date_from": self.today - timedelta(days=9), "date_to": self.today + timedelta(days=20)})
        before = self._order(self.dealer_core, [(self.product_free, 3, None)])
        before.action_confirm()
        before.date_order = self.today - timedelta(days=15)  # inside the 10 days before the window
        old = self._order(self.dealer_core, [(self.product_free, 1, None)])
        old.action_confirm()
        old.date_order = self.today - timedelta(days=25)  # before that: not counted
        promo_orders = self._order(self.dealer_core, [(self.product_free, 12, None)]) | self._order(
            self.dealer_core, [(self.product_free, 15, None)])
        promo_orders.action_confirm()
        self.env.flush_all()
        row = self.env["dealer.loyalty.report"].search([("program_id", "=", self.threshold.id)])
        self.assertEqual(len(row), 1)
        self.assertEqual(row.partner_id, self.dealer_core)
        self.assertEqual(row.order_count, 2)
        self.assertEqual(row.dealer_count, 1)
        self.assertAlmostEqual(row.reward_cost, 200.0)
        self.assertEqual((row.date_from, row.date_to), (self.today - timedelta(days=9), self.today))
        # an independent computation of the window sales: the dealer's confirmed orders dated in it
        self.env.cr.execute(SQL(
            "SELECT COALESCE(SUM(amount_untaxed), 0) FROM sale_order WHERE partner_id = %s AND state = 'sale' "
            "AND date_order::date BETWEEN %s AND %s", self.dealer_core.id, row.date_from, row.date_to))
        self.assertAlmostEqual(row.sales_window, self.env.cr.fetchone()[0])
        self.assertAlmostEqual(row.sales_window, 2700.0 - 200.0)
        self.assertAlmostEqual(row.sales_before, 300.0)
        self.assertAlmostEqual(row.sales_change, 2500.0 - 300.0)
