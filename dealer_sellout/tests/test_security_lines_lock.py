"""Issue 14 in the sell-out: a retail sale and a forecast are one record each (no lines to outlive them), locked
for Dealer Users once confirmed or submitted; a serial's dealer fields cannot be set through a ``default_`` key.
Each attack is performed as the attacking user, through the ORM and JSON-RPC ``call_kw``, refused, and the
record is read again."""
from functools import partial

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin
from odoo.addons.dealer_management.tests.common_lines_lock import LinesLockMixin

from .common import SelloutTestCommon

LOT_FIELDS_SET = "The dealer and the retail sale of a serial follow its deliveries and sell-outs"


class SelloutLockCommon(LinesLockMixin, SelloutTestCommon):
    """A confirmed retail sale of VIN-L-001 by dealer A, a submitted forecast of dealer A, a warehouse user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lots = cls._stock_serials(["VIN-L-001"])
        cls._deliver(cls.dealer_a, cls.lots)
        cls.sellout = cls._sellout(cls, lot_name="VIN-L-001")
        cls.sellout.action_confirm()
        cls.forecast = cls.env["dealer.sellout.forecast"]._dealer_forecast_submit(cls.dealer_a, [{
            "product_id": cls.accessory.id, "month": cls.today.replace(day=1) + relativedelta(months=1),
            "quantity": 10,
        }])
        cls.stock_user = new_test_user(
            cls.env, login="sellout_lock_stock_user", groups="base.group_user,stock.group_stock_user")

    def _figures(self):
        self.env.invalidate_all()
        return (self.sellout.state, self.sellout.price_unit, self.forecast.state, self.forecast.quantity,
                self.lots.dealer_id, self.lots.dealer_sellout_id)


@tagged("post_install", "-at_install")
class TestSelloutLock(SelloutLockCommon):

    def test_warehouse_user_setting_serial_dealer_through_default_key(self):
        Lot = self.env["stock.lot"].with_user(self.stock_user)
        count = Lot.search_count([])
        vals = {"name": "VIN-L-900", "product_id": self.vehicle.id, "company_id": self.company.id}
        for key, value in (("default_dealer_id", self.dealer_a.id), ("default_dealer_sellout_id", self.sellout.id)):
            with self.subTest(key=key), self.assertRefused(AccessError, LOT_FIELDS_SET):
                Lot.with_context(**{key: value}).create(vals)
        self.assertEqual(Lot.search_count([]), count)


@tagged("post_install", "-at_install")
class TestSelloutLockRpc(CallKwMixin, HttpCase, SelloutLockCommon):
    """The same attacks through /web/dataset/call_kw, as the web client or a script with a session would."""

    def test_dealer_user_changing_confirmed_sale_and_submitted_forecast_over_rpc(self):
        before = self._figures()
        refused = partial(self.assertCallKwRefused, self.dealer_user, "AccessError")
        refused("only a Dealer Manager may change it", "dealer.sellout", "write",
                [self.sellout.ids, {"price_unit": 1.0}])
        refused("not allowed to delete", "dealer.sellout", "unlink", [self.sellout.ids])
        refused("submitted forecast is changed by submitting it again", "dealer.sellout.forecast", "write",
                [self.forecast.ids, {"quantity": 400}])
        refused("not allowed to delete", "dealer.sellout.forecast", "unlink", [self.forecast.ids])
        self.assertEqual(self._figures(), before)

    def test_warehouse_user_setting_serial_dealer_over_rpc(self):
        count = self.env["stock.lot"].search_count([])
        vals = {"name": "VIN-L-901", "product_id": self.vehicle.id, "company_id": self.company.id}
        refused = partial(self.assertCallKwRefused, self.stock_user, "AccessError", LOT_FIELDS_SET, "stock.lot")
        refused("create", [vals], context={"default_dealer_id": self.dealer_b.id})
        refused("write", [self.lots.ids, {"dealer_id": self.dealer_b.id}])
        self.assertEqual(self.env["stock.lot"].search_count([]), count)
        self.assertEqual(self._figures()[4:], (self.dealer_a, self.sellout))
