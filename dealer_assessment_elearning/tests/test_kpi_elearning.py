from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestTrainingKpiCourses(DealerTestCommon):
    """The training completion KPI counts the courses of the dealer's grade its people finished."""

    run_as_superuser = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = cls.env.ref("dealer_assessment_training.kpi_training_completion")
        cls.dealer = cls._create_dealer("Course KPI Dealer", state="active", grade=cls.grade_core)
        cls.finisher = cls._create_portal_user(cls.dealer, "kpi_course_finisher")
        cls._create_portal_user(cls.dealer, "kpi_course_starter")
        cls.course = cls.env["slide.channel"].create({
            "name": "Dishwasher installation", "visibility": "members", "enroll": "invite", "is_published": True,
            "dealer_grade_ids": [Command.set(cls.grade_core.ids)],
            "slide_ids": [Command.create({"name": "Video", "slide_category": "document", "is_published": True})],
        })
        cls.course.action_dealer_enroll()
        cls.course.slide_ids.with_user(cls.finisher).action_mark_completed()

    def test_values(self):
        """One of the two enrolled people finished the course; no training event is required: 50 %."""
        values = self.kpi._compute_raw_values(self.dealer, self.today.replace(day=1), self.today, self.env.company)
        self.assertEqual(values, {self.kpi: {self.dealer.id: 50.0}})
