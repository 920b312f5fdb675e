"""Issue 14: the actions of a closed correction plan and the scorecards of an approved assessment are locked
(``dealer.workflow.line.mixin``). Each attack is performed as the attacking user, through the ORM and JSON-RPC
``call_kw``, refused, and the lines read the same afterwards."""
from functools import partial

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin, DealerTestCommon
from odoo.addons.dealer_management.tests.common_lines_lock import LinesLockMixin

from .common import AssessmentCase

PLAN_LOCKED = "Correction plan .* is Done: its actions can no longer be added, changed or deleted"
SCORECARD_LOCKED = "The scorecard of .* is locked: assessment .* is approved"


class CorrectionPlanCommon(LinesLockMixin, DealerTestCommon):
    """A done correction plan and one in progress, each with two actions."""

    run_as_superuser = True  # the set-up acts as the administrator entering data

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        dealer = cls._create_dealer("Plan Dealer Ltd.", state="active")
        cls.plan, cls.open_plan = cls.env["dealer.correction.plan"].create([{
            "partner_id": dealer.id, "deadline": "2099-01-01",
            "line_ids": [Command.create({"action": "Train the sales staff", "status": "done"}),
                         Command.create({"action": "Clean the showroom", "status": "done"})],
        } for _index in range(2)])
        cls.plan.with_user(cls.dealer_manager).action_done()


@tagged("post_install", "-at_install")
class TestCorrectionPlanLinesLock(CorrectionPlanCommon):

    def test_done_plan_actions(self):
        self.assertLinesLocked(
            self.dealer_manager, self.plan, "line_ids", PLAN_LOCKED, {"action": "Forged action", "status": "done"},
            {"status": "todo", "follow_up": "Never done"}, draft_document=self.open_plan,
        )

    def test_dealer_user_reopening_an_action_of_done_plan(self):
        before = self._lines_snapshot((self.plan, "line_ids"))
        with self.assertRefused(UserError, PLAN_LOCKED):
            self.plan.line_ids[0].with_user(self.dealer_user).write({"status": "todo"})
        self.assertEqual(self._lines_snapshot((self.plan, "line_ids")), before)

    def test_reopened_plan_actions_change_again(self):
        self.plan.with_user(self.dealer_manager).action_reopen()
        self.plan.line_ids[0].with_user(self.dealer_manager).write({"status": "todo"})
        self.assertEqual(self.plan.line_ids[0].status, "todo")


@tagged("post_install", "-at_install")
class TestScorecardLinesLock(LinesLockMixin, AssessmentCase):
    """Scorecards are written by the computation only; once approved, not even by it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment = cls._assessment(cls)
        cls.assessment.action_compute()
        cls.assessment.action_review()
        cls.assessment.action_approve()
        cls.card = cls.assessment.scorecard_ids.filtered(lambda s: s.partner_id == cls.dealer_1)

    def _computation(self, records):
        """``records`` as the assessment's computation writes them (its trusted context)."""
        return records._dealer_trusted()

    def test_approved_scorecard_lines_locked_for_the_computation(self):
        before = self._lines_snapshot((self.card, "line_ids"), (self.assessment, "scorecard_ids"))
        line = self.card.line_ids[0]
        Line = self._computation(self.env["dealer.scorecard.line"])
        attacks = {
            "create": lambda: Line.create({"scorecard_id": self.card.id, "kpi_id": line.kpi_id.id, "points": 100.0}),
            "write": lambda: self._computation(line).write({"points": 100.0}),
            "unlink": lambda: self._computation(line).unlink(),
            "scorecard commands": lambda: self._computation(self.card).write(
                {"line_ids": [Command.update(line.id, {"points": 100.0})]}),
            "assessment commands": lambda: self._computation(self.assessment).write(
                {"scorecard_ids": [Command.delete(self.card.id)]}),
        }
        for name, attack in attacks.items():
            with self.subTest(attack=name), self.assertRefused(UserError, SCORECARD_LOCKED):
                attack()
        self.assertEqual(self._lines_snapshot((self.card, "line_ids"), (self.assessment, "scorecard_ids")), before)


@tagged("post_install", "-at_install")
class TestCorrectionPlanLinesLockRpc(CallKwMixin, HttpCase, CorrectionPlanCommon):
    """The same attacks through /web/dataset/call_kw, as the web client or a script with a session would."""

    def test_dealer_manager_rewriting_done_plan_over_rpc(self):
        before = self._lines_snapshot((self.plan, "line_ids"))
        refused = partial(self.assertCallKwRefused, self.dealer_manager, "UserError", PLAN_LOCKED)
        refused("dealer.correction.plan.line", "unlink", [self.plan.line_ids.ids])
        refused("dealer.correction.plan.line", "write", [self.plan.line_ids.ids, {"status": "todo"}])
        refused("dealer.correction.plan", "write",
                [self.plan.ids, {"line_ids": [Command.create({"action": "Forged"})]}])
        self.assertCallKwRefused(self.dealer_user, "UserError", PLAN_LOCKED, "dealer.correction.plan.line", "write",
                                 [self.plan.line_ids.ids, {"status": "todo"}])
        self.assertEqual(self._lines_snapshot((self.plan, "line_ids")), before)
