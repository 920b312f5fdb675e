from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import VisitTestCommon


@tagged("post_install", "-at_install")
class TestVisitPlan(VisitTestCommon):
    """The daily job plans one visit per active dealer from its grade's interval, on the salesperson's calendar."""

    def _planned(self, dealer):
        return self.Visit.search([("dealer_id", "=", dealer.id), ("state", "=", "planned")])

    def test_never_visited_dealers_are_planned_today(self):
        self.salesman.tz = "Asia/Shanghai"
        self.Visit._cron_plan_visits()
        for dealer in (self.dealer_a, self.dealer_b):
            visit = self._planned(dealer)
            self.assertEqual(len(visit), 1)
            self.assertEqual(visit.user_id, self.salesman)
            # 9:00 in Shanghai is 1:00 UTC
            self.assertEqual(visit.date_planned, datetime.combine(self.today, datetime.min.time()).replace(hour=1))
            self.assertEqual(visit.checklist_id, self.checklist)
            self.assertEqual(visit.calendar_event_id.partner_ids, self.salesman.partner_id)

    def test_rerun_plans_nothing_twice(self):
        first = self.Visit._cron_plan_visits()
        self.assertTrue(first)
        self.assertFalse(self.Visit._cron_plan_visits())
        self.assertEqual(len(self._planned(self.dealer_a)), 1)

    def test_next_visit_after_the_grades_interval(self):
        """A (core): monthly after its last check-in; B (regular): quarterly."""
        self.Visit._cron_plan_visits()
        for dealer in (self.dealer_a, self.dealer_b):
            visit = self._planned(dealer)
            visit.line_ids.write({"answer": "yes"})
            visit.action_check_in()
            visit.action_check_out()
        self.Visit._cron_plan_visits()
        self.assertEqual(self._planned(self.dealer_a).date_planned.date(), self.today + relativedelta(months=1))
        self.assertEqual(self._planned(self.dealer_b).date_planned.date(), self.today + relativedelta(months=3))

    def test_interval_in_days(self):
        self.grade_core.write({"visit_interval": 10, "visit_interval_unit": "days"})
        visit = self._visit(when=datetime.now())
        visit.action_check_in()
        visit.line_ids.write({"answer": "yes"})
        visit.action_check_out()
        self.Visit._cron_plan_visits()
        self.assertEqual(self._planned(self.dealer_a).date_planned.date(),
                         visit.checkin_time.date() + timedelta(days=10))

    def test_no_visit_while_one_is_in_progress_or_without_interval(self):
        self._visit().action_check_in()
        self.grade_regular.visit_interval = 0
        self.assertFalse(self.Visit._cron_plan_visits())

    def test_inactive_dealers_are_not_planned(self):
        self.dealer_b.action_dealer_suspend()
        self.Visit._cron_plan_visits()
        self.assertFalse(self._planned(self.dealer_b))
        self.assertTrue(self._planned(self.dealer_a))

    def test_cancelled_visit_is_planned_again(self):
        self.Visit._cron_plan_visits()
        self._planned(self.dealer_a).action_cancel()
        self.Visit._cron_plan_visits()
        self.assertEqual(self._planned(self.dealer_a).date_planned.date(), self.today)

    def test_first_grade_visited_monthly_by_default(self):
        """The install hook: the first grade of the company monthly, the others keep the default (quarterly)."""
        grades = self.Grade.search([("company_id", "in", [self.env.company.id, False])], order="sequence, id")
        grades.write({"visit_interval": 3})
        post_init_hook(self.env)
        self.assertEqual(grades[0].visit_interval, 1)
        self.assertEqual(set(grades[1:].mapped("visit_interval")), {3})
        self.assertEqual(self.Grade.new({}).visit_interval, 3)
