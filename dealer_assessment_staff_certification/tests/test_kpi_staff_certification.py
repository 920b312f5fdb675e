from datetime import date

from odoo.tests import tagged

from odoo.addons.dealer_staff_certification.tests.common import DealerStaffCertificationCommon
from odoo.addons.dealer_training.tests.test_training import DealerTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingKpiCertifications(DealerTrainingCommon, DealerStaffCertificationCommon):
    """The training completion KPI counts the required staff certifications held at the period's end (Q1 2025)
    with the required trainings attended."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = cls.env.ref("dealer_assessment_training.kpi_training_completion")
        for person in cls.person_a1 | cls.person_a2 | cls.person_c1:
            person.dealer_staff_position_id = cls.position_sales
        cls._take_certification(cls.person_a1, date(2025, 3, 1))
        cls._take_certification(cls.person_a2, date(2025, 4, 10))  # after the period

    def test_values(self):
        """A: 3 of 4 trainings + 1 of 2 certifications = 4 of 6; B: 0 of 4, no adviser; C: no training required,
        its adviser not certified: 0 of 1."""
        values = self.kpi._compute_raw_values(self.dealers, self.date_from, self.date_to, self.env.company)
        self.assertEqual(values, {self.kpi: {self.dealer_a.id: 66.67, self.dealer_b.id: 0.0, self.dealer_c.id: 0.0}})

    def test_parts(self):
        parts = self.env["dealer.kpi"]._dealer_training_completion_parts(self.dealers, self.date_from, self.date_to)
        self.assertIn({self.dealer_a.id: (1, 2), self.dealer_c.id: (0, 1)}, parts)
