from odoo.tests import tagged

from odoo.addons.dealer_training.tests.test_training import DealerTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingKpi(DealerTrainingCommon):
    """The training completion KPI: the required trainings of the period each dealer attended."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = cls.env.ref("dealer_assessment_training.kpi_training_completion")

    def test_values(self):
        """A attended three of the four required trainings of Q1, B none; C's grade requires none."""
        values = self.kpi._compute_raw_values(self.dealers, self.date_from, self.date_to, self.env.company)
        self.assertEqual(values, {self.kpi: {self.dealer_a.id: 75.0, self.dealer_b.id: 0.0, self.dealer_c.id: 100.0}})

    def test_record_names_its_method(self):
        self.assertEqual((self.kpi.code, self.kpi.compute_method), ("training_completion", "_kpi_training_completion"))
        self.assertTrue(self.kpi.is_available)

    def test_standard_template_weights_it_once(self):
        """Installed, the module moved 5 points of the standard template from stock report timeliness to it; doing
        it again changes nothing."""
        template = self.env.ref("dealer_assessment.template_default")
        timeliness = self.env.ref("dealer_assessment.kpi_stock_report_timeliness")

        def weights():
            return {line.kpi_id: (line.weight, line.sequence) for line in template.line_ids
                    if line.kpi_id in self.kpi | timeliness}

        self.assertEqual(weights(), {self.kpi: (5.0, 90), timeliness: (5.0, 100)})
        template._add_kpi_line(self.kpi.id, timeliness.id, 5, 90)
        self.assertEqual(weights(), {self.kpi: (5.0, 90), timeliness: (5.0, 100)})
        self.assertEqual(sum(template.line_ids.mapped("weight")), 100)
