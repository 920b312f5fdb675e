from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestSellout(SelloutTestCommon):
    """The rules of a retail sale line: serial, quantity, price, active dealer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lots = cls._stock_serials(["VIN-R-001", "VIN-R-002"])

    def test_create_numbered_draft_with_amount(self):
        sellout = self._sellout(product=self.accessory, quantity=3, price_unit=150.0)
        self.assertEqual(sellout.state, "draft")
        self.assertEqual(sellout.source, "backoffice")
        self.assertNotEqual(sellout.name, "/")
        self.assertEqual(sellout.amount, 450.0)  # 3 × 150

    def test_serial_required_for_tracked_product(self):
        count = self.Sellout.search_count([])
        with self.assertRefused(ValidationError, "tracked by serial number: enter the serial/VIN"):
            self._sellout()
        self.assertEqual(self.Sellout.search_count([]), count)

    def test_one_unit_per_serial(self):
        with self.assertRefused(ValidationError, "one line per serial, with quantity 1"):
            self._sellout(lot_name="VIN-R-001", quantity=2)

    def test_quantity_and_price_positive(self):
        with self.assertRefused(ValidationError, "The quantity must be positive"):
            self._sellout(product=self.accessory, quantity=-1)
        with self.assertRefused(ValidationError, "The net retail price must be positive"):
            self._sellout(product=self.accessory, price_unit=0.0)

    def test_dealer_must_be_active(self):
        suspended = self._create_dealer("Suspended Seller", state="suspended", grade=self.grade_core)
        with self.assertRefused(ValidationError, "is Suspended: only an active dealer's retail sales"):
            self._sellout(dealer=suspended, product=self.accessory)

    def test_serial_matched_by_name(self):
        sellout = self._sellout(lot_name=" VIN-R-002 ")
        self.assertEqual(sellout.lot_id, self.lots[1])
        self.assertEqual(sellout.lot_name, "VIN-R-002")
        sellout.lot_name = "VIN-R-001"
        self.assertEqual(sellout.lot_id, self.lots[0])

    def test_unknown_serial_kept_unmatched(self):
        sellout = self._sellout(lot_name="VIN-NOWHERE")
        self.assertFalse(sellout.lot_id)
        self.assertEqual(sellout.lot_name, "VIN-NOWHERE")

    def test_serial_of_another_product_refused(self):
        with self.assertRefused(ValidationError, "belongs to Vehicle X1, not to Floor Mat"):
            self._sellout(product=self.accessory, lot_id=self.lots[0].id)

    def test_confirmed_sale_of_suspended_dealer_stays_correctable(self):
        dealer = self._create_dealer("Later Suspended", state="active", grade=self.grade_core)
        sellout = self._sellout(dealer=dealer, product=self.accessory, price_unit=50.0)
        sellout.action_confirm()
        dealer.action_dealer_suspend()
        sellout.price_unit = 60.0
        self.assertEqual(sellout.amount, 60.0)
        with self.assertRefused(ValidationError, "The net retail price must be positive"):
            sellout.price_unit = -1.0
        self.assertEqual(sellout.price_unit, 60.0)
