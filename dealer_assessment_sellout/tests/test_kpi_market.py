from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_management.tests.common import CallKwMixin
from odoo.addons.dealer_sellout.tests.common import SelloutTestCommon


class MarketCommon(SelloutTestCommon):
    """This month's market volume: 杭州 20 vehicles and 30 trucks, 浙江 as a whole 100 vehicles, 苏州 50 vehicles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = (cls.today.replace(day=1), cls.today)
        cls.trucks = cls.env["product.category"].create({"name": "Market Trucks"})
        Volume = cls.env["dealer.market.volume"]
        vehicles = cls.vehicle.categ_id
        cls.volumes = Volume.create([
            {"territory_id": cls.hangzhou.id, "categ_id": vehicles.id, "month": cls.today, "volume": 20.0,
             "source": "上险数"},
            {"territory_id": cls.hangzhou.id, "categ_id": cls.trucks.id, "month": cls.today, "volume": 30.0},
            {"territory_id": cls.zhejiang.id, "categ_id": vehicles.id, "month": cls.today, "volume": 100.0},
            {"territory_id": cls.suzhou.id, "categ_id": vehicles.id, "month": cls.today, "volume": 50.0},
            # last year: outside the period
            {"territory_id": cls.hangzhou.id, "categ_id": vehicles.id, "month": cls.today - timedelta(days=366),
             "volume": 999.0},
        ])
        cls.portal_a = cls._create_portal_user(cls.dealer_a, "market_portal_a")

    def _kpi(self, code, dealers):
        kpi = self.env["dealer.kpi"].search([("code", "=", code)])
        return kpi._get_compute_method()(dealers, *self.period, self.env.company)


@tagged("post_install", "-at_install")
class TestMarketShareRepurchase(MarketCommon):

    def test_market_volume_stored_per_month_and_unique(self):
        self.assertEqual(self.volumes[0].month, self.today.replace(day=1))
        # the database keeps it (a unique index, empty categories included)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["dealer.market.volume"].create({
                "territory_id": self.hangzhou.id, "categ_id": self.trucks.id, "month": self.today, "volume": 1.0,
            })
            self.env.flush_all()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["dealer.market.volume"].create([
                {"territory_id": self.west.id, "month": self.today, "volume": 1.0},
                {"territory_id": self.west.id, "month": self.today, "volume": 2.0},
            ])
            self.env.flush_all()
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.volumes[0].volume = -1.0
        self.assertEqual(self.volumes[0].volume, 20.0)

    def test_market_share(self):
        """Dealer A (杭州) sold 2 vehicles of a 杭州 market of 50 units: 4 %; the 浙江 row is wider than its
        territory. Dealer B (江苏) sold nothing of the 50 of 苏州: 0 %. A dealer without territory: no value."""
        lots = self._stock_serials(["VIN-M-1", "VIN-M-2"])
        self._deliver(self.dealer_a, lots)
        sales = self._sellout(lot_name="VIN-M-1") | self._sellout(lot_name="VIN-M-2")
        sales.action_confirm()
        self._sellout(product=self.accessory, price_unit=100.0)  # a draft: not counted
        free = self._create_dealer("Market Free Dealer", state="active", grade=self.grade_core)
        values = self._kpi("market_share", self.dealer_a | self.dealer_b | free)
        self.assertEqual(values, {self.dealer_a.id: 4.0, self.dealer_b.id: 0.0})

    def test_repurchase_rate(self):
        """Dealer A's customers this month: 138… bought last month too (a repurchase), Li Lei once, 139… twice on
        one day (not a repurchase), one sale without any customer (not counted): 1 of 3 = 33.33 %."""
        def sale(day, **vals):
            return self._sellout(product=self.accessory, price_unit=100.0, date=day, **vals)

        first_day = self.period[0]
        sellouts = (
            sale(first_day - timedelta(days=10), customer_phone="138-0000-0001", customer_name="Wang Wei")
            | sale(self.today, customer_phone="13800000001", customer_name="Wang W.")
            | sale(self.today, customer_phone=False, customer_name="Li Lei")
            | sale(self.today, customer_phone="13900000002") | sale(self.today, customer_phone="13900000002")
            | sale(self.today, customer_phone=False, customer_name=False)
        )
        sellouts.action_confirm()
        self.assertEqual(self._kpi("repurchase_rate", self.dealer_a | self.dealer_b), {self.dealer_a.id: 33.33})

    def test_records_and_methods(self):
        kpis = self.env["dealer.kpi"].search([("code", "in", ("market_share", "repurchase_rate"))])
        self.assertEqual(set(kpis.get_external_id().values()), {
            "dealer_assessment_sellout.kpi_market_share", "dealer_assessment_sellout.kpi_repurchase_rate"})
        self.assertEqual({kpi.code: kpi.compute_method for kpi in kpis},
                         {kpi.code: f"_kpi_{kpi.code}" for kpi in kpis})
        template = self.env.ref("dealer_assessment.template_default")
        self.assertFalse(template.line_ids.kpi_id & kpis, "in no template by default")

    def test_portal_user_reads_no_market_figures(self):
        """The market volumes are the company's: a dealer's portal user reads none (nor writes any)."""
        Volume = self.env["dealer.market.volume"].with_user(self.portal_a)
        with self.assertRefused(AccessError, "not allowed to access"):
            Volume.search_read([], ["volume"])
        with self.assertRefused(AccessError, "not allowed to"):
            self.volumes[3].with_user(self.portal_a).write({"volume": 0.0})
        self.assertEqual(self.volumes[3].volume, 50.0)


@tagged("post_install", "-at_install")
class TestMarketVolumeRpc(CallKwMixin, MarketCommon, HttpCase):

    def test_portal_rpc_reads_no_market_figures(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        result, error = self._call_kw("dealer.market.volume", "search_read", [[]], {"fields": ["volume"]})
        self.assertIsNone(result)
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        result, error = self._call_kw("dealer.market.volume", "create", [{
            "territory_id": self.hangzhou.id, "month": str(self.today), "volume": 1.0}])
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.env["dealer.market.volume"].search_count([]), 5)
