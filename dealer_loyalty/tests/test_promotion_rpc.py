from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin

from .common import DealerLoyaltyCommon, threshold_values


@tagged("post_install", "-at_install")
class TestPromotionRpc(CallKwMixin, HttpCase, DealerLoyaltyCommon):
    """Over JSON-RPC: a salesperson applying a core-grade code to a regular dealer's order, typing a reward line,
    a portal user changing a reward line; each refused, nothing written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.program"].create(threshold_values(
            "RPC Code Core", minimum=0.0, program_type="promo_code", trigger="with_code",
            dealer_grade_ids=[Command.set(cls.grade_core.ids)],
            rule_ids=[Command.create({"mode": "with_code", "code": "RPC-CORE", "minimum_qty": 0,
                                      "reward_point_mode": "order"})],
        ))
        cls.dealer_regular.user_id = cls.salesman
        cls.order = cls._order(cls.dealer_regular, [(cls.product_floor, 1, None)])
        cls.order.user_id = cls.salesman
        cls.portal_core = cls._create_portal_user(cls.dealer_core, "promo_portal_core")

    def _order_state(self):
        self.env.invalidate_all()
        return (self.order.order_line.ids, self.order.code_enabled_rule_ids.ids, self.order.applied_coupon_ids.ids)

    def test_code_of_another_grade_over_rpc_refused(self):
        before = self._order_state()
        self.authenticate("dealer_salesman_t", "dealer_salesman_t")
        wizard_id, error = self._call_kw("sale.loyalty.coupon.wizard", "create", [
            {"order_id": self.order.id, "coupon_code": "RPC-CORE"}])
        self.assertIsNone(error)
        _result, error = self._call_kw("sale.loyalty.coupon.wizard", "action_apply", [[wizard_id]])
        self.assertEqual(error["name"], "odoo.exceptions.ValidationError")
        self.assertEqual(self._order_state(), before)

    def test_typed_reward_line_over_rpc_refused(self):
        before = self._order_state()
        self.authenticate("dealer_salesman_t", "dealer_salesman_t")
        _result, error = self._call_kw("sale.order.line", "create", [{
            "order_id": self.order.id, "product_id": self.product_floor.id, "product_uom_qty": 5,
            "discount": 100.0, "reward_id": self.bxgy.reward_ids.id,
        }])
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertIn("come from its promotions", error["message"])
        self.assertEqual(self._order_state(), before)

    def test_portal_user_cannot_change_reward_line(self):
        order = self._order(self.dealer_core, [(self.product_floor, 2, None)])
        order._dealer_apply_promotions()
        free = self._reward_lines(order, self.bxgy)
        self.authenticate("promo_portal_core", "promo_portal_core")
        _result, error = self._call_kw("sale.order.line", "write", [free.ids, {"product_uom_qty": 50}])
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        free.invalidate_recordset()
        self.assertEqual(free.product_uom_qty, 1)

    def test_forged_promotion_fingerprint_over_rpc_refused(self):
        """A salesperson setting the fingerprint of the order as it is now (so that the confirmation would skip the
        promotions' update), by write, create or a default_* key: refused, nothing written."""
        self.order._update_programs_and_rewards()
        self.env.invalidate_all()
        stored, forged = self.order.dealer_promotion_fingerprint, self.order._dealer_promotion_fingerprint()
        orders = self.env["sale.order"].search_count([])
        self.authenticate("dealer_salesman_t", "dealer_salesman_t")
        _result, error = self._call_kw("sale.order", "write", [self.order.ids, {
            "dealer_promotion_fingerprint": forged}])
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        dealer = {"partner_id": self.dealer_regular.id}
        for vals, context in (({**dealer, "dealer_promotion_fingerprint": forged}, {}),
                              (dealer, {"default_dealer_promotion_fingerprint": forged})):
            _result, error = self._call_kw("sale.order", "create", [vals], context=context)
            self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.env.invalidate_all()
        self.assertEqual(self.order.dealer_promotion_fingerprint, stored)
        self.assertEqual(self.env["sale.order"].search_count([]), orders)
