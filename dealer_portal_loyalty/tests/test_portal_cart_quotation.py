"""The portal cart's quotation (issue 17, the cart with promotions priced and submitted once): the cart page builds
it with its promotions, the submission confirms that same quotation; it is nobody's order until then."""
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dealer_loyalty.tests.common import threshold_values
from odoo.addons.dealer_portal.tests.common_ordering import DealerOrderingCase


@tagged("post_install", "-at_install")
class TestPortalCartQuotation(DealerOrderingCase):
    """Dealer A (grade gold) has a 满减 (≥ 1,000 → 100 off): its cart page builds a quotation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.threshold = cls.env["loyalty.program"].create(threshold_values(
            "满减 Cart", date_to=cls.today + timedelta(days=10),
            dealer_grade_ids=[Command.set(cls.grade_gold.ids)]))
        cls.dealer_a.credit_limit = 100000.0
        cls.sequence = cls.env["ir.sequence"].search([("code", "=", "sale.order")], limit=1)

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")

    def _carts(self):
        self.env.invalidate_all()
        return self.env["sale.order"].sudo().search([("dealer_portal_cart_key", "!=", False)])

    def _next_number(self):
        self.env.invalidate_all()
        return self.sequence.number_next_actual

    def test_cart_page_keeps_one_quotation_that_the_submission_confirms(self):
        self._quick_order("ORD-PUMP 12")
        number = self._next_number()
        self.url_open("/my/cart")
        cart = self._carts()
        self.assertEqual(len(cart), 1)
        self.assertEqual((cart.state, cart.name, cart.dealer_portal_submitted, cart.dealer_portal_user_id),
                         ("draft", "/", False, self.portal_a))
        self.assertEqual(cart.order_line.filtered("reward_id").reward_id.program_id, self.threshold)
        self.assertEqual(self._next_number(), number, "a cart uses no order number")
        self.url_open("/my/cart")
        self.assertEqual(self._carts(), cart, "the same cart shown again: the same quotation, nothing built again")
        self._submit()
        order = self._orders_of(self.dealer_a)
        self.assertEqual(order, cart, "the submission confirmed the cart's quotation")
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.dealer_portal_cart_key)
        self.assertNotEqual(order.name, "/")
        self.assertEqual(self._next_number(), number + 1, "the order number is taken at submission")
        self.assertAlmostEqual(order.amount_untaxed, 980.0)
        self.assertFalse(self._carts())

    def test_changed_cart_builds_a_new_quotation(self):
        self._quick_order("ORD-PUMP 12")
        self.url_open("/my/cart")
        first = self._carts()
        self._quick_order("ORD-VALVE 2")
        self.url_open("/my/cart")
        second = self._carts()
        self.assertEqual(len(second), 1)
        self.assertNotEqual(second, first)
        self.assertFalse(first.exists(), "the quotation of the cart as it was is removed")
        self.assertEqual(sorted(second.order_line.filtered(lambda line: not line.reward_id).mapped("product_uom_qty")),
                         [2.0, 12.0])

    def test_price_changed_after_the_cart_page_is_not_submitted_stale(self):
        """The cart's price sources changed after the page was shown: the submission builds the order again at the
        prices of now (the quotation at the old prices is removed)."""
        self._quick_order("ORD-PUMP 12")
        token = self._cart_token()  # the page: its quotation built
        stale = self._carts()
        self.assertAlmostEqual(stale.order_line.filtered(lambda line: line.product_id == self.pump).price_unit, 90.0)
        self.pricelist.item_ids.filtered(lambda item: item.applied_on == "3_global").percent_price = 20.0
        self._submit(token=token)
        order = self._orders_of(self.dealer_a)
        self.assertEqual(order.state, "sale")
        self.assertNotEqual(order, stale)
        self.assertFalse(stale.exists())
        self.assertAlmostEqual(order.order_line.filtered(lambda line: line.product_id == self.pump).price_unit, 80.0)

    def test_quotation_touched_in_the_back_office_is_not_submitted(self):
        self._quick_order("ORD-PUMP 12")
        token = self._cart_token()
        cart = self._carts()
        cart.order_line.filtered(lambda line: line.product_id == self.pump).with_user(self.salesman).write(
            {"product_uom_qty": 20.0})
        self._submit(token=token)
        order = self._orders_of(self.dealer_a)
        self.assertEqual(order.state, "sale")
        self.assertNotEqual(order, cart, "a quotation whose lines changed is not the dealer's cart any more")
        self.assertEqual(order.order_line.filtered(lambda line: line.product_id == self.pump).product_uom_qty, 12.0)
        self.assertFalse(cart.exists())

    def test_cart_quotation_is_nobodys_order(self):
        """Hidden from the portal's lists, read-only on Odoo's order page, not confirmable in the back office."""
        self._quick_order("ORD-PUMP 12")
        self.url_open("/my/cart")
        cart = self._carts()
        for url in ("/my/orders", "/my/quotes", "/my/home"):
            self.assertNotIn(f"/my/orders/{cart.id}", self.url_open(url).text, url)
        page = self.url_open(f"/my/orders/{cart.id}")
        self.assertEqual(page.status_code, 200, "the dealer's people may look at their own cart")
        for action in ("#modalaccept", "#modaldecline"):
            self.assertNotIn(action, page.text)
        response = self._post(f"/my/orders/{cart.id}/decline", decline_message="no")
        self.assertEqual(cart.state, "draft", response.status_code)
        with self.assertRaisesRegex(UserError, "portal cart"):
            cart.with_user(self.salesman).action_confirm()
        self.env.invalidate_all()
        self.assertEqual(cart.state, "draft")
        self.assertTrue(cart.dealer_portal_cart_key)

    def test_cart_key_written_by_code_only(self):
        """Nobody sets or clears the key through the ORM: not a salesperson, not a default_* key."""
        self._quick_order("ORD-PUMP 12")
        self.url_open("/my/cart")
        cart = self._carts()
        key = cart.dealer_portal_cart_key
        with self.assertRaises(AccessError):
            cart.with_user(self.salesman).write({"dealer_portal_cart_key": False})
        Order = self.env["sale.order"].with_user(self.salesman)
        with self.assertRaises(AccessError):
            Order.with_context(default_dealer_portal_cart_key=key).create({"partner_id": self.dealer_a.id})
        self.env.invalidate_all()
        self.assertEqual(cart.dealer_portal_cart_key, key)
        self.assertEqual(len(self._carts()), 1, "no second cart written")

    def test_another_users_cart_is_not_taken(self):
        """Dealer B's user submits the same products: A's cart quotation stays A's."""
        self._quick_order("ORD-PUMP 12")
        self.url_open("/my/cart")
        cart_a = self._carts()
        self.grade_plain.portal_auto_confirm = True
        self.authenticate("pr_portal_b", "pr_portal_b")
        self._quick_order("ORD-PUMP 12")
        self._submit()
        order_b = self._orders_of(self.dealer_b)
        self.assertEqual(len(order_b), 1)
        self.assertNotEqual(order_b, cart_a)
        self.assertEqual(self._carts(), cart_a, "A's cart quotation is untouched")
        self.assertEqual(cart_a.dealer_portal_user_id, self.portal_a)

    def test_refused_submission_leaves_the_cart_as_it_was(self):
        self.dealer_a.credit_limit = 100.0
        self._quick_order("ORD-PUMP 12")
        token = self._cart_token()
        cart = self._carts()
        key = cart.dealer_portal_cart_key
        counts = self._counts()
        response = self._submit(token=token)
        self.assertIn("o_dealer_form_error", response.text)
        self.assertFalse(self._orders_of(self.dealer_a))
        self.assertEqual(self._counts(), counts)
        self.assertEqual(self._carts(), cart)
        self.assertEqual((cart.state, cart.name, cart.dealer_portal_cart_key), ("draft", "/", key))

    def test_scheduled_job_removes_carts_left_for_a_day(self):
        self._quick_order("ORD-PUMP 12")
        self.url_open("/my/cart")
        cart = self._carts()
        coupons = cart.coupon_point_ids.coupon_id
        self.assertTrue(coupons, "Odoo's engine made the 满减's coupon of the quotation")
        Order = self.env["sale.order"]
        self.assertEqual(Order._dealer_portal_gc_carts(), 0, "a cart of today stays")
        self.env.flush_all()
        self.env.cr.execute("UPDATE sale_order SET write_date = %s WHERE id = %s",
                            (fields.Datetime.now() - timedelta(days=2), cart.id))
        self.env.invalidate_all()
        self.assertEqual(Order._dealer_portal_gc_carts(), 1)
        self.assertFalse(cart.exists())
        self.assertFalse(coupons.exists(), "with the coupons the engine made for it")
        self.assertTrue(self.env.ref("dealer_portal_loyalty.ir_cron_dealer_portal_gc_carts").active)

    def test_cart_holds_up_no_termination(self):
        """A dealer leaving the network with a cart on the portal: the cart is no open quotation of its termination."""
        termination = self.env["dealer.termination"].create({"partner_id": self.dealer_a.id,
                                                             "reason_code": "voluntary"})
        before = termination.open_quotation_count
        self._quick_order("ORD-PUMP 12")
        self.url_open("/my/cart")
        cart = self._carts()
        self.assertTrue(cart)
        self.env.invalidate_all()
        self.assertEqual(termination.open_quotation_count, before)
        listed = self.env["sale.order"].search(termination.action_view_open_quotations()["domain"])
        self.assertNotIn(cart, listed)

    def test_cart_attacked_over_rpc(self):
        """Over call_kw: a salesperson clearing the key or confirming the cart, the dealer's own portal user confirming
        it, writing its key or creating a cart, another dealer's user confirming it (who learns nothing of it):
        refused, and the cart is as it was."""
        self._quick_order("ORD-PUMP 12")
        self.url_open("/my/cart")
        cart = self._carts()
        key, orders = cart.dealer_portal_cart_key, self.env["sale.order"].sudo().search_count([])
        for login, method, args, refusal in (
            ("dealer_salesman_t", "write", [cart.ids, {"dealer_portal_cart_key": False}], "AccessError"),
            ("dealer_salesman_t", "action_confirm", [cart.ids], "UserError"),
            ("pr_portal_a", "action_confirm", [cart.ids], "UserError"),
            ("pr_portal_b", "action_confirm", [cart.ids], "AccessError"),
            ("pr_portal_a", "write", [cart.ids, {"dealer_portal_cart_key": False}], "AccessError"),
            ("pr_portal_a", "create", [{"partner_id": self.dealer_a.id, "dealer_portal_cart_key": key}],
             "AccessError"),
        ):
            self.authenticate(login, login)
            with self.subTest(login=login, method=method):
                _result, error = self._call_kw("sale.order", method, args)
                self.assertTrue(error, "the call went through")
                self.assertTrue(error["name"].endswith(refusal), error["name"])
        self.env.invalidate_all()
        self.assertEqual((cart.state, cart.name, cart.dealer_portal_cart_key), ("draft", "/", key))
        self.assertEqual(self.env["sale.order"].sudo().search_count([]), orders, "no order written")
