from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import Q2_FROM, Q2_TO, AssessmentCase


@tagged("post_install", "-at_install")
class TestKpiUnitsLeadTime(AssessmentCase):
    """Unit target achievement (台/件, per product category) and order lead time (confirmation to delivery)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicles = cls.env["product.category"].create({"name": "KPI Vehicles"})
        cls.car = cls._create_product(name="KPI Car", categ_id=cls.vehicles.id, lst_price=100.0, is_storable=True,
                                      taxes_id=[Command.clear()])
        cls.unit_dealer = cls._dealer("Unit KPI Dealer", cls.zhejiang)
        cls.env["dealer.contract"].create({
            "partner_id": cls.unit_dealer.id, "date_start": Q2_FROM, "date_end": Q2_TO,
            "target_ids": [Command.create({"period_type": "quarter", "date_start": Q2_FROM, "date_end": Q2_TO,
                                           "amount": 1000.0, "quantity": 10.0, "categ_id": cls.vehicles.id})],
        }).action_activate()
        for move_type, day, lines in (
            ("out_invoice", "2025-04-15", [(cls.car, 5.0), (cls.product_a, 7.0)]),  # the 7 are not vehicles
            ("out_refund", "2025-05-15", [(cls.car, 1.0)]),
            ("out_invoice", "2025-07-15", [(cls.car, 9.0)]),  # after the period
        ):
            cls.env["account.move"].create({
                "move_type": move_type, "partner_id": cls.unit_dealer.id, "invoice_date": day,
                "invoice_line_ids": [Command.create({"product_id": product.id, "quantity": quantity,
                                                     "price_unit": 100.0, "tax_ids": [Command.clear()]})
                                     for product, quantity in lines],
            }).action_post()

    def test_unit_achievement(self):
        """5 cars − 1 returned = 4 of 10: 40 %; the dealers without a unit target have no value."""
        dealers = self.dealers | self.unit_dealer
        self.assertEqual(self._raw("unit_achievement", dealers=dealers), {self.unit_dealer.id: 40.0})
        self.assertEqual(self.kpi("unit_achievement").compute_method, "_kpi_unit_achievement")

    def _delivered_order(self, dealer, qty, delivered, days_ago):
        """A confirmed order of ``qty`` confirmed ``days_ago`` days ago, ``delivered`` (all or nothing) today."""
        order = self.env["sale.order"].create({
            "partner_id": dealer.id,
            "order_line": [Command.create({"product_id": self.product_a.id, "product_uom_qty": qty, "price_unit": 10})],
        })
        order.action_confirm()
        # confirmed `days_ago` days ago (the confirmation date is the order date of a confirmed order)
        order.date_order = fields.Datetime.now() - timedelta(days=days_ago)
        if delivered:
            order.picking_ids.move_ids.write({"quantity": delivered, "picked": True})
            order.picking_ids.button_validate()
        return order

    def test_order_lead_time(self):
        """Dealer 1: orders delivered 2 and 4 days after confirmation: 3 days; dealer 2's order is not delivered
        yet: not counted; dealer 3 ordered nothing: no value."""
        self._delivered_order(self.dealer_1, 5, 5, 2)
        self._delivered_order(self.dealer_1, 5, 5, 4)
        waiting = self._delivered_order(self.dealer_2, 5, 0, 1)
        self.assertNotEqual(waiting.delivery_status, "full")
        values = self._raw("order_lead_time", *self._today_quarter())
        self.assertEqual(list(values), [self.dealer_1.id])
        self.assertAlmostEqual(values[self.dealer_1.id], 3.0, delta=0.01)
