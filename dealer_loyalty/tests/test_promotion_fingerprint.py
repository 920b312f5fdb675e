from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestPromotionFingerprint(DealerLoyaltyCommon):
    """The engine's pass is skipped only over an order it already saw as it is: a changed order, or a changed
    program, is updated again at the confirmation; nobody writes the fingerprint through the ORM."""

    def _applied(self, quantity):
        """A core dealer's quotation of `quantity` × 100, its promotions applied and updated once more (as the
        portal submission then the confirmation leave it)."""
        order = self._order(self.dealer_core, [(self.product_free, quantity, None)])
        order._dealer_apply_promotions()
        order._update_programs_and_rewards()
        return order

    def _state(self, order):
        self.env.invalidate_all()
        return order.order_line.mapped(lambda line: (line.product_id, line.product_uom_qty, line.price_subtotal))

    def test_unchanged_order_is_not_updated_again(self):
        order = self._applied(12)
        self.assertTrue(order._dealer_promotions_current(), "the pass over the unchanged order left its fingerprint")
        before = self._state(order)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self._state(order), before)
        self.assertEqual(len(self._reward_lines(order, self.threshold)), 1)
        self.assertAlmostEqual(order.amount_untaxed, 1100.0)

    def test_changed_order_is_updated_again(self):
        """Under the 满减's threshold when applied, over it when confirmed: the confirmation applies it."""
        order = self._applied(5)
        self.assertFalse(self._reward_lines(order))
        order.order_line.write({"product_uom_qty": 12})
        self.assertFalse(order._dealer_promotions_current())
        order.action_confirm()
        self.assertEqual(len(self._reward_lines(order, self.threshold)), 1, "the changed order was not re-applied")
        self.assertAlmostEqual(order.amount_untaxed, 1100.0)

    def test_order_below_threshold_loses_its_reward(self):
        order = self._applied(12)
        order.order_line.filtered(lambda line: not line.reward_id).write({"product_uom_qty": 5})
        order.action_confirm()
        self.assertFalse(self._reward_lines(order), "the reward of the order as it was stayed on the changed order")
        self.assertAlmostEqual(order.amount_untaxed, 500.0)

    def test_program_closed_to_the_dealer_is_removed(self):
        """The same transaction (a manager's change right before the confirmation): the program's limits are in
        the fingerprint."""
        order = self._applied(12)
        self.threshold.dealer_grade_ids = [Command.set(self.grade_regular.ids)]
        self.assertFalse(order._dealer_promotions_current())
        order.action_confirm()
        self.assertFalse(self._reward_lines(order, self.threshold))
        self.assertAlmostEqual(order.amount_untaxed, 1200.0)

    def test_program_rule_change_is_seen(self):
        order = self._applied(12)
        self.threshold.rule_ids.minimum_amount = 5000.0
        self.assertFalse(order._dealer_promotions_current())
        order.action_confirm()
        self.assertFalse(self._reward_lines(order, self.threshold))

    def test_fingerprint_not_written_through_the_orm(self):
        order = self._applied(12)
        stored = order.dealer_promotion_fingerprint
        forged = order._dealer_promotion_fingerprint()
        with self.assertRaises(AccessError):
            order.write({"dealer_promotion_fingerprint": forged})
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_context(default_dealer_promotion_fingerprint=forged).create({
                "partner_id": self.dealer_core.id})
        with self.assertRaises(AccessError):
            self.env["sale.order"].create({"partner_id": self.dealer_core.id,
                                           "dealer_promotion_fingerprint": forged})
        self.env.invalidate_all()
        self.assertEqual(order.dealer_promotion_fingerprint, stored)
        self.assertEqual(self.env["sale.order"].search([("dealer_promotion_fingerprint", "=", forged)]), order)
