"""/my/orders (Odoo's list, controllers/sale_portal.py): each order's status and delivery; a dealer's cancelled
orders; a distributor's sub-dealers' orders, read-only (rule rule_sale_order_portal_distributor, and
sale.order._dealer_portal_may_act for what the reader may do).

Attacks: a dealer that is not a distributor lists no other dealer's order, a distributor lists no order of a dealer
that is not its sub-dealer, a sub-dealer lists none of its distributor's; the links of the sub-dealers' orders carry
no share link and open a page without buttons; listing writes nothing.
"""
import re

from odoo import Command
from odoo.tests import tagged

from .common_forms import DealerFormsCase


@tagged("post_install", "-at_install")
class TestPortalOrdersList(DealerFormsCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_distributor = cls._create_dealer("Distributor Omega", state="active", grade=cls.grade_plain)
        cls.other_sub = cls._create_dealer(
            "Subdealer Tau", state="active", grade=cls.grade_plain, parent_dealer_id=cls.other_distributor.id,
        )
        cls.order_other_sub = cls.env["sale.order"].create({
            "partner_id": cls.other_sub.id, "order_line": [Command.create({"product_id": cls.product.id})],
        })
        cls.order_other_sub.action_confirm()
        # a quotation of the sub-dealer: not an order, in nobody's /my/orders
        cls.quote_s = cls.env["sale.order"].create({
            "partner_id": cls.sub_dealer.id, "order_line": [Command.create({"product_id": cls.product.id})],
        })
        cls.quote_s.action_quotation_sent()

    def _list(self, login):
        self.authenticate(login, login)
        response = self.url_open("/my/orders")
        self.assertEqual(response.status_code, 200)
        return response.text

    @staticmethod
    def _list_row(html, order):
        """The list's row of `order` (its HTML), or None."""
        match = re.search(rf'<tr>(?:(?!</tr>).)*>{re.escape(order.name)}</a>.*?</tr>', html, re.S)
        return match and match.group(0)

    def _deliver(self, order, quantity=None):
        """Validate the order's delivery, for `quantity` of each move (all by default), leaving a backorder."""
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty if quantity is None else quantity
            move.picked = True
        picking.with_context(cancel_backorder=False)._action_done()

    def _snapshot(self, orders):
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        return [(o.state, o.write_date, o.access_token, len(o.message_ids)) for o in orders.sudo()]

    # ------------------------------------------------------------------ status and delivery
    def test_status_and_delivery_columns(self):
        """Each order says its status (Odoo's labels) and how far it is delivered: not, partially, fully."""
        self.order_a.order_line.product_uom_qty = 3
        html = self._list("pr_portal_a")
        self.assertIn("o_dealer_order_state", html)
        self.assertIn("o_dealer_order_delivery", html)
        row = self._list_row(html, self.order_a)
        self.assertIn("Sales Order", row)
        self.assertIn("Not Delivered", row)
        self._deliver(self.order_a, quantity=1)
        self.assertEqual(self.order_a.delivery_status, "partial")
        self.assertIn("Partially Delivered", self._list_row(self._list("pr_portal_a"), self.order_a))
        self._deliver(self.order_a)
        self.assertEqual(self.order_a.delivery_status, "full")
        self.assertIn("Fully Delivered", self._list_row(self._list("pr_portal_a"), self.order_a))

    def test_service_order_has_nothing_to_deliver(self):
        service = self.env["product.product"].create({"name": "Training day", "type": "service"})
        order = self.env["sale.order"].create({
            "partner_id": self.dealer_a.id, "order_line": [Command.create({"product_id": service.id})],
        })
        order.action_confirm()
        self.assertIn("Nothing to deliver", self._list_row(self._list("pr_portal_a"), order))

    def test_cancelled_order_is_listed_as_cancelled(self):
        order = self.env["sale.order"].create({
            "partner_id": self.dealer_a.id, "order_line": [Command.create({"product_id": self.product.id})],
        })
        order.action_confirm()
        order._action_cancel()
        row = self._list_row(self._list("pr_portal_a"), order)
        self.assertIn("Cancelled", row)
        self.assertNotIn("Delivered", row, "no delivery status for a cancelled order")

    def test_customer_that_is_no_dealer_keeps_odoo_list(self):
        """Odoo's list of a customer that is not a dealer: its confirmed orders only, as before (plus the columns)."""
        customer = self.Partner.create({"name": "Plain Customer PR"})
        self._create_portal_user(customer, "pr_plain_customer")
        confirmed, cancelled = self.env["sale.order"].create([{
            "partner_id": customer.id, "order_line": [Command.create({"product_id": self.product.id})],
        } for __ in range(2)])
        (confirmed | cancelled).action_confirm()
        cancelled._action_cancel()
        html = self._list("pr_plain_customer")
        self.assertIn("Sales Order", self._list_row(html, confirmed))
        self.assertIsNone(self._list_row(html, cancelled))
        self.assertNotIn("o_dealer_order_dealer", html)

    # ------------------------------------------------------------------ a distributor's sub-dealers
    def test_distributor_lists_its_sub_dealers_orders_read_only(self):
        token_s = self.order_s.sudo()._portal_ensure_token()  # the sub-dealer's share link exists
        before = self._snapshot(self.order_s)
        html = self._list("pr_portal_d")
        own, sub = self._list_row(html, self.order_d), self._list_row(html, self.order_s)
        self.assertTrue(own, "the distributor's own orders stay")
        self.assertIn("access_token=", own, "its own orders keep Odoo's links")
        self.assertTrue(sub, "the sub-dealer's order is listed")
        self.assertIn(f'href="/my/orders/{self.order_s.id}"', sub, "linked without the share link")
        self.assertIn(self.sub_dealer.name, sub)
        self.assertNotIn(self.distributor.name, own)
        self.assertNotIn(token_s, html)
        self.assertIn("Sub-dealer", html)
        self.assertEqual(self._snapshot(self.order_s), before, "listing writes nothing on the sub-dealer's order")
        page = self.url_open(f"/my/orders/{self.order_s.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.order_s.name, page.text)
        for action in ("#modalaccept", "#modaldecline", "o_dealer_reorder", token_s):
            self.assertNotIn(action, page.text)
        self.assertEqual(self._snapshot(self.order_s), before, "reading writes nothing")

    def test_sub_dealer_order_without_share_link_gets_none(self):
        """Odoo's list makes a share link for each order it lists: none for the orders the user only reads."""
        self.assertFalse(self.order_s.access_token)
        html = self._list("pr_portal_d")
        self.assertTrue(self._list_row(html, self.order_s))
        self.env.invalidate_all()
        self.assertFalse(self.order_s.access_token)

    def test_own_order_page_links_no_sub_dealer_order(self):
        """Odoo's previous/next links of an order page follow the list and carry each order's share link: the
        distributor's own order page links none of its sub-dealers' orders (nor makes their share link)."""
        html = self._list("pr_portal_d")
        self.assertTrue(self._list_row(html, self.order_s) and self._list_row(html, self.order_d))
        before = self._snapshot(self.order_s)
        page = self.url_open(self.order_d.sudo().get_portal_url()).text
        self.assertIn(self.order_d.name, page)
        self.assertNotIn(f"/my/orders/{self.order_s.id}", page)
        self.assertEqual(self._snapshot(self.order_s), before, "no share link made for the sub-dealer's order")
        self.assertFalse(self.order_s.access_token)

    def test_distributor_lists_no_other_dealer_order(self):
        html = self._list("pr_portal_d")
        for order in (self.order_a, self.order_b, self.order_other_sub, self.quote_s):
            self.assertIsNone(self._list_row(html, order), order.partner_id.name)
            self.assertNotIn(order.name, html)

    def test_dealer_that_is_no_distributor_lists_only_its_own_orders(self):
        for login, own, others in (
            ("pr_portal_a", self.order_a, self.order_b | self.order_d | self.order_s | self.order_other_sub),
            ("pr_portal_b", self.order_b, self.order_a | self.order_d | self.order_s | self.order_other_sub),
            ("pr_portal_s", self.order_s, self.order_a | self.order_b | self.order_d | self.order_other_sub),
        ):
            html = self._list(login)
            self.assertTrue(self._list_row(html, own), login)
            self.assertNotIn("Sub-dealer", html, login)
            for order in others:
                self.assertNotIn(order.name, html, f"{login} lists {order.name}")
