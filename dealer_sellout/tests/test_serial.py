from odoo.tests import tagged

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestSerial(SelloutTestCommon):
    """Serial traceability: the dealer of a serial from the deliveries, the checks at confirmation, the path."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lots = cls._stock_serials([f"VIN-S-{n:03d}" for n in range(1, 7)])
        cls._deliver(cls.dealer_a, cls.lots[:3])

    def _confirmed(self, lot_name, dealer=None, **vals):
        sellout = self._sellout(dealer=dealer, lot_name=lot_name, **vals)
        sellout.action_confirm()
        return sellout

    def test_delivery_sets_dealer_of_every_serial(self):
        self.assertEqual(self.lots[:3].dealer_id, self.dealer_a)
        self.assertEqual(set(self.lots[:3].mapped("dealer_id.id")), {self.dealer_a.id})
        self.assertFalse(self.lots[3:].dealer_id)

    def test_dealer_update_is_one_query(self):
        with self.assertQueryCount(1):
            self.lots._dealer_update_dealers()
        self.assertEqual(self.lots[0].dealer_id, self.dealer_a)

    def test_sold_by_its_dealer_ok(self):
        sellout = self._confirmed("VIN-S-001")
        self.assertEqual(sellout.state, "confirmed")
        self.assertEqual(sellout.serial_status, "ok")
        self.assertEqual(self.lots[0].dealer_sellout_id, sellout)
        self.assertEqual(self.lots[0].dealer_retail_date, sellout.date)

    def test_dealer_manager_without_inventory_rights_confirms(self):
        """Dealer Managers read serials (the path, the matching) without being Inventory users."""
        self.assertFalse(self.dealer_manager.has_group("stock.group_stock_user"))
        sellout = self._sellout(lot_name="VIN-S-002").with_user(self.dealer_manager)
        sellout.action_confirm()
        self.assertEqual(sellout.state, "confirmed")
        self.assertEqual(sellout.serial_status, "ok")
        self.assertEqual(sellout.lot_id.with_user(self.dealer_manager).dealer_id, self.dealer_a)

    def test_unknown_serial(self):
        self.assertEqual(self._confirmed("VIN-NOT-OURS").serial_status, "unknown")

    def test_sold_twice(self):
        first = self._confirmed("VIN-S-002")
        second = self._confirmed("VIN-S-002")
        self.assertEqual(first.serial_status, "ok")
        self.assertEqual(second.serial_status, "sold_twice")
        self.assertEqual(self.lots[1].dealer_sellout_id, first, "the first sale stays the serial's retail sale")

    def test_never_delivered(self):
        self.assertEqual(self._confirmed("VIN-S-004").serial_status, "not_delivered")

    def test_goods_of_another_dealer(self):
        self.assertEqual(self._confirmed("VIN-S-003", dealer=self.dealer_b, customer_state_id=self.state_js.id,
                                         customer_city="苏州").serial_status, "other_dealer")

    def test_sub_dealer_sells_distributor_goods(self):
        self.assertEqual(self._confirmed("VIN-S-003", dealer=self.sub_dealer_a1).serial_status, "ok")

    def test_serial_changes_dealers(self):
        """Delivered to A, returned, delivered to B: B may sell it, A may not."""
        lot = self.lots[4]
        self._deliver(self.dealer_a, lot)
        self.assertEqual(lot.dealer_id, self.dealer_a)
        self._return(self.dealer_a, lot)
        self.assertFalse(lot.dealer_id, "back in stock: at no dealer")
        self._deliver(self.dealer_b, lot)
        self.assertEqual(lot.dealer_id, self.dealer_b)
        by_a = self._confirmed("VIN-S-005")
        self.assertEqual(by_a.serial_status, "other_dealer")
        by_a.action_cancel()
        self.assertFalse(lot.dealer_sellout_id)
        by_b = self._confirmed("VIN-S-005", dealer=self.dealer_b, customer_state_id=self.state_js.id,
                               customer_city="苏州")
        self.assertEqual(by_b.serial_status, "ok")
        self.assertEqual(lot.dealer_sellout_id, by_b)

    def test_cancel_frees_serial(self):
        sellout = self._confirmed("VIN-S-001")
        sellout.action_cancel()
        self.assertFalse(self.lots[0].dealer_sellout_id)
        again = self._confirmed("VIN-S-001")
        self.assertEqual(again.serial_status, "ok")

    def test_path(self):
        lot = self.lots[2]
        sellout = self._confirmed("VIN-S-003", dealer=self.sub_dealer_a1)
        stages = [step["stage"] for step in lot._dealer_serial_path()]
        self.assertEqual(stages, ["Factory", "Delivered to dealer", "Sub-dealer", "Sold to customer"])
        self.assertEqual(lot._dealer_serial_path_services(), [])
        self.assertIn(sellout.name, lot.dealer_path_html)
        self.assertIn("Sell-out Dealer A", lot.dealer_path_html)
