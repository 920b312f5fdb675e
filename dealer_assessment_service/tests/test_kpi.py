from datetime import date

from odoo.tests import tagged

from odoo.addons.dealer_service_inspection.tests.common import Q1, InspectionCommon

CODES = ("service_quality", "service_presale", "service_purchase", "service_aftersales")


@tagged("post_install", "-at_install")
class TestServiceQualityKpi(InspectionCommon):
    """The service quality KPIs, from the inspections done in the period. Dealer 1, Q1: (80, 60, 90) = 80 and
    (50, 70, 70) = 68 in total, April's outside; dealer 2's inspection is a draft: no value."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._inspection(cls.dealer_1, date(2025, 1, 15), (80, 60, 90))
        cls._inspection(cls.dealer_1, date(2025, 3, 20), (50, 70, 70))
        cls._inspection(cls.dealer_1, date(2025, 4, 2), (0, 0, 0))
        cls._inspection(cls.dealer_2, date(2025, 2, 1), (100, 100, 100), done=False)
        cls.kpis = cls.env["dealer.kpi"].search([("code", "in", CODES)])

    def _values(self, company=None):
        """{code: raw values} of the four KPIs in one pass."""
        return {kpi.code: value for kpi, value in self.kpis._compute_raw_values(
            self.dealer_1 | self.dealer_2, *Q1, company or self.env.company).items()}

    def test_values_per_kpi(self):
        """Total (80 + 68) / 2 = 74; pre-sale (10 × 80 + 10 × 50) / 20 = 65; purchase 65; after-sales 80."""
        self.assertEqual(self._values(), {
            "service_quality": {self.dealer_1.id: 74.0}, "service_presale": {self.dealer_1.id: 65.0},
            "service_purchase": {self.dealer_1.id: 65.0}, "service_aftersales": {self.dealer_1.id: 80.0},
        })

    def test_other_company_has_no_value(self):
        other = self.env["res.company"].create({"name": "Other Service Company"})
        self.assertEqual(self._values(other), dict.fromkeys(CODES, {}))

    def test_records_shipped_by_this_module(self):
        """The four KPI records are this module's, each naming its method; in no template by default."""
        self.assertEqual(len(self.kpis), 4)
        self.assertEqual(set(self.kpis.get_external_id().values()),
                         {f"dealer_assessment_service.kpi_{code}" for code in CODES})
        self.assertEqual({kpi.code: kpi.compute_method for kpi in self.kpis},
                         {code: f"_kpi_{code}" for code in CODES})
        self.assertTrue(all(self.kpis.mapped("is_available")))
        self.assertFalse(self.env.ref("dealer_assessment.template_default").line_ids.kpi_id & self.kpis)
