"""Attacks on portal ordering, made the way a portal user would: JSON-RPC calls and direct model calls."""
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_ordering import DealerOrderingCase

# sale.order's create draws the order number first: a portal user is refused the sequence before the create itself
REFUSED_CREATE = r"not allowed to create|not allowed to access 'Sequence'|change only through its buttons and wizards"
REFUSED_WRITE = r"not allowed to modify|change only through its buttons and wizards"


@tagged("post_install", "-at_install")
class TestSecurityPortalOrdering(DealerOrderingCase):

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")

    def _order_vals(self, **vals):
        return {"partner_id": self.dealer_a.id, "order_line": [Command.create({"product_id": self.pump.id})], **vals}

    # ------------------------------------------------------------------ create / write over RPC
    def test_portal_cannot_create_submitted_order_over_rpc(self):
        counts = self._counts()
        __, error = self._call_kw("sale.order", "create", [self._order_vals(dealer_portal_submitted=True)])
        self.assertRpcRefused(error, "AccessError", REFUSED_CREATE)
        __, error = self._call_kw("sale.order", "create", [self._order_vals()])
        self.assertRpcRefused(error, "AccessError", REFUSED_CREATE)
        self.assertEqual(self._counts(), counts)

    def test_portal_default_keys_are_refused_over_rpc(self):
        counts = self._counts()
        for key, value in (("default_dealer_portal_submitted", True), ("default_dealer_portal_user_id", 1),
                           ("default_state", "sale")):
            __, error = self._call_kw("sale.order", "create", [self._order_vals()], context={key: value})
            self.assertRpcRefused(error, "AccessError", REFUSED_CREATE)
        self.assertEqual(self._counts(), counts)

    def test_portal_cannot_mark_an_order_submitted_over_rpc(self):
        order = self._submitted_quotation()
        for vals in ({"dealer_portal_submitted": False}, {"dealer_portal_user_id": self.portal_b.id},
                     {"state": "sale"}, {"order_line": [Command.create({"product_id": self.valve.id})]}):
            __, error = self._call_kw("sale.order", "write", [order.ids, vals])
            self.assertRpcRefused(error, "AccessError", REFUSED_WRITE)
        self.env.invalidate_all()
        self.assertRecordValues(order, [{
            "dealer_portal_submitted": True, "dealer_portal_user_id": self.portal_a.id, "state": "draft",
        }])
        self.assertEqual(len(order.order_line), 1)

    def test_back_office_cannot_forge_the_portal_flag(self):
        order = self.env["sale.order"].with_user(self.salesman).create(self._order_vals())
        with self.assertRefused(AccessError, "change only through its buttons and wizards"):
            order.with_user(self.salesman).write({"dealer_portal_submitted": True})
        self.assertFalse(order.dealer_portal_submitted)

    def test_portal_cannot_confirm_its_quotation_over_rpc(self):
        order = self._submitted_quotation()
        self.dealer_a.credit_limit = 1.0  # the checks would refuse it too; the rights refuse it first
        __, error = self._call_kw("sale.order", "action_confirm", [order.ids])
        self.assertTrue(error, "the confirmation was accepted")
        self.assertIn(error["name"], ("odoo.exceptions.AccessError", "odoo.exceptions.UserError"))
        self.env.invalidate_all()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.dealer_checks_passed)

    def test_portal_cannot_call_the_submission_over_rpc(self):
        counts = self._counts()
        __, error = self._call_kw("sale.order", "_dealer_portal_submit", [self.dealer_a.id, {self.pump.id: 1}])
        self.assertTrue(error, "a private method was callable")
        self.assertEqual(self._counts(), counts)

    # ------------------------------------------------------------------ reading
    def test_portal_cannot_read_another_dealers_orders(self):
        result, error = self._call_kw("sale.order", "search_read", [[]], {"fields": ["name", "partner_id"]})
        self.assertIsNone(error)
        self.assertNotIn(self.order_b.id, [row["id"] for row in result])
        self.assertIn(self.order_a.id, [row["id"] for row in result])
        __, error = self._call_kw("sale.order", "read", [self.order_b.ids, ["name"]])
        self.assertRpcRefused(error, "AccessError", r"sale.order|Sales Order")
        response = self.url_open(f"/my/orders/{self.order_b.id}")
        self.assertNotIn(self.order_b.name, response.text)

    # ------------------------------------------------------------------ the submission's own guards
    def test_submission_ignores_default_keys_of_the_caller(self):
        SaleOrder = self.env["sale.order"].with_user(self.portal_a).with_context(
            default_user_id=self.portal_a.id, default_dealer_checks_passed=True, default_client_order_ref="FORGED",
            default_pricelist_id=False, default_state="sale",
        )
        self.grade_gold.portal_auto_confirm = False
        order = SaleOrder._dealer_portal_submit(self.dealer_a, {self.pump.id: 1.0})
        self.assertRecordValues(order.sudo(), [{
            "user_id": self.salesman.id, "dealer_checks_passed": False, "client_order_ref": False,
            "pricelist_id": self.pricelist.id, "state": "draft",
        }])

    def test_submission_for_another_dealer_is_refused(self):
        counts = self._counts()
        SaleOrder = self.env["sale.order"].with_user(self.portal_a)
        with self.assertRefused(AccessError, "Only the people of an active dealer"):
            SaleOrder._dealer_portal_submit(self.dealer_b, {self.plain_only.id: 1.0})
        with self.assertRefused(AccessError, "Only the people of an active dealer"):
            SaleOrder.with_user(self.portal_b)._dealer_portal_submit(self.dealer_a, {self.pump.id: 1.0})
        self.assertEqual(self._counts(), counts)

    def test_submission_refuses_a_forged_cart(self):
        counts = self._counts()
        SaleOrder = self.env["sale.order"].with_user(self.portal_a)
        for cart in ({self.plain_only.id: 1.0}, {self.pump.id: -3.0}, {self.pump.id: 10 ** 9}, {}):
            with self.assertRefused(Exception, "no longer order|quantity above 0"):
                SaleOrder._dealer_portal_submit(self.dealer_a, cart)
        self.assertEqual(self._counts(), counts)

    def test_forged_cart_in_the_form_is_refused(self):
        """A product id the dealer may not buy, posted to the cart routes, never reaches the cart."""
        self._post("/my/cart/add", product_id=self.other_company_product.id, quantity="1")
        self._post("/my/cart/update", product_id=self.other_company_product.id, quantity="5")
        html = self.url_open("/my/cart").text
        self.assertNotIn("Other Company Thing", html)
        self.assertIn("o_dealer_cart_empty", html)

    def test_quick_order_does_not_reveal_products_the_dealer_may_not_buy(self):
        """Another company's product, one of another grade and one not for sale answer as an unknown code does:
        the code typed and nothing else (neither the product's name nor that it exists); nothing is added."""
        forbidden = self.other_company_product | self.plain_only | self.not_for_sale
        response = self._quick_order("ORD-OTHERCO 1\nORD-PLAIN 1\nORD-NOSALE 1\nNOPE-404 1")
        self.assertEqual(response.status_code, 200)
        for number, code in enumerate(("ORD-OTHERCO", "ORD-PLAIN", "ORD-NOSALE", "NOPE-404"), start=1):
            self.assertIn(f"Line {number}: unknown product code {code}: use a code of the catalog.", response.text)
        for product in forbidden:
            self.assertNotIn(product.name, response.text)
        self.assertNotIn("cannot be ordered", response.text)
        self.assertIn("o_dealer_cart_empty", self.url_open("/my/cart").text, "nothing was added")

    def test_portal_user_name_is_escaped_in_the_back_office_note(self):
        """A portal user's own name (which it may change) goes into the salesperson's to-do as text."""
        link = '<a href="http://evil.example/login">Open</a>'
        self.portal_a.partner_id.name = f"Alice {link}"
        order = self._submitted_quotation()
        note = order.activity_ids.note
        self.assertTrue(note)
        self.assertNotIn("<a", note)
        self.assertIn("&lt;a href=", note)
