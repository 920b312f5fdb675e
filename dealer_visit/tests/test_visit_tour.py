from odoo.tests import HttpCase, tagged

from .common import VisitTestCommon


@tagged("post_install", "-at_install")
class TestVisitPhoneTour(HttpCase, VisitTestCommon):
    """The salesman runs a visit in the web client on a 390 px phone: check in (150 m from the shop), the
    checklist's five points, a finding, check out."""

    browser_size = "390x844"
    touch_enabled = True

    def test_visit_on_a_phone(self):
        visit = self._visit()
        self.start_tour(f"/odoo/action-dealer_visit.action_dealer_visit/{visit.id}", "dealer_visit_phone_tour",
                        login=self.salesman.login)
        self.assertEqual(visit.state, "done")
        self.assertTrue(0.1 < visit.checkin_distance < 0.2)
        self.assertFalse(visit.checkin_far)
        self.assertEqual(visit.line_ids.mapped("answer"), ["yes", "yes", "no", "yes", "yes"])
        self.assertEqual(visit.finding_ids.name, "Price tags missing on the E5")
        self.assertEqual(visit.finding_ids.activity_id.user_id, self.salesman)
