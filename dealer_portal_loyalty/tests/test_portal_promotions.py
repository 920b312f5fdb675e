import re
from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_loyalty.tests.common import buy_x_get_y_values, coupon_values, threshold_values
from odoo.addons.dealer_portal.tests.common_ordering import DealerOrderingCase


@tagged("post_install", "-at_install")
class TestPortalPromotions(DealerOrderingCase):
    """Dealer A (grade gold) has a 满减 (≥ 1,000 → 100 off) and a 买赠 on the valve; B (grade
    plain) has neither. The cart shows the rewards and the saving, codes go on the cart, the submission applies
    them before the dealer checks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Program = cls.env["loyalty.program"]
        gold = {"dealer_grade_ids": [Command.set(cls.grade_gold.ids)]}
        cls.threshold = Program.create(threshold_values("满减 Gold", date_to=cls.today + timedelta(days=10), **gold))
        cls.bxgy = Program.create(buy_x_get_y_values("买赠 Valve", cls.valve, buy=3, **gold))
        cls.coupons = Program.create(coupon_values("代金券 Portal"))
        cls.gold_coupons = Program.create(coupon_values("代金券 Gold", **gold))
        cls.coupon_a, cls.coupon_b = cls.env["loyalty.card"].create([
            {"program_id": cls.coupons.id, "partner_id": dealer.id, "points": 1}
            for dealer in (cls.dealer_a, cls.dealer_b)
        ])
        cls.gold_coupon = cls.env["loyalty.card"].create({"program_id": cls.gold_coupons.id, "points": 1})

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")

    def _coupon_token(self):
        match = re.search(r'name="coupon_token" value="([^"]+)"', self.url_open("/my/cart").text)
        self.assertTrue(match, "the cart has the coupon form and its one-time token")
        return match.group(1)

    def _apply_code(self, code, token=None):
        return self._post("/my/cart/coupon", code=code, coupon_token=token or self._coupon_token())

    def _session_codes(self):
        return self.url_open("/my/cart").text.count("o_dealer_cart_codes")

    def test_cart_shows_reward_and_saving(self):
        self._quick_order("ORD-PUMP 12")
        html = self.url_open("/my/cart").text
        self.assertIn("o_dealer_cart_reward", html)
        saving = re.search(r'o_dealer_cart_saving">(.*?)</td>', html, re.S).group(1)
        self.assertIn("100.00", saving)

    def test_submit_applies_rewards_before_the_checks(self):
        """A's confirmed orders hold 57.50 of its credit: 12 pumps at 90 = 1,080 would go over a limit of 1,050,
        the 满减 brings the order to 980, so it passes."""
        self.dealer_a.credit_limit = 1050.0
        self._quick_order("ORD-PUMP 12")
        response = self._submit()
        order = self._orders_of(self.dealer_a)
        self.assertEqual(order.state, "sale", response.text[response.text.find("o_dealer_form_error"):][:600])
        reward = order.order_line.filtered("reward_id")
        self.assertEqual(reward.reward_id.program_id, self.threshold)
        self.assertAlmostEqual(order.amount_untaxed, 980.0)

    def test_free_unit_in_cart(self):
        self._quick_order("ORD-VALVE 3")
        html = self.url_open("/my/cart").text
        self.assertIn("Free Product - Ordering Valve", html)
        self._submit()
        order = self._orders_of(self.dealer_a)
        free = order.order_line.filtered("reward_id")
        self.assertEqual((free.product_id, free.product_uom_qty, free.discount), (self.valve, 1.0, 100.0))

    def test_dealer_outside_grade_gets_no_reward(self):
        self.authenticate("pr_portal_b", "pr_portal_b")
        self._quick_order("ORD-PUMP 12\nORD-VALVE 3")
        html = self.url_open("/my/cart").text
        self.assertNotIn("o_dealer_cart_reward", html)
        self.assertNotIn("满减 Gold", self.url_open("/my/promotions").text)
        self._apply_code(self.gold_coupon.code)
        self.assertNotIn("o_dealer_cart_codes", self.url_open("/my/cart").text)
        self.grade_plain.portal_auto_confirm = True
        self._submit()
        order = self._orders_of(self.dealer_b)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.order_line.filtered("reward_id"))
        self.assertEqual(self.gold_coupon.points, 1)

    def test_coupon_on_cart_then_reused(self):
        self._quick_order("ORD-PUMP 2")
        response = self._apply_code(self.coupon_a.code)
        self.assertIn(f"Code {self.coupon_a.code} was applied to your cart.", response.text)
        self.assertIn("o_dealer_cart_reward", response.text)
        self._submit()
        order = self._orders_of(self.dealer_a)
        self.assertEqual(order.order_line.filtered("reward_id").coupon_id, self.coupon_a)
        self.coupon_a.invalidate_recordset()
        self.assertEqual(self.coupon_a.points, 0)
        # the same coupon on the next cart
        self._quick_order("ORD-PUMP 2")
        response = self._apply_code(self.coupon_a.code)
        self.assertIn("This coupon has already been used.", response.text)
        self.assertNotIn("o_dealer_cart_codes", self.url_open("/my/cart").text)

    def test_coupon_of_another_dealer_refused(self):
        self._quick_order("ORD-PUMP 2")
        counts = self._counts()
        response = self._apply_code(self.coupon_b.code)
        self.assertIn("This coupon belongs to another customer", response.text)
        self.assertNotIn("o_dealer_cart_codes", self.url_open("/my/cart").text)
        self.assertEqual(self._counts(), counts)
        self.assertEqual(self.coupon_b.points, 1)

    def test_replayed_coupon_form_refused(self):
        self._quick_order("ORD-PUMP 2")
        token = self._coupon_token()
        self._apply_code("NO-SUCH-CODE", token=token)
        response = self._apply_code(self.coupon_a.code, token=token)
        self.assertIn("This form was already submitted", response.text)
        self.assertNotIn("o_dealer_cart_codes", self.url_open("/my/cart").text)

    def test_catalog_badge_means_an_open_program(self):
        row = self._row(self.url_open("/my/catalog").text, "ORD-VALVE")
        self.assertIn("o_dealer_promotion", row)
        self.authenticate("pr_portal_b", "pr_portal_b")
        row = self._row(self.url_open("/my/catalog").text, "ORD-VALVE")
        self.assertNotIn("o_dealer_promotion", row)

    def test_promotions_page(self):
        html = self.url_open("/my/promotions").text
        self.assertIn("满减 Gold", html)
        self.assertIn("买赠 Valve", html)
        self.assertIn("Ends on", html)
        self.assertIn("代金券 Gold", html, "a coupon program of the grade is open to the dealer too")
