import gc
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import DealerTestCommon


class DealerOrderCheckCommon(DealerTestCommon):
    """A dealer in Zhejiang with an active contract, products with floor prices, delivery addresses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grade = cls.grade_core
        cls.dealer = cls._create_dealer(
            "Hangzhou Dealer", state="active", grade=cls.grade, territories=cls.zhejiang,
            state_id=cls.state_zj.id, city="杭州",
        )
        cls.ship_hangzhou = cls._address("HZ Warehouse", cls.state_zj, "杭州")
        cls.ship_ningbo = cls._address("NB Shop", cls.state_zj, "宁波")
        cls.ship_nanjing = cls._address("NJ Shop", cls.state_js, "南京")
        cls.ship_beijing = cls._address("BJ Shop", cls.env.ref("base.state_cn_BJ"), "北京")  # no territory
        cls.contract = cls._contract(cls.dealer)

    @classmethod
    def _address(cls, name, state, city):
        return cls.env["res.partner"].create({
            "name": name, "type": "delivery", "parent_id": cls.dealer.id, "state_id": state.id, "city": city,
        })

    @classmethod
    def _contract(cls, dealer, **vals):
        return cls._create_contract(dealer, **{"credit_limit": 0.0, **vals})

    def _end_contract(self):
        """Take the dealer's contract out of force through its own action."""
        self.contract.termination_reason = "Ended for the test"
        self.contract.action_terminate()

    @classmethod
    def _order(cls, price=100.0, qty=1.0, discount=0.0, product=None, shipping=None, partner=None, user=None):
        partner = partner or cls.dealer
        return cls.env["sale.order"].create({
            "partner_id": partner.id,
            "user_id": (user or cls.env.user).id,
            "partner_shipping_id": (shipping or (cls.ship_hangzhou if partner == cls.dealer else partner)).id,
            "order_line": [Command.create({
                "product_id": (product or cls.product_floor).id,
                "product_uom_qty": qty, "price_unit": price, "discount": discount,
            })],
        })

    def _set_checks(self, **switches):
        values = {"check_contract": False, "check_floor_price": False, "check_credit": False,
                  "check_territory": False}
        values.update({f"check_{name}": on for name, on in switches.items()})
        self.grade.write(values)

    def assertConfirmRefused(self, order, *fragments):
        """Confirmation raises one UserError containing every fragment and leaves the order a quotation."""
        with self.assertRaises(UserError) as caught:
            order.action_confirm()
        message = str(caught.exception)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.dealer_checks_passed)
        return message

    def _override(self, order, reason="Strategic customer", user=None):
        wizard = self.env["dealer.order.override.wizard"].with_user(user or self.env.user).create({
            "order_id": order.id, "reason": reason,
        })
        return wizard.action_confirm_override()


@tagged("post_install", "-at_install")
class TestDealerOrderChecks(DealerOrderCheckCommon):

    # -------------------------------------------------------------- all checks
    def test_all_checks_pass(self):
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.dealer_checks_passed)
        self.assertFalse(order.dealer_override_user_id)

    def test_confirmations_leave_no_environment_behind(self):
        """Confirming (then cancelling and resetting) dealer orders one after the other in one transaction creates
        no environment per order: every environment created later scans the live ones, so one left per order made
        a batch of confirmations slow down quadratically (bench/bench_order_checks.py)."""
        orders = self._order() | self._order() | self._order() | self._order()
        # the first order walks every transition once: the environments an installed addon needs once (a sudo()
        # of sale_loyalty's cancellation, say) exist before counting
        orders[0].action_confirm()
        orders[0]._action_cancel()
        orders[0].action_draft()
        orders[0].action_confirm()
        # as in a long batch between two runs of Python's cycle collector (it seldom runs): the environments left
        # in reference cycles stay alive
        gc.disable()
        try:
            live = len(self.env.transaction.envs)
            for order in orders[1:]:
                order.action_confirm()
                order._action_cancel()
                order.action_draft()
                order.action_confirm()
            self.assertEqual(len(self.env.transaction.envs), live)
        finally:
            gc.enable()
        self.assertEqual(orders.mapped("state"), ["sale"] * 4)

    def test_non_dealer_order_untouched(self):
        customer = self.env["res.partner"].create({"name": "Walk-in Customer"})
        order = self._order(price=1.0, partner=customer)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.dealer_checks_passed)
        self.assertFalse(order.dealer_is_dealer_order)

    def test_every_failure_in_one_error(self):
        order = self._order(price=70.0, shipping=self.ship_nanjing)
        message = self.assertConfirmRefused(order, "Floor price", "Territory", "Dealer Manager")
        self.assertIn("70.00", message)
        self.assertIn("江苏", message)

    # -------------------------------------------------------------- contract
    def test_contract_missing_fails(self):
        self._end_contract()
        self.assertConfirmRefused(self._order(), "has no active contract covering")

    def test_contract_out_of_dates_fails(self):
        self._end_contract()
        self._contract(self.dealer, date_start=self.today + timedelta(days=1), date_end=self.today + timedelta(days=90))
        self.assertConfirmRefused(self._order(), "has no active contract covering")

    def test_contract_suspended_dealer_fails(self):
        self.dealer.action_dealer_suspend()
        self.assertConfirmRefused(self._order(), "is not active (status: Suspended)")

    def test_contract_switch_off(self):
        self._end_contract()
        self.grade.check_contract = False
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    # -------------------------------------------------------------- floor price
    def test_floor_price_fails_with_figures(self):
        message = self.assertConfirmRefused(self._order(price=70.0), "Floor Product", "is below the dealer floor price")
        self.assertIn("70.00", message)
        self.assertIn("80.00", message)

    def test_floor_price_counts_discount(self):
        message = self.assertConfirmRefused(self._order(price=100.0, discount=25.0), "is below the dealer floor price")
        self.assertIn("75.00", message)

    def test_floor_price_at_floor_passes(self):
        order = self._order(price=100.0, discount=20.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_floor_price_from_grade_pricelist(self):
        pricelist = self.env["product.pricelist"].create({
            "name": "Core dealers",
            "item_ids": [Command.create({
                "applied_on": "1_product", "product_tmpl_id": self.product_free.product_tmpl_id.id,
                "compute_price": "fixed", "fixed_price": 60.0,
            })],
        })
        self.grade.pricelist_id = pricelist
        message = self.assertConfirmRefused(self._order(price=55.0, product=self.product_free), "Free Product")
        self.assertIn("60.00", message)

    def test_no_floor_no_pricelist_passes(self):
        order = self._order(price=1.0, product=self.product_free)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_floor_price_switch_off(self):
        self.grade.check_floor_price = False
        order = self._order(price=10.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.dealer_checks_passed)

    # -------------------------------------------------------------- credit
    def _post_invoice(self, amount, days_ago=0):
        """Post an invoice dated (and due) `days_ago` days ago."""
        invoice_date = self.today - timedelta(days=days_ago)
        invoice = self.init_invoice(
            "out_invoice", partner=self.dealer, invoice_date=invoice_date, amounts=[amount], taxes=[],
        )
        invoice.write({"invoice_payment_term_id": False, "invoice_date_due": invoice_date})
        invoice.action_post()
        return invoice

    def _set_credit_limit(self, limit):
        self.dealer.sudo().with_company(self.env.company).credit_limit = limit

    def test_credit_limit_exceeded_with_figures(self):
        self._set_credit_limit(1000.0)
        self._post_invoice(600.0)
        message = self.assertConfirmRefused(self._order(price=100.0, qty=5), "Credit limit exceeded")
        for figure in ("600.00", "500.00", "1,100.00", "1,000.00"):
            self.assertIn(figure, message)

    def test_credit_within_limit_passes(self):
        self._set_credit_limit(1000.0)
        self._post_invoice(600.0)
        order = self._order(price=100.0, qty=4)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_credit_counts_uninvoiced_confirmed_orders(self):
        self._set_credit_limit(1000.0)
        self._order(price=100.0, qty=7).action_confirm()
        message = self.assertConfirmRefused(self._order(price=100.0, qty=4), "Credit limit exceeded")
        self.assertIn("700.00", message)

    def test_credit_counts_orders_of_the_dealers_contacts(self):
        """Confirmed orders count when a contact of the dealer is the customer or the invoice address; the
        orders of a customer that is no contact of the dealer do not."""
        self._set_credit_limit(1000.0)
        self._order(price=100.0, qty=3, partner=self.ship_hangzhou).action_confirm()
        walk_in = self.env["res.partner"].create({"name": "Walk-in customer"})
        line = {"product_id": self.product_floor.id, "price_unit": 100.0}
        self.env["sale.order"].create({
            "partner_id": walk_in.id, "partner_invoice_id": self.ship_ningbo.id,
            "partner_shipping_id": self.ship_hangzhou.id,
            "order_line": [Command.create({**line, "product_uom_qty": 2})],
        }).action_confirm()
        self.env["sale.order"].create({
            "partner_id": walk_in.id, "order_line": [Command.create({**line, "product_uom_qty": 50})],
        }).action_confirm()
        message = self.assertConfirmRefused(self._order(price=100.0, qty=6), "Credit limit exceeded")
        for figure in ("500.00", "600.00", "1,100.00"):  # 300 + 200 uninvoiced, the walk-in's 5,000 left out
            self.assertIn(figure, message)

    def test_credit_invoiced_order_counts_once(self):
        self._set_credit_limit(1000.0)
        confirmed = self._order(price=100.0, qty=6)
        confirmed.action_confirm()
        confirmed._create_invoices().action_post()
        order = self._order(price=100.0, qty=4)
        order.action_confirm()  # 600 receivable + 0 uninvoiced + 400 = limit
        self.assertEqual(order.state, "sale")

    def test_credit_batch_of_orders_adds_up(self):
        self._set_credit_limit(1000.0)
        orders = self._order(price=100.0, qty=6) | self._order(price=100.0, qty=6)
        with self.assertRaises(UserError):
            orders.action_confirm()
        self.assertEqual(set(orders.mapped("state")), {"draft"})

    def test_credit_contract_limit_prevails(self):
        self._set_credit_limit(100.0)
        self._end_contract()
        self._contract(self.dealer, credit_limit=5000.0)
        order = self._order(price=100.0, qty=10)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_credit_overdue_invoice_blocks(self):
        self._post_invoice(50.0, days_ago=45)
        self.assertConfirmRefused(self._order(), "overdue by 45 days", "more than 30 days overdue")

    def test_credit_overdue_within_setting_passes(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_management.overdue_days_block", "60")
        self._post_invoice(50.0, days_ago=45)
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_credit_switch_off(self):
        self.grade.check_credit = False
        self._set_credit_limit(10.0)
        self._post_invoice(50.0, days_ago=45)
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    # -------------------------------------------------------------- territory
    def test_territory_sub_territory_passes(self):
        order = self._order(shipping=self.ship_ningbo)  # Zhejiang province, no city territory for 宁波
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_territory_outside_fails(self):
        message = self.assertConfirmRefused(self._order(shipping=self.ship_nanjing), "outside the territories of")
        self.assertIn("江苏", message)
        self.assertIn("浙江", message)

    def test_territory_unknown_address_fails(self):
        self.assertConfirmRefused(self._order(shipping=self.ship_beijing), "No dealer territory covers")

    def test_territory_switch_off(self):
        self.grade.check_territory = False
        order = self._order(shipping=self.ship_nanjing)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    # -------------------------------------------------------------- override
    def test_override_floor_price_records_violation(self):
        order = self._order(price=70.0)
        wizard = self.env["dealer.order.override.wizard"].create({"order_id": order.id, "reason": "Clearance"})
        self.assertIn("80.00", wizard.failure_text)
        wizard.action_confirm_override()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.dealer_checks_passed)
        self.assertEqual(order.dealer_override_reason, "Clearance")
        self.assertEqual(order.dealer_override_user_id, self.env.user)
        self.assertIn("floor price", order.dealer_check_failures)
        violation = order.dealer_violation_ids
        self.assertEqual(len(violation), 1)
        self.assertEqual(violation.violation_type, "price")
        self.assertEqual(violation.partner_id, self.dealer)
        self.assertEqual(violation.contract_id, self.contract)
        self.assertTrue(any("Clearance" in message.body for message in order.message_ids))

    def test_override_territory_records_violation(self):
        order = self._order(shipping=self.ship_nanjing)
        self._override(order)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.dealer_violation_ids.mapped("violation_type"), ["cross_territory"])

    def test_override_credit_records_no_violation(self):
        self._post_invoice(50.0, days_ago=45)
        order = self._order()
        self._override(order)
        self.assertEqual(order.state, "sale")
        self.assertIn("overdue", order.dealer_check_failures)
        self.assertFalse(order.dealer_violation_ids)

    def test_override_contract_records_no_violation(self):
        self._end_contract()
        order = self._order(price=70.0)
        self._override(order)
        self.assertEqual(order.dealer_violation_ids.mapped("violation_type"), ["price"])
        self.assertIn("no active contract", order.dealer_check_failures)

    def test_override_requires_reason(self):
        order = self._order(price=70.0)
        with self.assertRaises(UserError):
            order._dealer_confirm_with_override("  ")
        self.assertEqual(order.state, "draft")

    def test_dealer_user_cannot_override(self):
        order = self._order(price=70.0, user=self.dealer_user).with_user(self.dealer_user)
        with self.assertRaises(AccessError):
            order.action_dealer_override_checks()
        with self.assertRaises(AccessError):
            order._dealer_confirm_with_override("I say so")
        with self.assertRaises(AccessError):
            self._override(order, user=self.dealer_user)
        with self.assertRaises(AccessError):
            order.write({"dealer_override_reason": "forged"})
        self.assertEqual(order.state, "draft")

    def test_dealer_user_confirmation_is_checked(self):
        order = self._order(price=70.0, user=self.dealer_user).with_user(self.dealer_user)
        self.assertConfirmRefused(order, "is below the dealer floor price")
        order.order_line.price_unit = 90.0
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_manager_opens_override_wizard(self):
        action = self._order(price=70.0).action_dealer_override_checks()
        self.assertEqual(action["res_model"], "dealer.order.override.wizard")
