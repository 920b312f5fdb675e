from datetime import date

from odoo.tests import tagged

from odoo.addons.dealer_satisfaction.tests.test_satisfaction import DealerSatisfactionCommon


@tagged("post_install", "-at_install")
class TestSatisfactionKpi(DealerSatisfactionCommon):
    """The satisfaction KPI: the average score of the dealer satisfaction surveys completed in the period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = cls.env.ref("dealer_assessment_satisfaction.kpi_satisfaction")

    def _values(self, date_from, date_to):
        return self.kpi._compute_raw_values(self.dealers, date_from, date_to, self.env.company)[self.kpi]

    def test_values(self):
        """Q2: A (80 + 60) / 2, its unfinished answer ignored; B answered in July only: no value in Q2."""
        self.assertEqual(self._values(self.date_from, self.date_to), {self.dealer_a.id: 70.0})
        self.assertEqual(self._values(date(2025, 7, 1), date(2025, 9, 30)), {self.dealer_b.id: 90.0})

    def test_record_names_its_method(self):
        self.assertEqual((self.kpi.code, self.kpi.compute_method), ("satisfaction", "_kpi_satisfaction"))
        self.assertTrue(self.kpi.is_available)

    def test_standard_template_weights_it(self):
        """Installed, the module moved 5 points of the standard template from the complaint rate to it."""
        template = self.env.ref("dealer_assessment.template_default")
        complaints = self.env.ref("dealer_assessment.kpi_complaint_rate")
        self.assertEqual(
            {line.kpi_id: (line.weight, line.sequence) for line in template.line_ids
             if line.kpi_id in self.kpi | complaints},
            {self.kpi: (5.0, 80), complaints: (5.0, 70)},
        )
        self.assertEqual(sum(template.line_ids.mapped("weight")), 100)
