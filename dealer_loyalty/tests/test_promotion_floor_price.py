from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestPromotionFloorPrice(DealerLoyaltyCommon):
    """The company's own rewards are not floor-price breaches; a discount typed by a salesperson still is."""

    def test_free_unit_is_not_a_floor_breach(self):
        order = self._order(self.dealer_core, [(self.product_floor, 2, None)])
        order.action_confirm()
        free = self._reward_lines(order, self.bxgy)
        self.assertEqual(free.product_id, self.product_floor)
        self.assertEqual(free.discount, 100.0)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order._dealer_check_floor_price())

    def test_programme_discount_is_not_a_floor_breach(self):
        order = self._order(self.dealer_core, [(self.product_floor, 12, 90.0)])
        order.action_confirm()
        self.assertTrue(self._reward_lines(order, self.threshold))
        self.assertEqual(order.state, "sale")

    def test_typed_discount_still_breaches(self):
        order = self._order(self.dealer_regular, [(self.product_floor, 1, None)])
        order.order_line.discount = 50.0
        with self.assertRefused(UserError, "below the dealer floor price"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_typed_reward_line_refused(self):
        """A salesperson typing a line with a reward to hide a discount from the floor check is refused."""
        order = self._order(self.dealer_regular, [(self.product_floor, 1, None)], user=self.salesman)
        count = len(order.order_line)
        with self.assertRefused(UserError, "reward lines of a dealer order come from its promotions"):
            order.with_user(self.salesman).write({"order_line": [Command.create({
                "product_id": self.product_floor.id, "product_uom_qty": 1, "discount": 100.0,
                "reward_id": self.bxgy.reward_ids.id,
            })]})
        self.assertEqual(len(order.order_line), count)

    def test_engine_reward_line_not_editable(self):
        order = self._order(self.dealer_core, [(self.product_floor, 2, None)])
        order._dealer_apply_promotions()
        free = self._reward_lines(order, self.bxgy)
        self.assertTrue(free)
        with self.assertRefused(UserError, "cannot be typed or changed"):
            free.write({"product_uom_qty": 10})
        self.assertEqual(free.product_uom_qty, 1)
