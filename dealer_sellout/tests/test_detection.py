from odoo.tests import tagged

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestDetection(SelloutTestCommon):
    """Detections at confirmation become draft violations: 窜货, 乱价, goods of another dealer; no duplicates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lots = cls._stock_serials([f"VIN-D-{n:03d}" for n in range(1, 6)])
        cls._deliver(cls.dealer_a, cls.lots[:4])

    def _types(self, sellout):
        return sorted(sellout.violation_ids.mapped("violation_type"))

    def test_inside_territory_no_violation(self):
        sellout = self._sellout(lot_name="VIN-D-001", customer_city="杭州市")
        sellout.action_confirm()
        self.assertFalse(sellout.violation_ids)

    def test_cross_territory(self):
        # dealer A holds 杭州 only: a customer in 苏州 (江苏) is outside
        sellout = self._sellout(lot_name="VIN-D-002", customer_state_id=self.state_js.id, customer_city="苏州")
        sellout.action_confirm()
        self.assertEqual(self._types(sellout), ["cross_territory"])
        violation = sellout.violation_ids
        self.assertEqual(violation.state, "draft")
        self.assertEqual(violation.partner_id, self.dealer_a)
        self.assertIn("outside the dealer's territories", violation.description)

    def test_province_without_city_is_outside_city_dealer(self):
        # 浙江 without a city resolves to the province, which 杭州 does not contain
        sellout = self._sellout(lot_name="VIN-D-003", customer_city=False)
        sellout.action_confirm()
        self.assertEqual(self._types(sellout), ["cross_territory"])

    def test_below_minimum_retail_price(self):
        at_minimum = self._sellout(lot_name="VIN-D-001", price_unit=100000.0)
        below = self._sellout(lot_name="VIN-D-002", price_unit=99999.0)
        (at_minimum | below).action_confirm()
        self.assertFalse(at_minimum.violation_ids)
        self.assertEqual(self._types(below), ["price"])
        self.assertIn("below the minimum retail price", below.violation_ids.description)

    def test_goods_of_another_dealer(self):
        sellout = self._sellout(dealer=self.dealer_b, lot_name="VIN-D-004", customer_state_id=self.state_js.id,
                                customer_city="苏州")
        sellout.action_confirm()
        self.assertEqual(sellout.serial_status, "other_dealer")
        self.assertEqual(self._types(sellout), ["other_dealer_goods"])
        self.assertIn("was delivered to Sell-out Dealer A", sellout.violation_ids.description)

    def test_several_types_one_each_no_duplicate_on_reconfirmation(self):
        sellout = self._sellout(dealer=self.dealer_b, lot_name="VIN-D-004", price_unit=50000.0)
        sellout.action_confirm()
        self.assertEqual(self._types(sellout), ["cross_territory", "other_dealer_goods", "price"])
        sellout.violation_ids.filtered(lambda v: v.violation_type == "price").action_cancel()
        sellout.action_cancel()
        sellout.action_draft()
        sellout.action_confirm()
        self.assertEqual(self._types(sellout), ["cross_territory", "other_dealer_goods", "price"])
        self.assertEqual(set(sellout.violation_ids.mapped("state")), {"draft", "cancelled"})

    def test_dealer_without_territory_not_judged(self):
        free = self._create_dealer("Free Seller", state="active", grade=self.grade_core)
        sellout = self._sellout(dealer=free, product=self.accessory, quantity=2, price_unit=100.0,
                                customer_state_id=self.state_js.id)
        sellout.action_confirm()
        self.assertFalse(sellout.violation_ids)
        self.assertFalse(sellout.serial_status)
