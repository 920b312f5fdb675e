from odoo.tests import tagged

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestSelloutKpi(SelloutTestCommon):
    """Sell-out KPIs, set-based. Dealer A: 4 vehicles delivered this month, 2 sold (one below the minimum
    retail price, a price violation): volume 2, sell-through 2 ÷ 4 = 50 %, compliance 1 ÷ 2 = 50 %.
    Dealer B: nothing sold, nothing delivered: volume 0, no sell-through, no compliance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._deliver(cls.dealer_a, cls._stock_serials([f"VIN-K-{n}" for n in range(1, 5)]))
        cls.clean = cls.Sellout.create({
            "dealer_id": cls.dealer_a.id, "product_id": cls.vehicle.id, "lot_name": "VIN-K-1",
            "price_unit": 120000.0, "customer_state_id": cls.state_zj.id, "customer_city": "杭州",
        })
        cls.cheap = cls.Sellout.create({
            "dealer_id": cls.dealer_a.id, "product_id": cls.vehicle.id, "lot_name": "VIN-K-2",
            "price_unit": 90000.0, "customer_state_id": cls.state_zj.id, "customer_city": "杭州",
        })
        (cls.clean | cls.cheap).action_confirm()
        cls.period = (cls.today.replace(day=1), cls.today)
        cls.dealers = cls.dealer_a | cls.dealer_b

    def _kpi(self, method):
        return getattr(self.Sellout, method)(self.dealers, *self.period, self.env.company)

    def test_volume(self):
        self.assertEqual(self._kpi("_dealer_kpi_sellout_volume"), {self.dealer_a.id: 2, self.dealer_b.id: 0})

    def test_sell_through(self):
        self.assertEqual(self._kpi("_dealer_kpi_sell_through"), {self.dealer_a.id: 50.0})

    def test_compliance(self):
        self.assertEqual(self._kpi("_dealer_kpi_compliance"), {self.dealer_a.id: 50.0})
        self.cheap.violation_ids.action_cancel()
        self.assertEqual(self._kpi("_dealer_kpi_compliance"), {self.dealer_a.id: 100.0})

    def test_assessment_kpis_delegate(self):
        if "dealer.kpi" not in self.env:
            self.skipTest("dealer_assessment is not installed")
        kpis = self.env["dealer.kpi"].search([("code", "in", ("sellout_volume", "sell_through", "sellout_compliance"))])
        self.assertEqual(len(kpis), 3)
        self.assertTrue(all(kpis.mapped("is_available")))
        values = {kpi.code: value for kpi, value in kpis._compute_raw_values(
            self.dealers, *self.period, self.env.company).items()}
        self.assertEqual(values["sell_through"], {self.dealer_a.id: 50.0})
        self.assertEqual(values["sellout_compliance"], {self.dealer_a.id: 50.0})
        template = self.env.ref("dealer_assessment.template_default")
        self.assertFalse(template.line_ids.kpi_id & kpis, "in no template by default")
        self.assertEqual(sum(template.line_ids.mapped("weight")), 100)
