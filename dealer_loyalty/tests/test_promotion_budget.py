from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestPromotionBudget(DealerLoyaltyCommon):
    """A budget in money or free units, spent by the rewards of confirmed orders, stops the promotion."""

    def test_spent_amount_budget_stops_the_program(self):
        self.threshold.dealer_budget = 100.0
        first = self._order(self.dealer_core, [(self.product_free, 12, None)])
        first.action_confirm()
        self.assertEqual(self.threshold.dealer_budget_spent, 100.0)
        self.assertEqual(self.threshold.dealer_budget_left, 0.0)
        second = self._order(self.dealer_core, [(self.product_free, 12, None)])
        self.assertIn("error", second._try_apply_program(self.threshold))
        second.action_confirm()
        self.assertFalse(self._reward_lines(second, self.threshold), "a spent promotion still gave its reward")

    def test_order_over_the_budget_refused(self):
        """Applied while budget was left, the reward would take the program over it: the confirmation refuses."""
        self.threshold.dealer_budget = 150.0
        first, second = (self._order(self.dealer_core, [(self.product_free, 12, None)]) for _i in range(2))
        second._dealer_apply_promotions()
        self.assertTrue(self._reward_lines(second, self.threshold))
        first.action_confirm()
        with self.assertRefused(UserError, "The budget of promotion 满减 Core is spent"):
            second.action_confirm()
        self.assertEqual(second.state, "draft")
        self.assertEqual(self.threshold.dealer_budget_spent, 100.0)

    def test_units_budget(self):
        self.bxgy.write({"dealer_budget_type": "units", "dealer_budget": 1.0})
        order = self._order(self.dealer_core, [(self.product_floor, 2, None)])
        order.action_confirm()
        self.assertEqual(self.bxgy.dealer_budget_spent, 1.0)
        self.assertIn(self.bxgy.id, self.env["loyalty.program"]._dealer_spent_out_ids())
        later = self._order(self.dealer_core, [(self.product_floor, 2, None)])
        later.action_confirm()
        self.assertFalse(self._reward_lines(later, self.bxgy))

    def test_cancelled_order_gives_the_budget_back(self):
        self.threshold.dealer_budget = 100.0
        order = self._order(self.dealer_core, [(self.product_free, 12, None)])
        order.action_confirm()
        order._action_cancel()
        self.threshold.invalidate_recordset(["dealer_budget_spent"])
        self.assertEqual(self.threshold.dealer_budget_spent, 0.0)
