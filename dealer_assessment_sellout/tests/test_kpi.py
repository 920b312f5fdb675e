from odoo.tests import tagged

from odoo.addons.dealer_assessment_sellout import KPI_XMLIDS, pre_init_hook
from odoo.addons.dealer_sellout.tests.common import SelloutTestCommon


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
        cls.kpis = cls.env["dealer.kpi"].search([("code", "in", (
            "sellout_volume", "sell_through", "sellout_compliance", "forecast_accuracy"))])

    def _kpi(self, code):
        """The raw values of the KPI `code`, through the method its record names."""
        kpi = self.kpis.filtered(lambda k: k.code == code)
        return kpi._get_compute_method()(self.dealers, *self.period, self.env.company)

    def test_volume(self):
        self.assertEqual(self._kpi("sellout_volume"), {self.dealer_a.id: 2, self.dealer_b.id: 0})

    def test_sell_through(self):
        self.assertEqual(self._kpi("sell_through"), {self.dealer_a.id: 50.0})

    def test_compliance(self):
        self.assertEqual(self._kpi("sellout_compliance"), {self.dealer_a.id: 50.0})
        self.cheap.violation_ids.action_cancel()
        self.assertEqual(self._kpi("sellout_compliance"), {self.dealer_a.id: 100.0})

    def test_forecast_accuracy_is_the_forecast_analysis(self):
        """No forecast submitted: no value, as dealer.sellout.forecast.analysis computes it."""
        self.assertEqual(self._kpi("forecast_accuracy"), {})
        self.assertEqual(self._kpi("forecast_accuracy"), self.env["dealer.sellout.forecast.analysis"]
                         ._dealer_forecast_accuracy(self.dealers, *self.period, self.env.company))

    def test_records_shipped_by_this_module(self):
        """The four KPI records are this module's (xml ids dealer_assessment_sellout.kpi_*), each naming its
        method, computed in one pass; in no template by default."""
        self.assertEqual(len(self.kpis), 4)
        self.assertEqual(set(self.kpis.get_external_id().values()), {
            "dealer_assessment_sellout.kpi_sellout_volume", "dealer_assessment_sellout.kpi_sell_through",
            "dealer_assessment_sellout.kpi_sellout_compliance", "dealer_assessment_sellout.kpi_forecast_accuracy",
        })
        self.assertEqual({kpi.code: kpi.compute_method for kpi in self.kpis},
                         {kpi.code: f"_kpi_{kpi.code}" for kpi in self.kpis})
        self.assertTrue(all(self.kpis.mapped("is_available")))
        values = {kpi.code: value for kpi, value in self.kpis._compute_raw_values(
            self.dealers, *self.period, self.env.company).items()}
        self.assertEqual(values["sell_through"], {self.dealer_a.id: 50.0})
        self.assertEqual(values["sellout_compliance"], {self.dealer_a.id: 50.0})
        template = self.env.ref("dealer_assessment.template_default")
        self.assertFalse(template.line_ids.kpi_id & self.kpis, "in no template by default")
        self.assertEqual(sum(template.line_ids.mapped("weight")), 100)

    def test_pre_init_hook_takes_over_the_records_of_an_older_database(self):
        """A database created while dealer_assessment shipped these KPIs: the hook hands their xml ids over to this
        module, whose data then updates the same records instead of creating a second KPI of the same code."""
        data = self.env["ir.model.data"].search([
            ("module", "=", "dealer_assessment_sellout"), ("model", "=", "dealer.kpi"), ("name", "in", KPI_XMLIDS)])
        self.assertEqual(len(data), 4)
        data.module = "dealer_assessment"  # as such a database has them
        pre_init_hook(self.env)
        self.assertEqual(set(data.mapped("module")), {"dealer_assessment_sellout"})
        self.assertEqual(set(data.mapped("res_id")), set(self.kpis.ids), "the same records")
        self.assertEqual(self.env["ir.model.data"].search_count([
            ("module", "=", "dealer_assessment"), ("name", "=", "kpi_net_sales")]), 1, "the other KPIs stay")
