from odoo import Command
from odoo.tests import tagged

from .common import DealerLoyaltyCommon, coupon_values, threshold_values


@tagged("post_install", "-at_install")
class TestPromotionAccess(DealerLoyaltyCommon):
    """Who gets a promotion: the dealer's grade, territories and name, the dates; a coupon once, by its owner."""

    def test_core_dealer_gets_threshold_discount_on_confirmation(self):
        order = self._order(self.dealer_core, [(self.product_free, 12, None)])
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        reward = self._reward_lines(order, self.threshold)
        self.assertEqual(len(reward), 1, "the 满减 is applied by the confirmation, before the checks")
        self.assertAlmostEqual(reward.price_subtotal, -100.0)

    def test_dealer_outside_grade_gets_nothing(self):
        order = self._order(self.dealer_regular, [(self.product_free, 12, None), (self.product_floor, 4, None)])
        self.assertIn("error", order._try_apply_program(self.threshold))
        order.action_confirm()
        self.assertFalse(self._reward_lines(order), "a regular dealer got a core-grade promotion")
        self.assertFalse(order.coupon_point_ids)

    def test_promo_code_outside_grade_refused(self):
        program = self.env["loyalty.program"].create(threshold_values(
            "Code Core", minimum=0.0, program_type="promo_code", trigger="with_code",
            dealer_grade_ids=[Command.set(self.grade_core.ids)],
            rule_ids=[Command.create({"mode": "with_code", "code": "CORE-ONLY", "minimum_qty": 0,
                                      "reward_point_mode": "order"})],
        ))
        order = self._order(self.dealer_regular, [(self.product_free, 1, None)])
        status = order._try_apply_code("CORE-ONLY")
        self.assertIn("error", status)
        self.env.invalidate_all()
        self.assertFalse(order.code_enabled_rule_ids)
        self.assertFalse(order.coupon_point_ids)
        self.assertFalse(self._reward_lines(order))
        # the core dealer may use it
        core_order = self._order(self.dealer_core, [(self.product_free, 1, None)])
        self.assertNotIn("error", core_order._try_apply_code("CORE-ONLY"))
        self.assertIn(program.rule_ids, core_order.code_enabled_rule_ids)

    def test_territory_limit_includes_sub_territories(self):
        self.threshold.write({"dealer_grade_ids": [Command.clear()],
                              "dealer_territory_ids": [Command.set(self.east.ids)]})
        core = self._order(self.dealer_core, [(self.product_free, 12, None)])  # 杭州, under 华东
        regular = self._order(self.dealer_regular, [(self.product_free, 12, None)])  # 华西
        (core | regular).action_confirm()
        self.assertTrue(self._reward_lines(core, self.threshold))
        self.assertFalse(self._reward_lines(regular, self.threshold))

    def test_named_dealer_limit(self):
        self.threshold.write({"dealer_grade_ids": [Command.clear()],
                              "dealer_partner_ids": [Command.set(self.dealer_regular.ids)]})
        core = self._order(self.dealer_core, [(self.product_free, 12, None)])
        regular = self._order(self.dealer_regular, [(self.product_free, 12, None)])
        (core | regular).action_confirm()
        self.assertFalse(self._reward_lines(core, self.threshold))
        self.assertTrue(self._reward_lines(regular, self.threshold))

    def test_date_window(self):
        self.threshold.date_to = self.today.replace(year=self.today.year - 1)
        order = self._order(self.dealer_core, [(self.product_free, 12, None)])
        order.action_confirm()
        self.assertFalse(self._reward_lines(order))

    def test_non_dealer_customer_keeps_odoo_behaviour(self):
        """A program without dealer limits works for any customer; one limited to dealers does not."""
        open_program = self.env["loyalty.program"].create(threshold_values("Open to all", minimum=500.0, discount=5.0))
        order = self._order(self.customer, [(self.product_free, 12, None)])
        order._update_programs_and_rewards()
        self.assertIn(open_program, order.coupon_point_ids.coupon_id.program_id)
        self.assertNotIn(self.threshold, order.coupon_point_ids.coupon_id.program_id)

    def test_coupon_used_once(self):
        coupon = self._coupon(self.dealer_core)
        first = self._order(self.dealer_core, [(self.product_free, 2, None)])
        self.assertNotIn("error", first._try_apply_code(coupon.code))
        first._apply_program_reward(self.coupons.reward_ids, coupon)
        first.action_confirm()
        self.assertEqual(coupon.points, 0)
        second = self._order(self.dealer_core, [(self.product_free, 2, None)])
        status = second._try_apply_code(coupon.code)
        self.assertEqual(status.get("error"), "This coupon has already been used.")
        self.env.invalidate_all()
        self.assertFalse(second.applied_coupon_ids)
        self.assertFalse(self._reward_lines(second))

    def test_coupon_of_another_dealer_refused(self):
        coupon = self._coupon(self.dealer_core)
        order = self._order(self.dealer_regular, [(self.product_free, 2, None)])
        status = order._try_apply_code(coupon.code)
        self.assertIn("belongs to another customer", status.get("error", ""))
        self.env.invalidate_all()
        self.assertFalse(order.applied_coupon_ids)
        self.assertEqual(coupon.points, 1)

    def test_coupon_program_outside_grade_refused(self):
        program = self.env["loyalty.program"].create(coupon_values(
            "Core coupons", dealer_grade_ids=[Command.set(self.grade_core.ids)]))
        coupon = self.env["loyalty.card"].create({"program_id": program.id, "points": 1})
        order = self._order(self.dealer_regular, [(self.product_free, 2, None)])
        self.assertIn("error", order._try_apply_code(coupon.code))
        self.env.invalidate_all()
        self.assertFalse(order.applied_coupon_ids)
        with self.assertRefused(Exception, "not open to"):
            order._apply_program_reward(program.reward_ids, coupon)
        self.assertFalse(self._reward_lines(order))
