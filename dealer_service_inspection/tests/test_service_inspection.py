from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import Q1, InspectionCommon


@tagged("post_install", "-at_install")
class TestServiceInspection(InspectionCommon):
    """Weighted scores, findings, locking."""

    def test_lines_from_checklist(self):
        inspection = self._inspection(self.dealer_1, date(2025, 2, 1), (0, 0, 0), done=False)
        self.assertEqual(inspection.line_ids.mapped("weight"), [10.0, 30.0, 60.0])
        self.assertTrue(inspection.name.startswith("SVI/"))

    def test_weighted_score(self):
        """(10 × 80 + 30 × 60 + 60 × 90) / 100 = 80.00; per category 80, 60, 90."""
        inspection = self._inspection(self.dealer_1, date(2025, 2, 1), (80, 60, 90))
        self.assertEqual(inspection.total_score, 80.0)
        self.assertEqual((inspection.presale_score, inspection.purchase_score, inspection.aftersales_score),
                         (80.0, 60.0, 90.0))

    def test_default_checklist_weights_total_100(self):
        template = self.env.ref("dealer_service_inspection.inspection_template_default")
        self.assertEqual(template.total_weight, 100.0)
        self.assertEqual(set(template.item_ids.mapped("category")), {"presale", "purchase", "aftersales"})

    def test_score_above_100_refused(self):
        inspection = self._inspection(self.dealer_1, date(2025, 2, 1), (80, 60, 90), done=False)
        with self.assertRefused(ValidationError, "between 0 and 100"):
            inspection.line_ids[0].score = 101
        self.assertEqual(inspection.line_ids[0].score, 80.0)

    def test_inspection_without_lines_cannot_be_completed(self):
        inspection = self.Inspection.create({"dealer_id": self.dealer_1.id})
        with self.assertRefused(UserError, "has no checked point"):
            inspection.action_done()
        self.assertEqual(inspection.state, "draft")

    def test_done_inspection_locked(self):
        inspection = self._inspection(self.dealer_1, date(2025, 2, 1), (80, 60, 90))
        with self.assertRefused(UserError, "cannot be changed"):
            inspection.line_ids[0].with_user(self.dealer_user).score = 10
        self.assertEqual(inspection.total_score, 80.0)
        inspection.with_user(self.dealer_manager).action_draft()
        inspection.line_ids[0].score = 10
        self.assertEqual(inspection.total_score, 73.0)  # (100 + 1800 + 5400) / 100

    def test_finding_opens_correction_with_deadline(self):
        self.dealer_1.user_id = self.salesman
        inspection = self._inspection(self.dealer_1, date(2025, 2, 1), (80, 60, 40), done=False)
        deadline = date(2025, 3, 1)
        finding = self.env["dealer.service.finding"].create({
            "inspection_id": inspection.id, "name": "Repairs late", "deadline": deadline,
        })
        inspection.action_done()
        activity = finding.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, deadline)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(finding.dealer_id, self.dealer_1)
        self.assertTrue(finding.is_overdue)
        self.assertIn(finding, self.env["dealer.service.finding"].search([("is_overdue", "=", True)]))
        finding.action_close()
        self.assertEqual(finding.state, "closed")
        self.assertFalse(finding.activity_ids)
        self.assertFalse(finding.is_overdue)


@tagged("post_install", "-at_install")
class TestInspectionSchedule(InspectionCommon):
    """The cron creates the inspections due per grade interval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grade_core.service_inspection_interval = 6
        cls.today = fields.Date.context_today(cls.env.user)

    def _scheduled(self):
        return self.Inspection._cron_schedule_inspections().mapped("dealer_id")

    def test_never_inspected_dealer_is_due(self):
        self.assertEqual(self._scheduled() & (self.dealer_1 | self.dealer_2), self.dealer_1 | self.dealer_2)
        self.assertFalse(self._scheduled() & (self.dealer_1 | self.dealer_2), "a waiting draft is not duplicated")

    def test_interval_since_last_inspection(self):
        self._inspection(self.dealer_1, self.today - relativedelta(months=2), (80, 80, 80))
        self._inspection(self.dealer_2, self.today - relativedelta(months=7), (80, 80, 80))
        scheduled = self._scheduled()
        self.assertNotIn(self.dealer_1, scheduled)
        self.assertIn(self.dealer_2, scheduled)
        new = self.Inspection.search([("dealer_id", "=", self.dealer_2.id), ("state", "=", "draft")])
        self.assertEqual(new.date, self.today)
        self.assertTrue(new.line_ids)

    def test_grade_without_interval_not_scheduled(self):
        self.grade_core.service_inspection_interval = 0
        self.assertFalse(self._scheduled() & (self.dealer_1 | self.dealer_2))


@tagged("post_install", "-at_install")
class TestServiceQualityFigures(InspectionCommon):
    """The service quality figures of assessments, from done inspections of the period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._inspection(cls.dealer_1, date(2025, 1, 15), (80, 60, 90))   # total 80
        cls._inspection(cls.dealer_1, date(2025, 3, 20), (50, 70, 70))   # total (500 + 2100 + 4200) / 100 = 68
        cls._inspection(cls.dealer_1, date(2025, 4, 2), (0, 0, 0))       # next quarter
        cls._inspection(cls.dealer_2, date(2025, 2, 1), (100, 100, 100), done=False)  # draft: not counted

    def test_service_quality_average(self):
        """(80 + 68) / 2 = 74; dealer 2 has no done inspection: no value."""
        quality = self.Inspection._dealer_service_quality(self.dealer_1 | self.dealer_2, *Q1)
        self.assertEqual(quality, {self.dealer_1.id: 74.0})

    def test_service_quality_per_category(self):
        """Pre-sale (10 × 80 + 10 × 50) / 20 = 65; purchase (30 × 60 + 30 × 70) / 60 = 65."""
        dealers = self.dealer_1 | self.dealer_2
        self.assertEqual(self.Inspection._dealer_service_quality(dealers, *Q1, category="presale"),
                         {self.dealer_1.id: 65.0})
        self.assertEqual(self.Inspection._dealer_service_quality(dealers, *Q1, category="purchase"),
                         {self.dealer_1.id: 65.0})
        self.assertEqual(self.Inspection._dealer_service_quality(dealers, *Q1, category="aftersales"),
                         {self.dealer_1.id: 80.0})

    def test_query_count_independent_of_dealer_count(self):
        def count(dealers):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.Inspection._dealer_service_quality(dealers, *Q1)
            self.Inspection._dealer_service_quality(dealers, *Q1, category="presale")
            return self.cr.sql_log_count - before

        count(self.dealer_1)
        self.assertEqual(count(self.dealer_1), count(self.dealer_1 | self.dealer_2))
