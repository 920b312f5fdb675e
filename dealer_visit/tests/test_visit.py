from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import FAR, NEAR, SHOP, VisitTestCommon

NOT_CHECKED_IN = "cannot be checked in: it is"


@tagged("post_install", "-at_install")
class TestVisit(VisitTestCommon):
    """A visit on site: check-in with the distance to the dealer, checklist, findings, check-out."""

    def test_planned_visit_gets_the_checklist_and_a_calendar_event(self):
        visit = self._visit()
        self.assertEqual(visit.state, "planned")
        self.assertEqual(visit.checklist_id, self.checklist)
        self.assertEqual(visit.line_ids.mapped("name"), self.checklist.item_ids.mapped("name"))
        event = visit.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.start, visit.date_planned)
        self.assertEqual(event.user_id, self.salesman)
        self.assertEqual(event.partner_ids, self.salesman.partner_id)
        self.assertEqual((event.res_model, event.res_id), ("dealer.visit", visit.id))
        visit.date_planned += timedelta(hours=3)
        self.assertEqual(event.start, visit.date_planned, "the event follows the visit")

    def test_check_in_near_the_dealer(self):
        visit = self._visit()
        visit.action_check_in(*NEAR)
        self.assertEqual(visit.state, "checked_in")
        self.assertTrue(visit.checkin_time)
        self.assertAlmostEqual(visit.checkin_latitude, NEAR[0])
        self.assertTrue(0.1 < visit.checkin_distance < 0.2, visit.checkin_distance)
        self.assertFalse(visit.checkin_far)

    def test_check_in_far_away_is_flagged_not_refused(self):
        visit = self._visit()
        visit.action_check_in(*FAR)
        self.assertEqual(visit.state, "checked_in")
        self.assertTrue(25 < visit.checkin_distance < 30, visit.checkin_distance)
        self.assertTrue(visit.checkin_far)
        self.assertTrue(any("km from the dealer's address" in m.body for m in visit.message_ids))
        self.env.company.dealer_visit_max_distance = 50.0
        self.dealer_b.write({"partner_latitude": SHOP[0], "partner_longitude": SHOP[1]})
        other = self._visit(self.dealer_b)
        other.action_check_in(*FAR)
        self.assertFalse(other.checkin_far, "within the company's distance")

    def test_no_distance_without_both_positions(self):
        """Dealer B has no position; a phone without position gives none: nothing is stored, nothing flagged."""
        visit_b = self._visit(self.dealer_b)
        visit_b.action_check_in(*FAR)
        self.assertEqual((visit_b.checkin_distance, visit_b.checkin_far), (0.0, False))
        visit_a = self._visit()
        visit_a.action_check_in()
        self.assertEqual(visit_a.state, "checked_in")
        self.assertEqual((visit_a.checkin_latitude, visit_a.checkin_distance, visit_a.checkin_far), (0.0, 0.0, False))

    def test_impossible_position_refused(self):
        visit = self._visit()
        for position in ((95.0, 120.0), (30.0, 200.0), ("north", "east")):
            with self.subTest(position=position), self.assertRefused(ValidationError, "not a valid position"):
                visit.action_check_in(*position)
        self.assertEqual((visit.state, visit.checkin_time), ("planned", False))

    def test_check_out_needs_every_point_answered(self):
        visit = self._visit()
        visit.action_check_in(*NEAR)
        visit.line_ids[:-1].write({"answer": "yes"})
        with self.assertRefused(UserError, "Answer every point"):
            visit.action_check_out(*NEAR)
        self.assertEqual(visit.state, "checked_in")
        visit.line_ids[-1].answer = "no"
        visit.action_check_out(*NEAR)
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.checkout_time)
        self.assertEqual(visit.coverage, 100.0)

    def test_check_in_after_check_out_refused(self):
        visit = self._done_visit()
        checkin = visit.checkin_time
        with self.assertRefused(UserError, NOT_CHECKED_IN):
            visit.with_user(self.salesman).action_check_in(*FAR)
        self.assertEqual((visit.state, visit.checkin_time, visit.checkin_far), ("done", checkin, False))
        with self.assertRefused(UserError, "cannot be checked out: it is"):
            visit.with_user(self.salesman).action_check_out()

    def test_finding_becomes_an_activity_on_the_dealer(self):
        visit = self._done_visit()
        finding = visit.finding_ids
        activity = finding.activity_id
        self.assertTrue(activity)
        self.assertEqual((activity.res_model, activity.res_id), ("res.partner", self.dealer_a.id))
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(activity.date_deadline, finding.deadline)
        finding.with_user(self.salesman).action_close()
        self.assertEqual(finding.state, "closed")
        self.assertFalse(activity.exists(), "the to-do is done")
        self.assertEqual(finding.followed_up, 100.0)
        finding.with_user(self.salesman).action_reopen()
        self.assertEqual(finding.state, "open")
        self.assertTrue(finding.activity_id, "a new to-do")
        self.assertEqual(finding.followed_up, 0.0)

    def test_dealer_answer(self):
        finding = self._done_visit().finding_ids
        finding._dealer_answer("Price tags are up.")
        self.assertEqual((finding.state, finding.dealer_answer), ("answered", "Price tags are up."))
        self.assertTrue(finding.answer_date)
        finding.action_close()
        with self.assertRefused(UserError, "takes no answer"):
            finding._dealer_answer("again")
        self.assertEqual(finding.dealer_answer, "Price tags are up.")

    def test_closed_late_is_not_followed_up(self):
        finding = self._done_visit().finding_ids
        finding.action_close()
        finding._dealer_trusted().date_closed = finding.deadline + timedelta(days=1)
        self.assertEqual(finding.followed_up, 0.0)

    def test_cancel_takes_the_visit_off_the_calendar(self):
        visit = self._visit()
        event = visit.calendar_event_id
        visit.with_user(self.salesman).action_cancel()
        self.assertEqual(visit.state, "cancelled")
        self.assertFalse(event.exists())
        with self.assertRefused(UserError, "cannot be cancelled"):
            visit.action_cancel()

    def test_one_planned_visit_per_dealer(self):
        self._visit()
        with self.assertRefused(ValidationError, "already has planned visit"):
            self._visit(when=self._visit_time(5))
        self.assertEqual(self.Visit.search_count([("dealer_id", "=", self.dealer_a.id)]), 1)
        self._visit(self.dealer_b)  # another dealer

    def test_next_visit_planned_once_the_first_is_checked_in(self):
        first = self._visit()
        first.action_check_in(*NEAR)
        second = self._visit(when=self._visit_time(30))
        self.assertEqual(second.state, "planned")

    def test_coverage_per_salesperson(self):
        """The pivot's coverage: the average of 100 (done) and 0 (others) is visits done ÷ planned."""
        self._done_visit()
        self._visit(self.dealer_b).action_cancel()
        self._visit(self.dealer_b)
        groups = self.Visit._read_group([("user_id", "=", self.salesman.id)], ["user_id"], ["coverage:avg"])
        self.assertAlmostEqual(groups[0][1], 100.0 / 3, places=2)

    def _visit_time(self, days):
        return self.env.cr.now().replace(microsecond=0) + timedelta(days=days)
