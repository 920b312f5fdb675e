"""Issue 14: a done service inspection's checked points and findings outlived their lock.

A done inspection's checked points (its score, which feeds the service-quality KPI) and what its findings say lock
with it (``dealer.workflow.line.mixin``). Each test performs the attack as the attacking user (through the ORM, or
JSON-RPC ``call_kw``), checks the refusal and reads the database again.
"""
from datetime import date
from functools import partial

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin
from odoo.addons.dealer_management.tests.common_lines_lock import LinesLockMixin

from .common import InspectionCommon

INSPECTION_LOCKED = "A done service inspection cannot be changed; reset it to draft first"


class LinesLockInspectionCommon(LinesLockMixin, InspectionCommon):
    """A done inspection of dealer 1 scored 85 (a point at 100 weighing 3, a point at 40 weighing 1, a finding) and
    a draft one; a back-office user (Sales Manager, Dealer Manager)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a Sales Manager who manages dealers: only the lock refuses this user
        cls.back_office = new_test_user(
            cls.env, login="lines_back_office",
            groups="base.group_user,sales_team.group_sale_manager,dealer_management.group_dealer_manager",
        )
        cls.inspection = cls._two_point_inspection()
        cls.finding = cls.env["dealer.service.finding"].create({
            "inspection_id": cls.inspection.id, "name": "No price tags", "action": "Tag every vehicle",
            "deadline": date(2026, 6, 1),
        })
        cls.inspection.action_done()
        cls.draft_inspection = cls._two_point_inspection()

    @classmethod
    def _two_point_inspection(cls):
        return cls.env["dealer.service.inspection"].create({
            "dealer_id": cls.dealer_1.id, "date": date(2026, 5, 4),
            "line_ids": [
                Command.create({"name": "Showroom clean", "category": "presale", "weight": 3.0, "score": 100.0}),
                Command.create({"name": "Price tags shown", "category": "presale", "weight": 1.0, "score": 40.0}),
            ],
        })

    def _inspection_figures(self):
        """(score, points, KPI service quality of dealer 1 in May 2026), read again from the database."""
        self.env.invalidate_all()
        quality = self.env["dealer.service.inspection"]._dealer_service_quality(
            self.dealer_1, date(2026, 5, 1), date(2026, 5, 31))
        return self.inspection.total_score, len(self.inspection.line_ids), quality.get(self.dealer_1.id)


@tagged("post_install", "-at_install")
class TestInspectionLinesLock(LinesLockInspectionCommon):
    """Item 5: a done inspection's checked points (its score, which feeds the service-quality KPI) and findings."""

    def test_dealer_user_deleting_weak_point_of_done_inspection(self):
        self.assertEqual(self._inspection_figures(), (85.0, 2, 85.0))
        weak = self.inspection.line_ids.filtered(lambda line: line.score == 40.0)
        with self.assertRefused(UserError, INSPECTION_LOCKED):
            weak.with_user(self.dealer_user).unlink()
        self.assertEqual(self._inspection_figures(), (85.0, 2, 85.0))

    def test_every_change_of_done_inspection_lines_refused(self):
        self.assertLinesLocked(
            self.dealer_user, self.inspection, "line_ids", INSPECTION_LOCKED,
            {"name": "Coffee served", "category": "presale", "weight": 10.0, "score": 100.0}, {"score": 100.0},
            draft_document=self.draft_inspection,
        )
        self.assertEqual(self._inspection_figures(), (85.0, 2, 85.0))

    def test_findings_of_done_inspection_locked(self):
        Finding = self.env["dealer.service.finding"]
        before = self.finding.read(["name", "action", "deadline", "inspection_id"])
        count = Finding.search_count([("inspection_id", "=", self.inspection.id)])  # with the point at 40 proposed
        with self.assertRefused(UserError, INSPECTION_LOCKED):
            Finding.with_user(self.dealer_user).create({
                "inspection_id": self.inspection.id, "name": "Found later", "deadline": date(2026, 7, 1)})
        for vals in ({"deadline": date(2030, 1, 1)}, {"name": "Nothing"}, {"action": "None"},
                     {"inspection_id": self.draft_inspection.id}):
            with self.subTest(vals=vals), self.assertRefused(UserError, INSPECTION_LOCKED):
                self.finding.with_user(self.dealer_user).write(vals)
        with self.assertRefused(UserError, INSPECTION_LOCKED):
            self.finding.with_user(self.back_office).unlink()
        self.assertEqual(self.finding.read(["name", "action", "deadline", "inspection_id"]), before)
        self.assertEqual(Finding.search_count([("inspection_id", "=", self.inspection.id)]), count)

    def test_finding_of_done_inspection_still_followed_up(self):
        """Who follows it up and its status (the buttons) are not what the inspection found."""
        finding = self.finding.with_user(self.dealer_user)
        finding.write({"user_id": self.salesman.id})
        finding.action_close()
        self.assertRecordValues(self.finding, [{"user_id": self.salesman.id, "state": "closed"}])

    def test_reopened_inspection_lines_change_again(self):
        self.inspection.with_user(self.dealer_manager).action_draft()
        self.inspection.line_ids.with_user(self.dealer_user).write({"score": 100.0})
        self.assertEqual(self.inspection.total_score, 100.0)


@tagged("post_install", "-at_install")
class TestInspectionLinesLockRpc(CallKwMixin, HttpCase, LinesLockInspectionCommon):
    """The same attacks through /web/dataset/call_kw, as the web client or a script with a session would."""

    def test_dealer_user_deleting_weak_point_over_rpc(self):
        weak = self.inspection.line_ids.filtered(lambda line: line.score == 40.0)
        refused = partial(self.assertCallKwRefused, self.dealer_user, "UserError", INSPECTION_LOCKED)
        refused("dealer.service.inspection.line", "unlink", [weak.ids])
        refused("dealer.service.inspection", "write", [self.inspection.ids, {"line_ids": [Command.delete(weak.id)]}])
        self.assertEqual(self._inspection_figures(), (85.0, 2, 85.0))
