"""Test base of dealer_service: a vehicle with a 24-month warranty sold out by dealer A, parts, claims."""
from datetime import date, datetime

from odoo import Command

from odoo.addons.dealer_sellout.tests.common import SelloutTestCommon

RETAIL_DAY = date(2025, 3, 10)  # warranty of 24 months: 2025-03-10 to 2027-03-09


class ServiceTestCommon(SelloutTestCommon):
    """Serials VIN-W-001..004 delivered to dealer A; VIN-W-001 sold out by A on 2025-03-10 (confirmed),
    VIN-W-002 sold out by sub-dealer A1, VIN-W-003 never sold out. A part (brake pad) at 300.00."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle.dealer_warranty_months = 24
        cls.part = cls._create_product(name="Brake Pad", is_storable=True, lst_price=300.0,
                                       taxes_id=[Command.clear()])
        cls.lots = cls._stock_serials([f"VIN-W-{n:03d}" for n in range(1, 5)])
        cls._deliver(cls.dealer_a, cls.lots)
        cls.lot_sold, cls.lot_sub, cls.lot_unsold = cls.lots[0], cls.lots[1], cls.lots[2]
        for lot, dealer in ((cls.lot_sold, cls.dealer_a), (cls.lot_sub, cls.sub_dealer_a1)):
            sellout = cls.env["dealer.sellout"].create({
                "dealer_id": dealer.id, "product_id": cls.vehicle.id, "quantity": 1, "price_unit": 120000.0,
                "customer_name": "Wang Wei", "customer_state_id": cls.state_zj.id, "customer_city": "杭州",
                "lot_name": lot.name, "date": RETAIL_DAY,
            })
            sellout.action_confirm()
        cls.Repair = cls.env["repair.order"]

    @classmethod
    def _claim(cls, lot=None, dealer=None, day=date(2026, 5, 4), parts=2, labour=400.0, user=None):
        """A draft warranty claim of `dealer` (A) on `lot` (VIN-W-001) repaired on `day`: `parts` brake pads
        (300.00 each) and `labour`."""
        lot = lot or cls.lot_sold
        Repair = cls.Repair.with_user(user) if user else cls.Repair
        vals = {
            "dealer_claim": True, "dealer_id": (dealer or cls.dealer_a).id, "product_id": lot.product_id.id,
            "lot_id": lot.id, "schedule_date": datetime.combine(day, datetime.min.time().replace(hour=9)),
            "dealer_labour_amount": labour,
        }
        if parts:
            vals["move_ids"] = [Command.create({
                "product_id": cls.part.id, "product_uom_qty": parts, "repair_line_type": "add",
            })]
        return Repair.create(vals)

    @staticmethod
    def _repair_done(claim):
        """Do the claim's repair: start it, use its parts in full, end it (Odoo's repair buttons)."""
        claim.action_repair_start()
        for move in claim.move_ids:
            move.write({"quantity": move.product_uom_qty, "picked": True})
        claim.action_repair_end()
        return claim
