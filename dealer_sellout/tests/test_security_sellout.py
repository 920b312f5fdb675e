from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestSecuritySellout(SelloutTestCommon):
    """Attacks of a Dealer User on retail sales and serials; isolation between companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lots = cls._stock_serials(["VIN-X-001", "VIN-X-002"])
        cls._deliver(cls.dealer_a, cls.lots)
        cls.company_data_2 = cls.setup_other_company()
        cls.company_2 = cls.company_data_2["company"]

    def setUp(self):
        super().setUp()
        self.draft = self._sellout(lot_name="VIN-X-001")
        self.as_user = self.draft.with_user(self.dealer_user)

    def test_dealer_user_creates_draft(self):
        sellout = self.Sellout.with_user(self.dealer_user).create({
            "dealer_id": self.dealer_a.id, "product_id": self.vehicle.id, "lot_name": "VIN-X-002",
            "price_unit": 110000.0,
        })
        self.assertEqual(sellout.state, "draft")
        self.assertEqual(sellout.lot_id, self.lots[1])

    def test_dealer_user_cannot_confirm(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager may confirm a retail sale"):
            self.as_user.action_confirm()
        self.assertEqual(self.draft.state, "draft")
        self.assertFalse(self.lots[0].dealer_sellout_id)

    def test_dealer_user_cannot_set_state(self):
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.as_user.write({"state": "confirmed"})
        self.assertEqual(self.draft.state, "draft")

    def test_dealer_user_cannot_set_serial_status(self):
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.as_user.write({"serial_status": "ok"})
        self.assertFalse(self.draft.serial_status)

    def test_dealer_user_cannot_set_source(self):
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.as_user.write({"source": "portal"})
        self.assertEqual(self.draft.source, "backoffice")

    def test_default_state_refused(self):
        count = self.Sellout.search_count([])
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.Sellout.with_user(self.dealer_user).with_context(default_state="confirmed").create({
                "dealer_id": self.dealer_a.id, "product_id": self.accessory.id, "price_unit": 10.0,
            })
        with self.assertRefused(AccessError, "recorded in draft"):
            self.Sellout.with_user(self.dealer_user).with_context(
                default_serial_status="ok")._dealer_sellout_create_checked([{
                    "dealer_id": self.dealer_a.id, "product_id": self.accessory.id, "price_unit": 10.0}])
        self.assertEqual(self.Sellout.search_count([]), count)

    def test_dealer_user_cannot_change_confirmed(self):
        self.draft.action_confirm()
        with self.assertRefused(AccessError, "only a Dealer Manager may change it"):
            self.as_user.write({"price_unit": 1.0})
        self.assertEqual(self.draft.price_unit, 120000.0)

    def test_dealer_user_cannot_delete(self):
        with self.assertRefused(AccessError, ""):
            self.as_user.unlink()
        self.assertTrue(self.draft.exists())

    def test_serial_dealer_fields_not_writable(self):
        lot = self.lots[1]
        stock_manager = new_test_user(self.env, login="sellout_stock_manager", groups="base.group_user,"
                                      "stock.group_stock_manager,dealer_management.group_dealer_manager")
        with self.assertRefused(AccessError, "cannot be set directly"):
            lot.with_user(stock_manager).write({"dealer_id": self.dealer_b.id})
        with self.assertRefused(AccessError, "cannot be set directly"):
            lot.with_user(stock_manager).write({"dealer_sellout_id": self.draft.id})
        with self.assertRefused(AccessError, "cannot be set directly"):
            lot.with_user(stock_manager).copy({"dealer_id": self.dealer_b.id, "name": "VIN-X-COPY"})
        self.assertEqual(lot.dealer_id, self.dealer_a)
        self.assertFalse(lot.dealer_sellout_id)

    def test_other_company_sellout_invisible(self):
        foreign_dealer = self._create_dealer("Foreign Dealer", state="active", company_id=self.company_2.id)
        foreign = self.Sellout.with_company(self.company_2).create({
            "dealer_id": foreign_dealer.id, "product_id": self.accessory.id, "price_unit": 10.0,
            "company_id": self.company_2.id,
        })
        self.assertFalse(self.Sellout.with_user(self.dealer_user).search([("id", "=", foreign.id)]))
        with self.assertRefused(AccessError, ""):
            foreign.with_user(self.dealer_user).read(["price_unit"])

    def test_other_company_dealer_refused(self):
        foreign_dealer = self._create_dealer("Foreign Dealer 2", state="active", company_id=self.company_2.id)
        count = self.Sellout.search_count([])
        with self.assertRefused(UserError, ""):
            self.Sellout.with_user(self.dealer_user).create({
                "dealer_id": foreign_dealer.id, "product_id": self.accessory.id, "price_unit": 10.0,
            })
        self.assertEqual(self.Sellout.search_count([]), count)
