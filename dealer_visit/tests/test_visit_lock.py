from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common_lines_lock import LinesLockMixin

from .common import VisitTestCommon

LOCKED = "can no longer"
PROTECTED = "change only through its buttons"


@tagged("post_install", "-at_install")
class TestVisitLock(LinesLockMixin, VisitTestCommon):
    """A done visit is what was seen: the salesperson can no longer edit it, its checklist or its findings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._done_visit()

    def test_salesperson_editing_a_done_visit(self):
        visit = self.visit.with_user(self.salesman)
        for vals in ({"note": "rewritten"}, {"date_planned": visit.date_planned + timedelta(days=1)},
                     {"dealer_id": self.dealer_b.id}, {"photo_ids": [(6, 0, [])]}):
            with self.subTest(vals=vals), self.assertRefused(UserError, LOCKED):
                visit.write(vals)
        self.assertEqual((self.visit.note, self.visit.dealer_id), (False, self.dealer_a))

    def test_checklist_locked(self):
        self.assertLinesLocked(self.salesman, self.visit, "line_ids", LOCKED,
                               {"name": "Extra point", "answer": "yes"}, {"answer": "no"},
                               draft_document=self._visit(self.dealer_b))

    def test_findings_locked(self):
        self.assertLinesLocked(self.salesman, self.visit, "finding_ids", LOCKED,
                               {"name": "Late finding", "deadline": self.today}, {"deadline": self.today})

    def test_follow_up_user_still_changes(self):
        finding = self.visit.finding_ids.with_user(self.salesman)
        finding.user_id = self.dealer_user
        self.assertEqual(finding.user_id, self.dealer_user)

    def test_forged_states_refused(self):
        visit = self._visit(self.dealer_b).with_user(self.salesman)
        for vals in ({"state": "done"}, {"checkin_time": "2026-01-01 10:00:00"}, {"checkin_far": True},
                     {"checkin_distance": 0.01}):
            with self.subTest(vals=vals), self.assertRefused(AccessError, PROTECTED):
                visit.write(vals)
        self.assertEqual((visit.state, visit.checkin_time, visit.checkin_far), ("planned", False, False))
        finding = self.visit.finding_ids.with_user(self.salesman)
        for vals in ({"state": "closed"}, {"dealer_answer": "done"}, {"date_closed": self.today}):
            with self.subTest(vals=vals), self.assertRefused(AccessError, PROTECTED):
                finding.write(vals)
        self.assertEqual((finding.state, finding.dealer_answer), ("open", False))

    def test_forged_state_at_creation(self):
        count = self.Visit.search_count([])
        Visit = self.Visit.with_user(self.salesman)
        with self.assertRefused(AccessError, PROTECTED):
            Visit.create({"dealer_id": self.dealer_b.id, "state": "done"})
        with self.assertRefused(AccessError, PROTECTED):
            Visit.with_context(default_state="done").create({"dealer_id": self.dealer_b.id})
        self.assertEqual(self.Visit.search_count([]), count)
