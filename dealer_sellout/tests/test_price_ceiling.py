from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestPriceCeiling(SelloutTestCommon):
    """A sell-out above the product's maximum retail price proposes a 乱价 violation, once, like one below the
    minimum; a maximum below the minimum is refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle.product_tmpl_id.dealer_max_retail_price = 120000.0
        cls.lots = cls._stock_serials([f"VIN-C-{n:03d}" for n in range(1, 4)])
        cls._deliver(cls.dealer_a, cls.lots)

    def test_above_maximum_proposes_one_price_violation(self):
        at_maximum = self._sellout(lot_name="VIN-C-001", price_unit=120000.0)
        above = self._sellout(lot_name="VIN-C-002", price_unit=120001.0)
        (at_maximum | above).action_confirm()
        self.assertFalse(at_maximum.violation_ids)
        violation = above.violation_ids
        self.assertEqual((violation.violation_type, violation.state, violation.partner_id),
                         ("price", "draft", self.dealer_a))
        self.assertIn("above the maximum retail price", violation.description)
        # confirmed again (cancelled, reset, confirmed): still one proposal
        above.action_cancel()
        above.action_draft()
        above.action_confirm()
        self.assertEqual(len(above.violation_ids), 1)
        count = self.env["dealer.violation"].search_count([("dealer_sellout_id", "=", above.id)])
        self.assertEqual(count, 1)

    def test_no_maximum_no_violation(self):
        self.vehicle.product_tmpl_id.dealer_max_retail_price = 0.0
        sellout = self._sellout(lot_name="VIN-C-003", price_unit=500000.0)
        sellout.action_confirm()
        self.assertFalse(sellout.violation_ids)

    def test_maximum_below_minimum_refused(self):
        template = self.vehicle.product_tmpl_id
        with self.assertRefused(ValidationError, "maximum retail price of .* is below its minimum"):
            template.dealer_max_retail_price = 99000.0
        self.assertEqual(template.dealer_max_retail_price, 120000.0)
