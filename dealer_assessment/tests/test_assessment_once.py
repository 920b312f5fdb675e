from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import Q2_FROM
from .common_consequences import ConsequenceCase

REWARD = 1276.01


@tagged("post_install", "-at_install")
class TestAssessmentOnce(ConsequenceCase):
    """A period is assessed once per scope and company, and a consequence applies once per dealer and period.

    The set-up approved the 2025 Q2 assessment of the test grade (``self.approved``).
    """

    def _assessments_of_q2(self):
        return self.env["dealer.assessment"].search([
            ("period_type", "=", "quarter"), ("date_from", "=", Q2_FROM), ("scope", "=", "grade"),
            ("grade_id", "=", self.grade.id),
        ])

    def _rewards_of_dealer_1(self):
        return self.env["dealer.assessment.proposal"].search([
            ("partner_id", "=", self.dealer_1.id), ("proposal_type", "=", "reward"),
        ])

    def _bonus_lines_of_dealer_1(self):
        return self.env["dealer.rebate.line"].search([("rebate_id.partner_id", "=", self.dealer_1.id)])

    def _apply_reward(self, assessment=None):
        proposal = self._proposal("reward", self.dealer_1, assessment=assessment, amount=REWARD)
        self._decide(proposal, "apply")
        return proposal

    # ------------------------------------------------------------------ one assessment per period and scope
    def test_second_assessment_of_an_assessed_quarter_is_refused(self):
        Assessment = self.env["dealer.assessment"].with_user(self.dealer_manager)
        with self.assertRefused(ValidationError, r"already covers these dealers for this period: open it instead "
                                                 r"of creating another one \(reopen it first if it is approved\)"):
            Assessment.create({
                "period_type": "quarter", "date": date(2025, 5, 15), "scope": "grade", "grade_id": self.grade.id,
            })
        self.assertEqual(self._assessments_of_q2(), self.approved)
        # the way to assess the quarter again: reopen the approved assessment
        self.approved.with_user(self.dealer_manager)._reopen("Figures corrected")
        self.assertEqual(self.approved.state, "draft")

    def test_draft_assessment_moved_onto_an_assessed_quarter_is_refused(self):
        q3 = self._assessment(date=date(2025, 7, 1))
        with self.assertRefused(ValidationError, "already covers these dealers for this period"):
            q3.with_user(self.dealer_manager).write({"date": date(2025, 4, 1)})
        self.assertEqual(q3.date_from, date(2025, 7, 1))
        self.assertEqual(self._assessments_of_q2(), self.approved)

    # ------------------------------------------------------------------ a consequence applies once
    def test_reward_of_a_second_assessment_of_the_quarter_is_refused(self):
        first = self._apply_reward()
        self.assertEqual(first.rebate_id.adjustment_amount, REWARD)
        # an assessment of all dealers for the same quarter covers dealer 1 too and proposes its reward again
        other = self._assessment(scope="all", grade_id=False)
        second = self._proposal("reward", self.dealer_1, assessment=other, amount=REWARD)
        with self.assertRefused(UserError, r"Reward was already applied to dealer Dealer One for 2025 Q2 by "
                                           r"assessment 2025 Q2 / .*: dismiss this proposal"):
            self._decide(second, "apply")
        self.assertEqual(second.state, "proposed")
        self.assertEqual(self._bonus_lines_of_dealer_1().mapped("amount"), [REWARD])
        self.assertEqual(first.rebate_id.adjustment_amount, REWARD)

    @mute_logger("odoo.sql_db")  # the statement the index refuses
    def test_database_keeps_a_consequence_applied_once(self):
        """Even written past the check of ``_apply``, a second applied reward for the dealer and quarter is refused."""
        self._apply_reward()
        other = self._assessment(scope="all", grade_id=False)
        second = self._proposal("reward", self.dealer_1, assessment=other, amount=REWARD)
        with self.assertRefused(ValidationError, "already applied to the dealer for this period"):
            second._dealer_trusted().write({"state": "applied"})
        self.assertEqual(second.state, "proposed")

    def test_applying_again_or_approving_again_rewards_once(self):
        self.template.write({"reward_mode": "amount", "reward_a": REWARD})
        first = self._apply_reward()
        with self.assertRefused(UserError, "has already been decided: it is Applied"):
            first.with_user(self.dealer_manager)._apply()
        # reopened, computed and approved again with dealer 1 rated A: the applied reward is not proposed again
        self.approved._reopen("Figures corrected")
        self._compute_and_approve(self.approved, {self.dealer_1: "A"})
        self.assertEqual(self._rewards_of_dealer_1(), first)
        self.assertEqual(first.rebate_id.adjustment_amount, REWARD)

    def test_other_assessment_of_the_quarter_does_not_propose_an_applied_reward(self):
        self.template.write({"reward_mode": "amount", "reward_a": REWARD})
        first = self._apply_reward()
        self._compute_and_approve(self._assessment(scope="all", grade_id=False), {self.dealer_1: "A"})
        self.assertEqual(self._rewards_of_dealer_1(), first)
        self.assertEqual(self._bonus_lines_of_dealer_1().mapped("amount"), [REWARD])
