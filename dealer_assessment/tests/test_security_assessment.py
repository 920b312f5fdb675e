from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestSecurityAssessment(AssessmentCase):
    """Attacks on assessments and scorecards as a Dealer User and a Dealer Manager, as over RPC (plain values)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment = cls._assessment(cls)
        cls.assessment.action_compute()
        cls.card = cls.assessment.scorecard_ids.filtered(lambda s: s.partner_id == cls.dealer_1)

    def _snapshot(self):
        card = self.card
        return (self.assessment.state, len(self.assessment.scorecard_ids), card.total, card.rank, card.rating,
                card.line_ids.mapped("points"))

    # ------------------------------------------------------------------ assessment state
    def test_dealer_user_cannot_write_assessment_state_over_rpc(self):
        before = self._snapshot()
        with self.assertRefused(AccessError, "not allowed to modify|Status of a"):
            self.assessment.with_user(self.dealer_user).write({"state": "approved"})
        self.assertEqual(self._snapshot(), before)

    def test_dealer_manager_cannot_write_assessment_state_over_rpc(self):
        before = self._snapshot()
        with self.assertRefused(AccessError, "Status of a Dealer Assessment change only through its buttons"):
            self.assessment.with_user(self.dealer_manager).write({"state": "approved"})
        self.assertEqual(self._snapshot(), before)

    def test_dealer_manager_cannot_create_approved_assessment(self):
        count = self.env["dealer.assessment"].search_count([])
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.env["dealer.assessment"].with_user(self.dealer_manager).create({
                "period_type": "month", "date": "2025-05-01", "state": "approved",
            })
        self.assertEqual(self.env["dealer.assessment"].search_count([]), count)

    def test_dealer_user_cannot_compute_or_approve(self):
        before = self._snapshot()
        with self.assertRefused(AccessError, "Only a Dealer Manager may compute an assessment"):
            self.assessment.with_user(self.dealer_user).action_compute()
        with self.assertRefused(AccessError, "Only a Dealer Manager may mark an assessment as reviewed"):
            self.assessment.with_user(self.dealer_user).action_review()
        self.assertEqual(self._snapshot(), before)

    # ------------------------------------------------------------------ scores and ranks
    def test_dealer_user_cannot_write_scores_over_rpc(self):
        before = self._snapshot()
        with self.assertRefused(AccessError, "not allowed to modify|written only by the Compute button"):
            self.card.with_user(self.dealer_user).write({"total": 100.0, "rank": 1, "rating": "A"})
        self.assertEqual(self._snapshot(), before)

    def test_dealer_manager_cannot_write_scores_or_rank_over_rpc(self):
        before = self._snapshot()
        for vals in ({"total": 100.0}, {"rank": 1}, {"rating": "A"}, {"territory_rank": 1}):
            with self.assertRefused(AccessError, "written only by the Compute button of their assessment"):
                self.card.with_user(self.dealer_manager).write(vals)
        with self.assertRefused(AccessError, "written only by the Compute button of their assessment"):
            self.card.line_ids[0].with_user(self.dealer_manager).write({"points": 100.0})
        self.assertEqual(self._snapshot(), before)

    def test_dealer_manager_cannot_create_scorecard_by_hand(self):
        count = self.env["dealer.scorecard"].search_count([])
        with self.assertRefused(AccessError, "written only by the Compute button"):
            self.env["dealer.scorecard"].with_user(self.dealer_manager).create({
                "assessment_id": self.assessment.id, "partner_id": self.dealer_3.id, "total": 99.0,
            })
        with self.assertRefused(AccessError, "written only by the Compute button"):
            self.env["dealer.scorecard.line"].with_user(self.dealer_manager).create({
                "scorecard_id": self.card.id, "kpi_id": self.kpi("net_sales").id, "points": 100.0,
            })
        self.assertEqual(self.env["dealer.scorecard"].search_count([]), count)
        self.assertEqual(len(self.card.line_ids), 4)

    def test_dealer_user_cannot_create_scorecard_by_hand(self):
        count = self.env["dealer.scorecard"].search_count([])
        with self.assertRefused(AccessError, "not allowed to create|written only by the Compute button"):
            self.env["dealer.scorecard"].with_user(self.dealer_user).create({
                "assessment_id": self.assessment.id, "partner_id": self.dealer_3.id, "total": 99.0,
            })
        self.assertEqual(self.env["dealer.scorecard"].search_count([]), count)

    def test_dealer_manager_cannot_delete_scorecard_by_hand(self):
        with self.assertRefused(AccessError, "written only by the Compute button"):
            self.card.with_user(self.dealer_manager).unlink()
        self.assertTrue(self.card.exists())

    # ------------------------------------------------------------------ approved and reopening
    def _approve(self):
        self.assessment.action_review()
        self.assessment.action_approve()

    def test_approved_scorecard_locked_even_for_the_computation(self):
        self._approve()
        before = self._snapshot()
        with self.assertRefused(UserError, "is locked: assessment .* is approved"):
            self.card._dealer_trusted().write({"total": 1.0})
        with self.assertRefused(UserError, "is locked"):
            self.card._dealer_trusted().unlink()
        with self.assertRefused(UserError, "cannot be computed: it is Approved"):
            self.assessment.with_user(self.dealer_manager).action_compute()
        self.assertEqual(self._snapshot(), before)

    def test_dealer_user_cannot_reopen(self):
        self._approve()
        with self.assertRefused(AccessError, "not allowed to create|Only a Dealer Manager may reopen"):
            self.env["dealer.assessment.reopen.wizard"].with_user(self.dealer_user).create({
                "assessment_id": self.assessment.id, "reason": "Because",
            }).action_reopen()
        with self.assertRefused(AccessError, "Only a Dealer Manager may reopen"):
            self.assessment.with_user(self.dealer_user)._reopen("Because")
        self.assertEqual(self.assessment.state, "approved")

    def test_reopen_needs_a_reason(self):
        self._approve()
        with self.assertRefused(UserError, "Give the reason for reopening"):
            self.assessment.with_user(self.dealer_manager)._reopen("  ")
        self.assertEqual(self.assessment.state, "approved")

    # ------------------------------------------------------------------ companies
    def test_dealer_user_reads_scorecards_of_own_company_only(self):
        cards = self.assessment.scorecard_ids
        self.assertEqual(
            self.env["dealer.scorecard"].with_user(self.dealer_user).search([("id", "in", cards.ids)]).ids, cards.ids,
        )
        other = self.env["res.company"].create({"name": "Other Dealer Company"})
        outsider = self.dealer_user.copy({
            "login": "assess_outsider", "company_id": other.id, "company_ids": [(6, 0, other.ids)],
        })
        self.assertFalse(self.env["dealer.assessment"].with_user(outsider).search([("id", "=", self.assessment.id)]))
        self.assertFalse(self.env["dealer.scorecard"].with_user(outsider).search(
            [("assessment_id", "=", self.assessment.id)]))
        self.assertFalse(self.env["dealer.scorecard.line"].with_user(outsider).search(
            [("assessment_id", "=", self.assessment.id)]))
