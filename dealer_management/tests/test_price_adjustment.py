from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerPriceAdjustment(DealerTestCommon):

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the manager works in China: the new prices start at midnight Beijing time (16:00 UTC the day before)
        cls.manager = cls.dealer_manager
        cls.manager.tz = "Asia/Shanghai"
        cls.product_a = cls.env["product.template"].create({"name": "Pump A", "list_price": 150.0, "type": "consu"})
        cls.product_b = cls.env["product.template"].create({"name": "Valve B", "list_price": 80.0, "type": "consu"})
        cls.pricelist = cls.env["product.pricelist"].create({
            "name": "Core dealers",
            "item_ids": [Command.create({
                "applied_on": "1_product", "product_tmpl_id": cls.product_a.id, "compute_price": "fixed",
                "fixed_price": 100.0,
            })],
        })
        cls.old_item = cls.pricelist.item_ids
        cls.other_pricelist = cls.env["product.pricelist"].create({"name": "Other dealers"})
        cls.grade = cls.grade_core
        cls.grade.pricelist_id = cls.pricelist
        cls.other_grade = cls.grade_regular
        cls.other_grade.pricelist_id = cls.other_pricelist
        cls.dealer_1 = cls._dealer("Core One", cls.grade, cls.salesman)
        cls.dealer_2 = cls._dealer("Core Two (no salesperson)", cls.grade, cls.env["res.users"])
        cls.prospect = cls._dealer("Core Prospect", cls.grade, cls.salesman, activate=False)
        cls.other_dealer = cls._dealer("Other One", cls.other_grade, cls.salesman)
        cls.date_effective = fields.Date.today() + timedelta(days=10)
        # midnight of the effective date in Asia/Shanghai (UTC+8, no daylight saving), as naive UTC
        cls.switch = datetime.combine(cls.date_effective, time.min) - timedelta(hours=8)
        cls.adjustment = cls.env["dealer.price.adjustment"].create({
            "grade_ids": [Command.set(cls.grade.ids)], "date_effective": cls.date_effective,
            "user_id": cls.manager.id, "reason": "Copper cost up 12%",
            "line_ids": [
                Command.create({"product_tmpl_id": cls.product_a.id, "new_price": 120.0}),
                Command.create({"product_tmpl_id": cls.product_b.id, "new_price": 90.0}),
            ],
        })

    @classmethod
    def _dealer(cls, name, grade, user, activate=True):
        return cls._create_dealer(name, state="active" if activate else "prospect", grade=grade, user_id=user.id)

    def _price(self, template, when):
        return self.pricelist._get_product_price(template.product_variant_id, 1.0, date=when)

    def _order_price(self, template, when):
        order = self.env["sale.order"].create({
            "partner_id": self.dealer_1.id, "pricelist_id": self.pricelist.id, "date_order": when,
            "order_line": [Command.create({"product_id": template.product_variant_id.id, "product_uom_qty": 1.0})],
        })
        return order.order_line.price_unit

    def _activities(self, partners):
        return self.env["mail.activity"].search([("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)])

    # ------------------------------------------------------------------ pricing
    def test_old_price_before_new_price_from_effective_date(self):
        """Odoo's pricing gives the old price until the effective date and the new one from it."""
        self.assertEqual(self.adjustment.line_ids.mapped("old_price"), [100.0, 80.0])
        self.adjustment.with_user(self.manager).action_confirm()
        self.assertEqual(self.adjustment.state, "scheduled")
        before, after = self.switch - timedelta(seconds=1), self.switch
        self.assertEqual((self._price(self.product_a, before), self._price(self.product_a, after)), (100.0, 120.0))
        self.assertEqual((self._price(self.product_b, before), self._price(self.product_b, after)), (80.0, 90.0))
        self.assertEqual(self._price(self.product_a, after + timedelta(days=400)), 120.0)
        self.assertEqual(self.old_item.date_end, self.switch - timedelta(seconds=1))
        self.assertEqual(len(self.adjustment.item_ids), 2)
        self.assertEqual(set(self.adjustment.item_ids.mapped("date_start")), {self.switch})

    def test_sale_orders_priced_by_order_date(self):
        """A dealer order dated before the effective date keeps the old price; one after gets the new one."""
        self.adjustment.with_user(self.manager).action_confirm()
        self.assertEqual(self._order_price(self.product_a, self.switch - timedelta(hours=1)), 100.0)
        self.assertEqual(self._order_price(self.product_a, self.switch + timedelta(hours=1)), 120.0)
        self.assertEqual(self._order_price(self.product_b, self.switch + timedelta(days=3)), 90.0)

    def test_other_grades_untouched(self):
        """Pricelists of grades not adjusted keep their prices."""
        self.adjustment.with_user(self.manager).action_confirm()
        price = self.other_pricelist._get_product_price(
            self.product_a.product_variant_id, 1.0, date=self.switch + timedelta(days=1))
        self.assertEqual(price, 150.0)

    # ------------------------------------------------------------------ notification
    def test_active_dealers_notified(self):
        """Each active dealer of the grade gets the new prices in its chatter and one to-do for its salesperson."""
        self.adjustment.with_user(self.manager).action_confirm()
        self.assertEqual(self.adjustment.notified_partner_ids, self.dealer_1 | self.dealer_2)
        for dealer in self.dealer_1 | self.dealer_2:
            message = dealer.message_ids.filtered(lambda m, a=self.adjustment: a.name in (m.body or ""))
            self.assertEqual(len(message), 1)
            self.assertIn("Pump A", message.body)
            self.assertIn("120.00", message.body)
            self.assertIn("100.00", message.body)
        activities = self._activities(self.dealer_1 | self.dealer_2)
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.filtered(lambda a: a.res_id == self.dealer_1.id).user_id, self.salesman)
        self.assertEqual(activities.filtered(lambda a: a.res_id == self.dealer_2.id).user_id, self.manager)
        self.assertEqual(activities.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertFalse(self._activities(self.prospect | self.other_dealer))

    # ------------------------------------------------------------------ refusals and cancel
    def test_dealer_user_cannot_confirm(self):
        """Only a Dealer Manager changes prices; nothing is written otherwise."""
        with self.assertRaisesRegex(AccessError, "Only a Dealer Manager may confirm a price adjustment"):
            self.adjustment.with_user(self.salesman).action_confirm()
        self.assertEqual(self.adjustment.state, "draft")
        self.assertEqual(self.pricelist.item_ids, self.old_item)
        self.assertFalse(self.old_item.date_end)

    def test_grade_without_pricelist_refused(self):
        """A grade without pricelist cannot have its prices adjusted."""
        grade = self.env["dealer.grade"].create({"name": "No list", "code": "PADJ-NONE"})
        self.adjustment.grade_ids = [Command.link(grade.id)]
        with self.assertRaisesRegex(UserError, "Grade No list has no pricelist"):
            self.adjustment.with_user(self.manager).action_confirm()

    def test_cancel_scheduled_restores_prices(self):
        """Cancelling a scheduled adjustment removes its rules and lets the old prices run on."""
        self.adjustment.with_user(self.manager).action_confirm()
        self.adjustment.with_user(self.manager).action_cancel()
        self.assertEqual(self.adjustment.state, "cancelled")
        self.assertEqual(self.pricelist.item_ids, self.old_item)
        self.assertFalse(self.old_item.date_end)
        self.assertEqual(self._price(self.product_a, self.switch + timedelta(days=1)), 100.0)

    def test_same_start_refused(self):
        """Two adjustments of the same product and pricelist cannot start on the same day."""
        self.adjustment.with_user(self.manager).action_confirm()
        second = self.adjustment.copy({"reason": "Typo"})
        with self.assertRaisesRegex(UserError, "already has a price for Pump A starting on"):
            second.with_user(self.manager).action_confirm()
