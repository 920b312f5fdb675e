from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin
from odoo.addons.dealer_management.tests.common_lines_lock import LinesLockMixin

from .common import FAR, VisitTestCommon

PROTECTED = "change only through its buttons"


@tagged("post_install", "-at_install")
class TestVisitRpc(CallKwMixin, LinesLockMixin, HttpCase, VisitTestCommon):
    """What a salesperson's browser console or an RPC client can send about visits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done = cls._done_visit()
        cls.portal_user = cls._create_portal_user(cls.dealer_a, "visit_portal_a")

    def test_check_in_forged_after_check_out(self):
        checkin = self.done.checkin_time
        self.assertCallKwRefused(self.salesman, "UserError", "cannot be checked in: it is Done",
                                 "dealer.visit", "action_check_in", [self.done.ids, *FAR])
        self.assertCallKwRefused(self.salesman, "UserError", "Done: it can no longer be changed",
                                 "dealer.visit", "write", [self.done.ids, {"state": "checked_in"}])
        self.env.invalidate_all()
        self.assertEqual((self.done.state, self.done.checkin_time, self.done.checkin_far), ("done", checkin, False))

    def test_forged_state_and_default_key_at_creation(self):
        count = self.Visit.search_count([])
        self.assertCallKwRefused(self.salesman, "AccessError", PROTECTED, "dealer.visit", "create",
                                 [{"dealer_id": self.dealer_b.id, "state": "done"}])
        self.assertCallKwRefused(self.salesman, "AccessError", PROTECTED, "dealer.visit", "create",
                                 [{"dealer_id": self.dealer_b.id}], context={"default_checkin_far": False,
                                                                              "default_state": "checked_in"})
        self.assertEqual(self.Visit.search_count([]), count)

    def test_editing_a_done_visit_over_rpc(self):
        before = self._lines_snapshot((self.done, "line_ids"), (self.done, "finding_ids"))
        self.assertCallKwRefused(self.salesman, "UserError", "can no longer", "dealer.visit", "write",
                                 [self.done.ids, {"note": "changed", "line_ids": [(1, self.done.line_ids[0].id,
                                                                                    {"answer": "no"})]}])
        self.assertCallKwRefused(self.salesman, "UserError", "can no longer", "dealer.visit.finding", "write",
                                 [self.done.finding_ids.ids, {"deadline": "2020-01-01"}])
        self.assertEqual(self._lines_snapshot((self.done, "line_ids"), (self.done, "finding_ids")), before)
        self.assertFalse(self.done.note)

    def test_private_methods_not_callable(self):
        finding = self.done.finding_ids
        self.assertCallKwRefused(self.salesman, "AccessError", "Private methods", "dealer.visit.finding",
                                 "_dealer_answer", [finding.ids, "forged answer"])
        self.assertFalse(finding.dealer_answer)

    def test_portal_user_has_no_right_on_visits(self):
        for model, method, args in (("dealer.visit", "read", [self.done.ids, ["state"]]),
                                    ("dealer.visit", "action_check_in", [self.done.ids]),
                                    ("dealer.visit.finding", "write", [self.done.finding_ids.ids,
                                                                       {"user_id": self.portal_user.id}])):
            with self.subTest(model=model, method=method):
                self.assertCallKwRefused(self.portal_user, "AccessError", ".", model, method, args)
        self.assertFalse(self.done.finding_ids.user_id)
