"""Attacks through Odoo's own order routes (sale's portal controller): signing, rejecting and paying quotations.

A distributor reads its sub-dealers' orders (record rule) but never signs, rejects or pays them, nor gets their share
link; a quotation submitted on the portal that waits for the salesperson is not signed, rejected or paid by the dealer;
signing a dealer quotation that the dealer checks refuse stores nothing.
"""
from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common_forms import DealerFormsCase
from .common_ordering import DealerOrderingCase, signature_png


class OrderRoutesMixin:
    """Requests to Odoo's order routes, as the browser sends them, and what they must leave as it was."""

    def _accept(self, order, access_token=None):
        url = f"/my/orders/{order.id}/accept" + (f"?access_token={access_token}" if access_token else "")
        return self.make_jsonrpc_request(url, {"name": "Signer", "signature": signature_png()})

    def _decline(self, order, access_token=None):
        url = f"/my/orders/{order.id}/decline" + (f"?access_token={access_token}" if access_token else "")
        return self.url_open(url, data={"csrf_token": self._csrf(), "decline_message": "We decline."},
                             allow_redirects=False)

    def _pay(self, order, access_token="any"):
        return self.make_jsonrpc_request(f"/my/orders/{order.id}/transaction", {
            "access_token": access_token, "amount": order.amount_total, "provider_id": 1, "payment_method_id": 1,
            "token_id": None, "flow": "direct", "tokenization_requested": False,
            "landing_route": f"/my/orders/{order.id}",
        })

    @staticmethod
    def _signed_message(order):
        return order.message_ids.filtered(lambda message: "Order signed by Signer" in (message.body or ""))

    def _state_of(self, order):
        """What a refused request must leave as it was: status, signature, messages, transactions, last write."""
        self.env.cr.precommit.run()  # the tracking messages of the test's own changes
        self.env.invalidate_all()
        order = order.sudo()
        return {
            "state": order.state, "signature": bool(order.signature), "signed_by": order.signed_by,
            "write_date": order.write_date, "messages": len(order.message_ids),
            "transactions": len(order.transaction_ids),
        }

    def _assert_refused_json(self, call):
        """A JSON route's refusal: an error result or a JSON-RPC error, never a server error."""
        try:
            result = call()
        except JsonRpcException:
            return
        self.assertIsInstance(result, dict)
        self.assertIn("error", result)


@tagged("post_install", "-at_install")
class TestDistributorOnSubDealerQuotations(OrderRoutesMixin, DealerFormsCase):
    """D reads S's orders (record rule rule_sale_order_portal_distributor): reading is all it does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quote_s = cls.env["sale.order"].create({
            "partner_id": cls.sub_dealer.id, "require_signature": True,
            "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 2})],
        })
        cls.quote_s.action_quotation_sent()
        cls.token_s = cls.quote_s._portal_ensure_token()

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_d", "pr_portal_d")

    def test_distributor_reads_the_quotation(self):
        response = self.url_open(f"/my/orders/{self.quote_s.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.quote_s.name, response.text)

    def test_distributor_cannot_sign_the_quotation(self):
        before = self._state_of(self.quote_s)
        self._assert_refused_json(lambda: self._accept(self.quote_s))
        self.assertEqual(self._state_of(self.quote_s), before)
        self.assertEqual(before["state"], "sent")
        self.assertFalse(before["signature"])

    def test_distributor_cannot_sign_with_the_share_link_either(self):
        before = self._state_of(self.quote_s)
        self._assert_refused_json(lambda: self._accept(self.quote_s, access_token=self.token_s))
        self.assertEqual(self._state_of(self.quote_s), before)

    def test_distributor_cannot_reject_the_quotation(self):
        before = self._state_of(self.quote_s)
        for token in (None, self.token_s):
            response = self._decline(self.quote_s, access_token=token)
            self.assertLess(response.status_code, 500)
            self.assertNotIn("message=", response.headers.get("Location", "") or "")
        self.assertEqual(self._state_of(self.quote_s), before)

    def test_distributor_cannot_pay_the_quotation(self):
        before = self._state_of(self.quote_s)
        for token in ("any", self.token_s):
            with self.assertRaises(JsonRpcException):
                self._pay(self.quote_s, access_token=token)
        self.assertEqual(self._state_of(self.quote_s), before)
        self.assertFalse(self.env["payment.transaction"].sudo().search([("sale_order_ids", "in", self.quote_s.ids)]))

    def test_distributor_cannot_post_on_the_quotation_chatter(self):
        before = self._state_of(self.quote_s)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/mail/message/post", {
                "thread_model": "sale.order", "thread_id": self.quote_s.id,
                "post_data": {"body": "Posted by the distributor", "message_type": "comment"},
            })
        self.assertEqual(self._state_of(self.quote_s), before)

    def test_page_has_no_buttons_and_no_share_link(self):
        html = self.url_open(f"/my/orders/{self.quote_s.id}").text
        self.assertIn(self.quote_s.name, html, "the distributor reads the order")
        self.assertNotIn(self.token_s, html, "the sub-dealer's share link is not handed out")
        for action in ("#modalaccept", "#modaldecline", 'id="accept"', f"/my/orders/{self.quote_s.id}/decline",
                       "o_dealer_reorder"):
            self.assertNotIn(action, html)
        pdf = self.url_open(f"/my/orders/{self.quote_s.id}?report_type=pdf")
        self.assertEqual(pdf.status_code, 200, "the distributor prints the order")

    def test_wrong_token_on_the_page_is_refused_and_logs_nothing(self):
        before = self._state_of(self.quote_s)
        response = self.url_open(f"/my/orders/{self.quote_s.id}?access_token=forged", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self._state_of(self.quote_s), before, "no 'viewed by customer' message either")

    def test_sub_dealer_still_signs_its_own_quotation(self):
        self.authenticate("pr_portal_s", "pr_portal_s")
        html = self.url_open(f"/my/orders/{self.quote_s.id}").text
        self.assertIn("#modalaccept", html)
        result = self._accept(self.quote_s)
        self.assertIn("redirect_url", result)
        self.env.invalidate_all()
        self.assertEqual(self.quote_s.state, "sale")
        self.assertEqual(self.quote_s.signed_by, "Signer")
        self.assertTrue(self._signed_message(self.quote_s))


@tagged("post_install", "-at_install")
class TestSigningWaitingQuotations(OrderRoutesMixin, DealerOrderingCase):
    """Grade plain leaves portal orders to the salesperson: the dealer does not confirm them by signing or paying."""

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")

    def _waiting_quotation(self):
        order = self._submitted_quotation()
        self.assertTrue(order.require_signature, "a signature would confirm it")
        return order

    def test_waiting_quotation_offers_no_sign_reject_or_pay(self):
        order = self._waiting_quotation()
        html = self.url_open(f"/my/orders/{order.id}").text
        self.assertIn("o_dealer_awaiting", html)
        for action in ("#modalaccept", "#modaldecline"):
            self.assertNotIn(action, html)

    def test_signing_a_waiting_quotation_is_refused(self):
        order = self._waiting_quotation()
        before, counts = self._state_of(order), self._counts()
        result = self._accept(order)
        self.assertEqual(result, {"error": "The order is not in a state requiring customer signature."})
        self.assertEqual(self._state_of(order), before)
        self.assertEqual(self._counts(), counts)
        self.assertRecordValues(order, [{"state": "draft", "signature": False, "dealer_checks_passed": False}])

    def test_rejecting_or_paying_a_waiting_quotation_is_refused(self):
        order = self._waiting_quotation()
        before, counts = self._state_of(order), self._counts()
        response = self._decline(order)
        self.assertIn("message=cant_reject", response.headers["Location"])
        with self.assertRaises(JsonRpcException):
            self._pay(order, access_token=order.sudo()._portal_ensure_token())
        self.assertEqual(self._state_of(order), before)
        self.assertEqual(self._counts(), counts)

    def test_confirmation_by_the_salesperson_closes_the_todo(self):
        order = self._waiting_quotation()
        todo = self.env.ref("dealer_portal.mail_activity_type_confirm_portal_order")
        self.assertEqual(order.activity_ids.activity_type_id, todo)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.activity_ids, "the to-do is closed")
        done = order.message_ids.filtered(lambda message: message.mail_activity_type_id == todo)
        self.assertEqual(len(done), 1, "marked done (logged on the order), not deleted")

    def _sent_quotation(self, quantity):
        """A back-office quotation of A sent for signature (signing confirms it: no payment asked)."""
        order = self.env["sale.order"].create({
            "partner_id": self.dealer_a.id, "require_signature": True, "require_payment": False,
            "order_line": [Command.create({"product_id": self.pump.id, "product_uom_qty": quantity})],
        })
        order.action_quotation_sent()
        return order

    def test_signature_is_not_stored_when_the_checks_refuse_the_confirmation(self):
        order = self._sent_quotation(20)  # 1,800 > A's credit limit of 1,000
        before, counts = self._state_of(order), self._counts()
        result = self._accept(order)
        self.assertIn("Credit limit exceeded", result["error"])
        self.assertEqual(self._state_of(order), before)
        self.assertEqual(self._counts(), counts)
        self.assertRecordValues(order, [{"state": "sent", "signature": False, "signed_by": False}])

    def test_signing_a_quotation_the_checks_accept_confirms_it(self):
        order = self._sent_quotation(2)
        result = self._accept(order)
        self.assertIn("message=sign_ok", result["redirect_url"])
        self.env.invalidate_all()
        self.assertRecordValues(order, [{"state": "sale", "signed_by": "Signer", "dealer_checks_passed": True}])
        self.assertTrue(order.signature)
        self.assertTrue(self._signed_message(order).attachment_ids, "the signed order is attached")
