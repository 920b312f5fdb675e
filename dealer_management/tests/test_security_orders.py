"""Attacks on the dealer order checks: every path that makes or changes a confirmed dealer order is checked."""
import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import CallKwMixin
from .test_order_checks import DealerOrderCheckCommon

POLICY = "breaks the dealer commercial policy"
STATUS = "changes only through its buttons"


class OrderAttackCommon(DealerOrderCheckCommon):
    """A compliant confirmed order of the dealer, a salesperson and a Sales Administrator (no dealer rights)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = cls.dealer_user  # Sales / own documents (implied) + Dealer User
        cls.sales_admin = new_test_user(
            cls.env, login="orders_sales_admin", company_id=cls.env.company.id,
            groups="base.group_user,sales_team.group_sale_manager,product.group_product_manager",
        )
        cls.confirmed = cls._order(user=cls.salesman)
        cls.confirmed.action_confirm()

    def _provider(self):
        """A provider in test mode with the generic payment method, as payment's own tests set it up."""
        method = self.env.ref("payment.payment_method_unknown")
        provider = self.env["payment.provider"].create({
            "name": "Dealer Test Provider", "code": "none", "state": "test", "is_published": True,
            "payment_method_ids": [Command.set(method.ids)],
        })
        method.active = True
        return provider

    def _line_state(self, order):
        order.invalidate_recordset()
        return [(line.product_id.id, line.product_uom_qty, line.price_unit, line.discount) for line in order.order_line]


@tagged("post_install", "-at_install")
class TestSecurityOrders(OrderAttackCommon):

    # -------------------------------------------------------------- status and bookkeeping (hole 2)
    def test_suspended_dealer_cannot_order_when_its_grade_skips_every_check(self):
        self.grade.write({"check_contract": False, "check_floor_price": False, "check_credit": False,
                          "check_territory": False})
        self.dealer.action_dealer_suspend()
        order = self._order(user=self.salesman)
        with self.assertRefused(UserError, "is not active \\(status: Suspended\\)"):
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_manager_cannot_override_the_orders_of_a_suspended_dealer(self):
        self.dealer.action_dealer_suspend()
        order = self._order(user=self.salesman)
        violations = self.env["dealer.violation"].search_count([])
        with self.assertRefused(UserError, "cannot be overridden: reactivate the dealer first"):
            order.with_user(self.dealer_manager)._dealer_confirm_with_override("Urgent delivery")
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.dealer_override_reason)
        self.assertEqual(self.env["dealer.violation"].search_count([]), violations)

    def test_salesperson_cannot_create_a_dealer_order_in_sale_state(self):
        count = self.env["sale.order"].search_count([])
        with self.assertRefused(AccessError, STATUS):
            self.env["sale.order"].with_user(self.salesman).create({
                "partner_id": self.dealer.id, "partner_shipping_id": self.ship_hangzhou.id, "state": "sale",
                "order_line": [Command.create({"product_id": self.product_floor.id, "price_unit": 1.0})],
            })
        self.assertEqual(self.env["sale.order"].search_count([]), count)

    def test_salesperson_cannot_create_a_dealer_order_with_default_state_sale(self):
        count = self.env["sale.order"].search_count([])
        with self.assertRefused(AccessError, STATUS):
            self.env["sale.order"].with_user(self.salesman).with_context(default_state="sale").create({
                "partner_id": self.dealer.id, "partner_shipping_id": self.ship_hangzhou.id,
            })
        self.assertEqual(self.env["sale.order"].search_count([]), count)

    def test_salesperson_cannot_write_state_sale(self):
        order = self._order(price=10.0, user=self.salesman)
        with self.assertRefused(AccessError, STATUS):
            order.with_user(self.salesman).write({"state": "sale"})
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.picking_ids)

    def test_salesperson_cannot_write_state_cancel_or_draft_directly(self):
        with self.assertRefused(AccessError, STATUS):
            self.confirmed.with_user(self.salesman).write({"state": "draft"})
        self.assertEqual(self.confirmed.state, "sale")

    def test_salesperson_cannot_write_dealer_checks_passed(self):
        order = self._order(price=10.0, user=self.salesman)
        with self.assertRefused(AccessError, "Dealer Checks Passed"):
            order.with_user(self.salesman).write({"dealer_checks_passed": True})
        self.assertFalse(order.dealer_checks_passed)

    def test_salesperson_cannot_write_the_override_record_directly(self):
        with self.assertRefused(AccessError, "Override Reason"):
            self.confirmed.with_user(self.salesman).write({"dealer_override_reason": "planted"})
        self.assertFalse(self.confirmed.dealer_override_reason)

    def test_core_transitions_keep_working(self):
        order = self._order(user=self.salesman).with_user(self.salesman)
        order.action_quotation_sent()
        self.assertEqual(order.state, "sent")
        order.action_confirm()
        order.action_lock()
        self.assertTrue(order.locked)
        order.action_unlock()
        order._action_cancel()
        self.assertEqual(order.state, "cancel")
        order.action_draft()
        self.assertEqual(order.state, "draft")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    # -------------------------------------------------------------- changes of a confirmed order (hole 2)
    def test_salesperson_cannot_lower_price_unit_after_confirmation(self):
        lines = self._line_state(self.confirmed)
        with self.assertRefused(UserError, f"{POLICY}(.|\n)*below the dealer floor price"):
            self.confirmed.order_line.with_user(self.salesman).write({"price_unit": 50.0})
        self.assertEqual(self._line_state(self.confirmed), lines)

    def test_salesperson_cannot_raise_discount_below_floor_after_confirmation(self):
        lines = self._line_state(self.confirmed)
        with self.assertRefused(UserError, POLICY):
            self.confirmed.with_user(self.salesman).write({
                "order_line": [Command.update(self.confirmed.order_line.id, {"discount": 50.0})],
            })
        self.assertEqual(self._line_state(self.confirmed), lines)

    def test_salesperson_cannot_raise_quantity_past_credit(self):
        self.dealer.sudo().with_company(self.env.company).credit_limit = 150.0
        lines = self._line_state(self.confirmed)
        with self.assertRefused(UserError, f"{POLICY}(.|\n)*Credit limit exceeded"):
            self.confirmed.order_line.with_user(self.salesman).write({"product_uom_qty": 5.0})
        self.assertEqual(self._line_state(self.confirmed), lines)

    def test_salesperson_cannot_add_a_line_by_order_write(self):
        lines = self._line_state(self.confirmed)
        with self.assertRefused(UserError, POLICY):
            self.confirmed.with_user(self.salesman).write({"order_line": [Command.create({
                "product_id": self.product_floor.id, "product_uom_qty": 1.0, "price_unit": 10.0,
            })]})
        self.assertEqual(self._line_state(self.confirmed), lines)

    def test_salesperson_cannot_add_a_line_by_line_create(self):
        lines = self._line_state(self.confirmed)
        with self.assertRefused(UserError, POLICY):
            self.env["sale.order.line"].with_user(self.salesman).create({
                "order_id": self.confirmed.id, "product_id": self.product_floor.id, "price_unit": 10.0,
            })
        self.assertEqual(self._line_state(self.confirmed), lines)

    def test_salesperson_cannot_move_delivery_outside_the_territory(self):
        with self.assertRefused(UserError, f"{POLICY}(.|\n)*江苏"):
            self.confirmed.with_user(self.salesman).write({"partner_shipping_id": self.ship_nanjing.id})
        self.assertEqual(self.confirmed.partner_shipping_id, self.ship_hangzhou)

    def test_compliant_changes_of_a_confirmed_order_pass(self):
        order = self.confirmed.with_user(self.salesman)
        order.order_line.write({"price_unit": 120.0})
        order.write({"partner_shipping_id": self.ship_ningbo.id})
        self.assertEqual(order.order_line.price_unit, 120.0)
        # a change that cannot break a check is not re-checked, even once the contract has ended
        self._end_contract()
        order.order_line.write({"product_uom_qty": 0.5, "price_unit": 130.0})
        self.assertEqual(order.order_line.product_uom_qty, 0.5)

    def test_recheck_counts_the_confirmed_order_once_in_credit(self):
        self.dealer.sudo().with_company(self.env.company).credit_limit = 250.0
        self.confirmed.order_line.write({"product_uom_qty": 2.0})  # 200 of 250: still within the limit
        self.assertEqual(self.confirmed.order_line.product_uom_qty, 2.0)

    # -------------------------------------------------------------- dealer detection and territory (hole 3)
    def test_non_dealer_customer_with_dealer_invoice_address_is_checked(self):
        customer = self.env["res.partner"].create({"name": "Walk-in Customer"})
        order = self._order(price=10.0, partner=customer, shipping=customer)
        self.assertFalse(order.dealer_is_dealer_order)
        order.partner_invoice_id = self.dealer
        self.assertTrue(order.dealer_is_dealer_order)
        with self.assertRefused(UserError, "below the dealer floor price"):
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_non_dealer_customer_with_dealer_shipping_address_is_checked(self):
        customer = self.env["res.partner"].create({"name": "Walk-in Customer"})
        order = self._order(price=10.0, partner=customer, shipping=self.ship_hangzhou)
        with self.assertRefused(UserError, "below the dealer floor price"):
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_order_mixing_two_dealers_is_refused(self):
        other = self.env["res.partner"].create({"name": "Other Dealer", "is_company": True, "is_dealer": True})
        order = self._order(user=self.salesman)
        order.partner_invoice_id = other
        with self.assertRefused(UserError, "mixes the addresses of several dealers"):
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_delivery_address_without_province_is_refused(self):
        no_province = self.env["res.partner"].create({
            "name": "Somewhere", "type": "delivery", "parent_id": self.dealer.id, "state_id": False, "city": "",
        })
        order = self._order(shipping=no_province, user=self.salesman)
        with self.assertRefused(UserError, "has no province: complete the address"):
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "draft")

    # -------------------------------------------------------------- floor price internals (hole 10)
    def test_sales_admin_cannot_write_dealer_floor_price(self):
        template = self.product_floor.product_tmpl_id
        with self.assertRefused(AccessError, "Only a Dealer Manager may change the dealer floor price"):
            template.with_user(self.sales_admin).write({"dealer_floor_price": 1.0})
        self.assertEqual(template.dealer_floor_price, 80.0)
        with self.assertRefused(AccessError, "Only a Dealer Manager"):
            self.product_floor.with_user(self.sales_admin).write({"dealer_floor_price": 1.0})
        self.assertEqual(template.dealer_floor_price, 80.0)

    def test_salesperson_cannot_write_dealer_floor_price(self):
        with self.assertRefused(AccessError, ""):
            self.product_floor.product_tmpl_id.with_user(self.salesman).write({"dealer_floor_price": 1.0})
        self.assertEqual(self.product_floor.dealer_floor_price, 80.0)

    def test_sales_admin_cannot_edit_the_floor_pricelist_items(self):
        pricelist = self.env["product.pricelist"].create({"name": "Core floor", "item_ids": [Command.create({
            "applied_on": "0_product_variant", "product_id": self.product_free.id, "compute_price": "fixed",
            "fixed_price": 90.0,
        })]})
        self.grade.pricelist_id = pricelist
        item = pricelist.item_ids
        as_admin = self.env["product.pricelist.item"].with_user(self.sales_admin)
        with self.assertRefused(AccessError, "only a Dealer Manager may change its rules"):
            item.with_user(self.sales_admin).write({"fixed_price": 1.0})
        with self.assertRefused(AccessError, "only a Dealer Manager"):
            as_admin.create({"pricelist_id": pricelist.id, "compute_price": "fixed", "fixed_price": 1.0,
                             "applied_on": "3_global"})
        with self.assertRefused(AccessError, "only a Dealer Manager"):
            item.with_user(self.sales_admin).unlink()
        with self.assertRefused(AccessError, "only a Dealer Manager"):
            pricelist.with_user(self.sales_admin).write({"item_ids": [Command.clear()]})
        self.assertEqual(pricelist.item_ids, item)
        self.assertEqual(item.fixed_price, 90.0)
        # an ordinary pricelist stays the Sales Administrator's business
        other = self.env["product.pricelist"].with_user(self.sales_admin).create({"name": "Promo"})
        other.write({"item_ids": [Command.create({"compute_price": "fixed", "fixed_price": 1.0})]})

    def test_dealer_manager_writes_floor_price(self):
        self.product_floor.product_tmpl_id.with_user(self.env.user).write({"dealer_floor_price": 85.0})
        self.assertEqual(self.product_floor.dealer_floor_price, 85.0)

    # -------------------------------------------------------------- online payment (hole 9)
    def _transaction(self, order, **values):
        return self.env["payment.transaction"].sudo().create(dict({
            "provider_id": self._provider().id,
            "payment_method_id": self.env.ref("payment.payment_method_unknown").id,
            "amount": order.amount_total, "currency_id": order.currency_id.id, "partner_id": self.dealer.id,
            "reference": f"DEALER-{order.id}", "operation": "online_redirect",
            "sale_order_ids": [Command.set(order.ids)],
        }, **values))

    def test_pay_button_hidden_when_checks_fail(self):
        order = self._order(price=10.0)
        order.require_payment = True
        self.assertFalse(order._has_to_be_paid())
        good = self._order()
        good.require_payment = True
        self.assertTrue(good._has_to_be_paid())

    def test_payment_transaction_refused_when_checks_fail(self):
        order = self._order(price=10.0)
        count = self.env["payment.transaction"].sudo().search_count([])
        with self.assertRefused(ValidationError, "cannot be paid online(.|\n)*below the dealer floor price"):
            self._transaction(order)
        self.assertEqual(self.env["payment.transaction"].sudo().search_count([]), count)

    def test_paid_order_failing_checks_is_not_confirmed_and_gets_an_activity(self):
        order = self._order(user=self.salesman)
        transaction = self._transaction(order)
        order.order_line.price_unit = 10.0  # changed after the payment started
        transaction._set_done()
        confirmed = transaction._check_amount_and_confirm_order()  # no exception: the cron would retry it
        self.assertFalse(confirmed)
        self.assertEqual(order.state, "draft")
        activity = order.activity_ids
        self.assertEqual(activity.user_id, self.salesman)
        self.assertIn("below the dealer floor price", activity.note)

    def test_paid_compliant_order_is_confirmed(self):
        order = self._order(user=self.salesman)
        transaction = self._transaction(order)
        transaction._set_done()
        self.assertEqual(transaction._check_amount_and_confirm_order(), order)
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.dealer_checks_passed)

    # -------------------------------------------------------------- helpers (shape)
    def test_find_active_contract_is_set_based(self):
        contact = self.ship_hangzhou
        other = self.env["res.partner"].create({"name": "No Contract", "is_company": True, "is_dealer": True})
        found = self.env["dealer.contract"]._find_active(contact | other, self.today, self.env.company)
        self.assertEqual(found, {self.dealer: self.contract})

    def test_open_receivable_is_one_definition(self):
        invoice = self.init_invoice("out_invoice", partner=self.ship_hangzhou, amounts=[300.0], post=True)
        figures = self.dealer._dealer_open_receivable(self.env.company)
        self.assertAlmostEqual(figures[(self.dealer.id, self.env.company.id)][0], invoice.amount_total)


@tagged("post_install", "-at_install")
class TestSecurityOrdersRpc(CallKwMixin, OrderAttackCommon, HttpCase):
    """The same attacks through /web/dataset/call_kw, as the browser client sends them."""

    def _call(self, login, model, method, args, kwargs=None):
        """Call a model method over JSON-RPC as `login`; return the error's message (None when it passed)."""
        self.authenticate(login, login)
        error = self._rpc_error(model, method, args, kwargs)
        self.env.invalidate_all()
        return error and error["data"]["message"]

    def assertRpcRefused(self, regex, *call):
        message = self._call(self.salesman.login, *call)
        self.assertTrue(message, "the call was not refused")
        self.assertRegex(message, regex)

    def test_salesperson_rpc_create_with_state_sale(self):
        count = self.env["sale.order"].search_count([])
        self.assertRpcRefused(STATUS, "sale.order", "create", [{
            "partner_id": self.dealer.id, "partner_shipping_id": self.ship_hangzhou.id, "state": "sale",
            "order_line": [[0, 0, {"product_id": self.product_floor.id, "price_unit": 1.0}]],
        }])
        self.assertEqual(self.env["sale.order"].search_count([]), count)

    def test_salesperson_rpc_write_state_sale(self):
        order = self._order(price=10.0, user=self.salesman)
        self.assertRpcRefused(STATUS, "sale.order", "write", [order.ids, {"state": "sale"}])
        self.assertEqual(order.state, "draft")

    def test_salesperson_rpc_write_dealer_checks_passed(self):
        order = self._order(price=10.0, user=self.salesman)
        self.assertRpcRefused(
            "Dealer Checks Passed", "sale.order", "write", [order.ids, {"dealer_checks_passed": True}],
        )
        self.assertFalse(order.dealer_checks_passed)

    def test_salesperson_rpc_lower_price_unit_after_confirmation(self):
        lines = self._line_state(self.confirmed)
        self.assertRpcRefused(POLICY, "sale.order.line", "write", [self.confirmed.order_line.ids, {"price_unit": 5.0}])
        self.assertEqual(self._line_state(self.confirmed), lines)

    def test_salesperson_rpc_raise_quantity_past_credit(self):
        self.dealer.sudo().with_company(self.env.company).credit_limit = 150.0
        lines = self._line_state(self.confirmed)
        self.assertRpcRefused("Credit limit exceeded", "sale.order", "write", [
            self.confirmed.ids, {"order_line": [[1, self.confirmed.order_line.id, {"product_uom_qty": 9.0}]]}])
        self.assertEqual(self._line_state(self.confirmed), lines)

    def test_salesperson_rpc_add_line_by_order_write(self):
        lines = self._line_state(self.confirmed)
        self.assertRpcRefused(POLICY, "sale.order", "write", [self.confirmed.ids, {"order_line": [[0, 0, {
            "product_id": self.product_floor.id, "price_unit": 1.0}]]}])
        self.assertEqual(self._line_state(self.confirmed), lines)

    def test_salesperson_rpc_add_line_by_line_create(self):
        lines = self._line_state(self.confirmed)
        self.assertRpcRefused(POLICY, "sale.order.line", "create", [{
            "order_id": self.confirmed.id, "product_id": self.product_floor.id, "price_unit": 1.0}])
        self.assertEqual(self._line_state(self.confirmed), lines)

    def test_salesperson_rpc_change_shipping_outside_territory(self):
        self.assertRpcRefused(POLICY, "sale.order", "write", [
            self.confirmed.ids, {"partner_shipping_id": self.ship_nanjing.id}])
        self.assertEqual(self.confirmed.partner_shipping_id, self.ship_hangzhou)

    def test_portal_user_rpc_reads_dealer_check_failures(self):
        contact = self.env["res.partner"].create({"name": "Dealer Buyer", "parent_id": self.dealer.id,
                                                  "email": "buyer@example.com"})
        portal = new_test_user(self.env, login="orders_portal", groups="base.group_portal", partner_id=contact.id)
        self.confirmed.message_subscribe(partner_ids=self.dealer.ids)
        # the portal user does see the order (so the refusal is about the field)
        self.assertIsNone(self._call(portal.login, "sale.order", "read", [self.confirmed.ids, ["name"]]))
        for field in ("dealer_check_failures", "dealer_override_reason"):
            message = self._call(portal.login, "sale.order", "read", [self.confirmed.ids, [field]])
            self.assertTrue(message, f"{field} was readable")
        # the portal order page still renders
        page = self.url_open(f"/my/orders/{self.confirmed.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.confirmed.name, page.text)

    def test_portal_transaction_route_refuses_a_quotation_failing_the_checks(self):
        order = self._order(price=10.0)
        order.require_payment = True
        provider = self._provider()
        count = self.env["payment.transaction"].sudo().search_count([])
        response = self.url_open(f"/my/orders/{order.id}/transaction", data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "access_token": order._portal_ensure_token(), "provider_id": provider.id,
                "payment_method_id": provider.payment_method_ids.id, "token_id": None,
                "amount": order.amount_total, "flow": "direct", "tokenization_requested": False,
                "landing_route": order.get_portal_url(),
            },
        }), headers={"Content-Type": "application/json"}).json()
        self.env.invalidate_all()
        self.assertRegex(
            response["error"]["data"]["message"], "cannot be paid online(.|\n)*below the dealer floor price",
        )
        self.assertEqual(self.env["payment.transaction"].sudo().search_count([]), count)
        self.assertEqual(order.state, "draft")
