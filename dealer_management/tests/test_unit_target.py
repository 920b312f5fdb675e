from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestUnitTargets(DealerTestCommon):
    """Targets in units (台) per product category, measured on the invoiced quantities of the net sales; rebate
    tiers on units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicles = cls.env["product.category"].create({"name": "Unit Vehicles"})
        cls.trucks = cls.env["product.category"].create({"name": "Unit Trucks", "parent_id": cls.vehicles.id})
        cls.truck = cls._create_product(name="Unit Truck", categ_id=cls.trucks.id, lst_price=1000.0,
                                        taxes_id=[Command.clear()])
        cls.mat = cls._create_product(name="Unit Mat", lst_price=10.0, taxes_id=[Command.clear()])
        cls.dealer = cls._create_dealer("Unit Dealer", state="active", grade=cls.grade_unchecked)
        cls.contract = cls._create_contract(
            cls.dealer, date(2025, 1, 1), date(2025, 12, 31),
            target_ids=[
                Command.create({"period_type": "quarter", "date_start": date(2025, 1, 1),
                                "date_end": date(2025, 3, 31), "amount": 10000.0, "quantity": 10.0,
                                "categ_id": cls.vehicles.id}),
                Command.create({"period_type": "quarter", "date_start": date(2025, 4, 1),
                                "date_end": date(2025, 6, 30), "amount": 10000.0, "quantity": 10.0,
                                "categ_id": cls.vehicles.id}),
            ],
            rebate_tier_ids=[
                Command.create({"basis": "amount", "achievement_min": 0.0, "rebate_percent": 1.0}),
                Command.create({"basis": "units", "achievement_min": 50.0, "rebate_percent": 2.0}),
                Command.create({"basis": "units", "achievement_min": 100.0, "rebate_percent": 4.0}),
            ],
        )
        # Q1: 6 trucks invoiced, 1 refunded, 20 mats (another category); fine and rebate lines left out
        cls._invoice("out_invoice", "2025-02-10", [(cls.truck, 6.0, 1000.0), (cls.mat, 20.0, 10.0)])
        cls._invoice("out_refund", "2025-03-05", [(cls.truck, 1.0, 1000.0)])
        cls._invoice("out_invoice", "2025-03-06", [(cls.env["dealer.violation"]._fine_product(), 3.0, 100.0)])
        cls._invoice("out_invoice", "2025-04-02", [(cls.truck, 2.0, 1000.0)])  # Q2
        cls._invoice("out_invoice", "2025-02-11", [(cls.truck, 9.0, 1000.0)], post=False)  # draft: ignored

    @classmethod
    def _invoice(cls, move_type, day, lines, post=True):
        move = cls.env["account.move"].create({
            "move_type": move_type, "partner_id": cls.dealer.id, "invoice_date": day,
            "invoice_line_ids": [Command.create({
                "product_id": product.id, "quantity": quantity, "price_unit": price, "tax_ids": [Command.clear()],
            }) for product, quantity, price in lines],
        })
        if post:
            move.action_post()
        return move

    def test_unit_achievement_per_target_and_contract(self):
        q1, q2 = self.contract.target_ids.sorted("date_start")
        self.assertEqual((q1.achieved_quantity, q1.quantity_percent), (5.0, 50.0))
        self.assertEqual((q2.achieved_quantity, q2.quantity_percent), (2.0, 20.0))
        self.assertEqual(q1.achieved_amount, 5000.0)
        # the contract adds up its unit targets, each counting its own category (the mats are not vehicles)
        self.assertEqual(self.contract.target_quantity_total, 20.0)
        self.assertEqual(self.contract.achieved_quantity, 7.0)
        self.assertAlmostEqual(self.contract.quantity_achievement_percent, 35.0)

    def test_independent_sql_agrees(self):
        """The unit figure agrees with a hand-written query on the journal items."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT COALESCE(SUM(CASE WHEN m.move_type = 'out_refund' THEN -l.quantity ELSE l.quantity END), 0)
              FROM account_move_line l
              JOIN account_move m ON m.id = l.move_id
              JOIN product_product p ON p.id = l.product_id
              JOIN product_template t ON t.id = p.product_tmpl_id
             WHERE m.state = 'posted' AND l.display_type = 'product' AND l.partner_id = %s
               AND t.categ_id IN %s AND m.invoice_date BETWEEN '2025-01-01' AND '2025-03-31'
        """, [self.dealer.id, tuple((self.vehicles | self.trucks).ids)])
        self.assertEqual(self.env.cr.fetchone()[0], self.contract.target_ids.sorted("date_start")[0].achieved_quantity)

    def test_rebate_tier_on_units(self):
        """Q1: 5,200 net sales of 10,000 (52%: amount tier 1%); 5 of 10 trucks = 50%: the unit tier pays 2%."""
        rebate = self.env["dealer.rebate"].create({
            "contract_id": self.contract.id, "date_from": date(2025, 1, 1), "date_to": date(2025, 3, 31),
        })
        self.assertAlmostEqual(rebate.achievement_percent, 52.0)
        self.assertAlmostEqual(rebate.quantity_achievement_percent, 50.0)
        self.assertEqual((rebate.tier_id.basis, rebate.tier_id.achievement_min), ("units", 50.0))
        self.assertAlmostEqual(rebate.rebate_amount, 5200.0 * 0.02)

    def test_tier_choice_by_basis(self):
        tier = self.contract._rebate_tier_for(10.0, 60.0)
        self.assertEqual((tier.basis, tier.rebate_percent), ("units", 2.0))
        tier = self.contract._rebate_tier_for(10.0, 0.0)
        self.assertEqual((tier.basis, tier.rebate_percent), ("amount", 1.0))
        self.assertIn("unit target", tier.search([("basis", "=", "units")], limit=1).display_name)

    def test_units_counted_in_the_reference_unit(self):
        """A truck line invoiced by the dozen counts 12 units, a refund by the dozen takes 12 off."""
        dozen = self.env.ref("uom.product_uom_dozen")
        q2 = self.contract.target_ids.sorted("date_start")[1]
        moves = (("out_invoice", "2025-05-05"), ("out_invoice", "2025-05-06"), ("out_refund", "2025-05-07"))
        for move_type, day in moves:
            move = self.env["account.move"].create({
                "move_type": move_type, "partner_id": self.dealer.id, "invoice_date": day,
                "invoice_line_ids": [Command.create({
                    "product_id": self.truck.id, "product_uom_id": dozen.id, "quantity": 1.0, "price_unit": 12000.0,
                    "tax_ids": [Command.clear()],
                })],
            })
            move.action_post()
        self.env.invalidate_all()
        self.assertEqual(q2.achieved_quantity, 2.0 + 12.0)
        self.assertAlmostEqual(q2.quantity_percent, 140.0)
