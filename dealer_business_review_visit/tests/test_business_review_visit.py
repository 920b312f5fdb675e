from datetime import datetime, time, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_management.tools.period import period_bounds, previous_period
from odoo.addons.dealer_visit.tests.common import NEAR, VisitTestCommon


@tagged("post_install", "-at_install")
class TestBusinessReviewVisit(VisitTestCommon):
    """Dealer A, last quarter: one visit done (two findings open, one of them overdue, one closed), one cancelled,
    one planned that nobody checked in; dealer B, last quarter: a done visit with a finding (not A's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quarter = previous_period(period_bounds(cls.today, "quarter")[0], "quarter")[0]
        when = datetime.combine(cls.quarter + timedelta(days=5), time(10))
        cls.visit_done = cls._visit(when=when)
        cls.visit_done.action_check_in(*NEAR)
        cls.visit_done.line_ids.write({"answer": "yes"})
        cls.findings = cls.Finding.with_user(cls.salesman).create([
            {"visit_id": cls.visit_done.id, "name": name, "deadline": cls.today + timedelta(days=days)}
            for name, days in (("Overdue", -3), ("Open", 10), ("Closed", 5))
        ])
        cls.visit_done.action_check_out(*NEAR)
        cls.findings[2].action_close()
        cls._visit(when=when + timedelta(days=20)).action_cancel()
        cls.visit_missed = cls._visit(when=when + timedelta(days=40))
        cls._done_visit(cls.dealer_b)  # its finding belongs to B: never on A's review
        cls.Review = cls.env["dealer.business.review"]

    def _review(self, dealer=None, date_from=None):
        return self.Review.create({"partner_id": (dealer or self.dealer_a).id, "date_from": date_from or self.quarter})

    def test_visits_and_findings_of_the_quarter(self):
        self.assertRecordValues(self._review(), [{
            "visit_done_count": 1, "visit_planned_count": 0, "visit_missed_count": 2,
            "visit_finding_open_count": 2, "visit_finding_overdue_count": 1,
        }])
        # B's visit was tomorrow (this quarter or the next): not in B's last quarter; its one finding is B's own
        self.assertRecordValues(self._review(self.dealer_b), [{
            "visit_done_count": 0, "visit_missed_count": 0,
            "visit_finding_open_count": 1, "visit_finding_overdue_count": 0,
        }])

    def test_a_visit_still_to_come_is_planned(self):
        self.visit_missed.action_cancel()
        upcoming = self._visit()  # tomorrow
        review = self._review(date_from=period_bounds(upcoming.date_planned.date(), "quarter")[0])
        self.assertRecordValues(review, [{"visit_planned_count": 1, "visit_done_count": 0, "visit_missed_count": 0}])

    def test_frozen_when_held(self):
        review = self._review()
        review.action_hold()
        self.findings[:2].action_close()
        self.visit_missed.action_cancel()
        review._refresh_figures()
        self.assertRecordValues(review, [{
            "visit_done_count": 1, "visit_missed_count": 2, "visit_finding_open_count": 2,
            "visit_finding_overdue_count": 1,
        }])
        html = self.env["ir.actions.report"]._render_qweb_html(
            "dealer_business_review.action_report_dealer_business_review", review.ids)[0].decode()
        self.assertIn("Visits in the quarter", html)
        self.assertIn("Visit findings to put right", html)

    def test_figures_cannot_be_forged(self):
        review = self._review()
        for user in (self.dealer_user, self.salesman):
            with self.assertRaisesRegex(AccessError, "change only through its buttons"):
                review.with_user(user).write({"visit_finding_open_count": 0, "visit_missed_count": 0})
        review.invalidate_recordset()
        self.assertRecordValues(review, [{"visit_finding_open_count": 2, "visit_missed_count": 2}])
