from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_consequences import ConsequenceCase


@tagged("post_install", "-at_install")
class TestConsequenceRules(ConsequenceCase):
    """What the approval of an assessment proposes."""

    def _types(self, assessment, dealer):
        proposals = self.env["dealer.assessment.proposal"].search([
            ("assessment_id", "=", assessment.id), ("partner_id", "=", dealer.id),
        ])
        return sorted(proposals.mapped("proposal_type"))

    def test_three_consecutive_a_propose_upgrade(self):
        self.approved._reopen("test")  # the Q2 run of the set-up is done again below with forced ratings
        self._approve(date(2024, 10, 1), {self.dealer_1: "A"})
        self._approve(date(2025, 1, 1), {self.dealer_1: "A"})
        self.approved.action_compute()
        self.approved.scorecard_ids.filtered(lambda s: s.partner_id == self.dealer_1)._dealer_trusted().write(
            {"rating": "A"})
        self.approved.action_review()
        self.approved.action_approve()
        upgrade = self.env["dealer.assessment.proposal"].search([
            ("assessment_id", "=", self.approved.id), ("partner_id", "=", self.dealer_1.id),
            ("proposal_type", "=", "upgrade"),
        ])
        self.assertEqual(len(upgrade), 1)
        self.assertEqual(upgrade.old_grade_id, self.grade)
        self.assertEqual(upgrade.new_grade_id, self.higher_grade)
        self.assertEqual(upgrade.state, "proposed")
        self.assertEqual(self.dealer_1.dealer_grade_id, self.grade, "nothing is applied automatically")

    def test_interrupted_a_streak_proposes_no_upgrade(self):
        self._approve(date(2024, 10, 1), {self.dealer_1: "A"})
        self._approve(date(2025, 1, 1), {self.dealer_1: "B"})
        q3 = self._approve(date(2025, 7, 1), {self.dealer_1: "A"})
        self.assertNotIn("upgrade", self._types(q3, self.dealer_1))

    def test_missing_period_breaks_the_streak(self):
        self._approve(date(2024, 10, 1), {self.dealer_1: "A"})
        # no approved assessment for 2025 Q1... the Q2 one of the set-up is not A: Q3 has a streak of 1
        q3 = self._approve(date(2025, 7, 1), {self.dealer_1: "A"})
        self.assertNotIn("upgrade", self._types(q3, self.dealer_1))

    def test_consecutive_d_propose_downgrade_and_suspension(self):
        self.template.write({"consecutive_periods": 2, "suspension_periods": 2})
        self._approve(date(2025, 7, 1), {self.dealer_3: "D"})
        q4 = self._approve(date(2025, 10, 1), {self.dealer_3: "D"})
        self.assertEqual(
            self._types(q4, self.dealer_3), ["correction", "downgrade", "interview", "suspension", "warning"],
        )
        downgrade = self.env["dealer.assessment.proposal"].search([
            ("assessment_id", "=", q4.id), ("proposal_type", "=", "downgrade")])
        self.assertEqual(downgrade.new_grade_id, self.lower_grade)

    def test_ratings_propose_reward_warning_interview_correction(self):
        self.template.write({"reward_mode": "percent", "reward_a": 10.0})
        q3 = self._approve(date(2025, 7, 1), {self.dealer_1: "A", self.dealer_2: "C", self.dealer_3: "D"})
        self.assertEqual(self._types(q3, self.dealer_2), ["credit", "warning"])
        self.assertEqual(self._types(q3, self.dealer_3), ["correction", "interview", "warning"])
        # dealer 1 sold nothing in Q3: 10 % of nothing is no reward
        self.assertNotIn("reward", self._types(q3, self.dealer_1))

    def test_reward_percent_of_net_sales(self):
        self.template.write({"reward_mode": "percent", "reward_a": 10.0})
        self.approved._reopen("test")
        self.approved.action_compute()
        self.approved.scorecard_ids.filtered(lambda s: s.partner_id == self.dealer_1)._dealer_trusted().write(
            {"rating": "A"})
        self.approved.action_review()
        self.approved.action_approve()
        reward = self.env["dealer.assessment.proposal"].search([
            ("assessment_id", "=", self.approved.id), ("proposal_type", "=", "reward"),
            ("partner_id", "=", self.dealer_1.id)])
        self.assertEqual(len(reward), 1)
        self.assertAlmostEqual(reward.amount, 1300.0)  # 10 % of 13,000 net sales in 2025 Q2

    def test_reapproval_replaces_open_proposals_keeps_decided(self):
        proposals = self.env["dealer.assessment.proposal"].search([("assessment_id", "=", self.approved.id)])
        self.assertTrue(proposals)
        decided = proposals[0]
        self._decide(decided, "dismiss", "not now")
        self.approved._reopen("again")
        self.approved.action_review()
        self.approved.action_approve()
        after = self.env["dealer.assessment.proposal"].search([("assessment_id", "=", self.approved.id)])
        self.assertIn(decided, after)
        same = after.filtered(lambda p: p.partner_id == decided.partner_id and p.proposal_type == decided.proposal_type)
        self.assertEqual(same, decided, "a decided proposal is not proposed again")
        self.assertEqual(len(after), len(proposals))

    def test_two_years_under_target_proposes_termination(self):
        self._contract_targets(self.dealer_2, {2023: 5000.0, 2024: 5000.0})  # no sales in 2023 and 2024
        self._contract_targets(self.dealer_1, {2023: 5000.0, 2024: 5000.0})  # 2024: 10,000 sold, 200 %
        q3 = self._approve(date(2025, 7, 1), {})
        self.assertIn("termination", self._types(q3, self.dealer_2))
        self.assertNotIn("termination", self._types(q3, self.dealer_1))
        self.assertNotIn("termination", self._types(q3, self.dealer_3), "no annual target, no exit rule")
        termination = self.env["dealer.assessment.proposal"].search([
            ("assessment_id", "=", q3.id), ("proposal_type", "=", "termination")])
        self.assertRegex(termination.reason, "2023.*2024")

    def test_credit_rating_thresholds(self):
        Rating = self.env["dealer.credit.rating"]
        ratings = Rating._ratings_for(self.env.company)
        aaa, aa, a, b, c = (self.env.ref(f"dealer_assessment.credit_rating_{code}") for code in
                            ("aaa", "aa", "a", "b", "c"))
        self.assertEqual(ratings._rate(0.0, 0.0), aaa)
        self.assertEqual(ratings._rate(5.0, 10.0), aa)
        self.assertEqual(ratings._rate(5.01, 0.0), a)
        self.assertEqual(ratings._rate(30.0, 50.0), b)
        self.assertEqual(ratings._rate(0.0, 50.01), c)
        self.assertEqual(ratings._rate(400.0, 100.0), c)

    def test_credit_rating_proposed_from_payment_record(self):
        credit = self.env["dealer.assessment.proposal"].search([
            ("assessment_id", "=", self.approved.id), ("proposal_type", "=", "credit")])
        by_dealer = {p.partner_id: p for p in credit}
        # dealer 1: 10 days late then on time (average 5), nothing overdue: AA, 1.2 × the grade's 10,000
        self.assertEqual(by_dealer[self.dealer_1].credit_rating_id, self.env.ref("dealer_assessment.credit_rating_aa"))
        self.assertAlmostEqual(by_dealer[self.dealer_1].credit_limit, 12000.0)
        # dealer 2: its invoice of May is unpaid at the end of June: 100 % overdue, C, no credit
        self.assertEqual(by_dealer[self.dealer_2].credit_rating_id, self.env.ref("dealer_assessment.credit_rating_c"))
        self.assertAlmostEqual(by_dealer[self.dealer_2].credit_limit, 0.0)
        self.assertNotIn(self.dealer_3, by_dealer, "no payment record, no credit rating")

    def test_unchanged_credit_rating_not_proposed_again(self):
        credit = self.env["dealer.assessment.proposal"].search([
            ("assessment_id", "=", self.approved.id), ("proposal_type", "=", "credit"),
            ("partner_id", "=", self.dealer_1.id)])
        self._decide(credit, "apply")
        q3 = self._approve(date(2025, 7, 1), {})  # dealer 1 still AA over the 12 months to September
        self.assertNotIn("credit", self._types(q3, self.dealer_1))
        self.assertIn("credit", self._types(q3, self.dealer_2), "dealer 2's C was never applied")


@tagged("post_install", "-at_install")
class TestConsequenceDecisions(ConsequenceCase):
    """Applying and dismissing each type of proposal as a Dealer Manager."""

    def test_apply_upgrade_writes_grade_history(self):
        proposal = self._proposal("upgrade", self.dealer_1, old_grade_id=self.grade.id,
                                  new_grade_id=self.higher_grade.id, reason="Three A ratings")
        self._decide(proposal, "apply")
        self.assertEqual(self.dealer_1.dealer_grade_id, self.higher_grade)
        history = self.dealer_1.dealer_grade_history_ids.sorted("id")[-1]
        self.assertEqual((history.old_grade_id, history.new_grade_id, history.reason),
                         (self.grade, self.higher_grade, "Three A ratings"))
        self.assertEqual((proposal.state, proposal.decided_by_id), ("applied", self.dealer_manager))
        self.assertTrue(proposal.decided_on)

    def test_apply_downgrade_after_grade_changed_is_refused(self):
        proposal = self._proposal("downgrade", self.dealer_1, old_grade_id=self.higher_grade.id,
                                  new_grade_id=self.lower_grade.id)
        with self.assertRaisesRegex(UserError, "changed since the proposal"):
            self._decide(proposal, "apply")

    def test_apply_reward_adds_rebate_bonus_and_sends_commendation(self):
        proposal = self._proposal("reward", self.dealer_1, amount=1300.0)
        self._decide(proposal, "apply")
        line = proposal.rebate_line_id
        self.assertEqual((line.kind, line.amount), ("bonus", 1300.0))
        rebate = line.rebate_id
        self.assertEqual((rebate.partner_id, rebate.state), (self.dealer_1, "draft"))
        self.assertEqual((rebate.date_from, rebate.date_to), (date(2025, 4, 1), date(2025, 6, 30)))
        self.assertEqual(rebate.adjustment_amount, 1300.0)
        message = self.dealer_1.message_ids.filtered(lambda m: (m.subject or "").startswith("Commendation"))
        self.assertEqual(len(message), 1)
        self.assertIn(self.dealer_1, message.partner_ids)

    def test_apply_reward_reuses_the_draft_rebate_of_the_period(self):
        contract = self.env["dealer.contract"].search([("partner_id", "=", self.dealer_1.id)])
        rebate = self.env["dealer.rebate"].create({
            "contract_id": contract.id, "date_from": date(2025, 4, 1), "date_to": date(2025, 6, 30),
        })
        rebate._add_adjustment_line("bonus", "Fair participation", 50.0)
        proposal = self._proposal("reward", self.dealer_1, amount=100.0)
        self._decide(proposal, "apply")
        self.assertEqual(proposal.rebate_id, rebate)
        self.assertEqual(rebate.adjustment_amount, 150.0)

    def test_apply_warning_sends_letter(self):
        proposal = self._proposal("warning", self.dealer_3)
        self._decide(proposal, "apply")
        message = self.dealer_3.message_ids.filtered(lambda m: (m.subject or "").startswith("Warning after assessment"))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.message_type, "comment")

    def test_apply_interview_schedules_activity_with_minutes(self):
        proposal = self._proposal("interview", self.dealer_3)
        self._decide(proposal, "apply")
        activity = self.dealer_3.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("dealer_assessment.mail_activity_type_interview"))
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.dealer_manager)
        activity.action_feedback(feedback="Minutes: the dealer commits to a new sales plan.")
        self.assertTrue(self.dealer_3.message_ids.filtered(lambda m: "new sales plan" in (m.body or "")))

    def test_apply_correction_creates_plan_flagged_overdue_by_cron(self):
        proposal = self._proposal("correction", self.dealer_3)
        self._decide(proposal, "apply")
        plan = proposal.correction_plan_id
        today = fields.Date.context_today(plan)
        self.assertEqual((plan.partner_id, plan.state, plan.deadline), (self.dealer_3, "in_progress",
                                                                       today + timedelta(days=30)))
        self.assertFalse(plan.is_overdue)
        self.assertFalse(self.dealer_3.dealer_correction_overdue)
        with freeze_time(today + timedelta(days=31)):
            self.env["dealer.correction.plan"]._cron_mark_overdue()
        self.env.invalidate_all()
        self.assertTrue(plan.is_overdue)
        self.assertTrue(self.dealer_3.dealer_correction_overdue)
        overdue = self.env["res.partner"].search([("dealer_correction_overdue", "=", True)])
        self.assertIn(self.dealer_3, overdue)
        self.assertNotIn(self.dealer_1, overdue)
        plan.with_user(self.dealer_manager).action_done()
        self.assertFalse(plan.is_overdue)
        self.assertFalse(self.dealer_3.dealer_correction_overdue)

    def test_apply_suspension_suspends_dealer_and_blocks_orders(self):
        proposal = self._proposal("suspension", self.dealer_3)
        self._decide(proposal, "apply")
        self.assertEqual(self.dealer_3.dealer_state, "suspended")
        # dealer_management's contract check (on for this grade now) refuses the orders of a suspended dealer
        self.grade.check_contract = True
        order = self.env["sale.order"].create({
            "partner_id": self.dealer_3.id,
            "order_line": [Command.create({"product_id": self.product_a.id, "product_uom_qty": 1.0})],
        })
        with self.assertRaisesRegex(UserError, r"is not active \(status: Suspended\)"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_apply_termination_creates_draft_termination(self):
        proposal = self._proposal("termination", self.dealer_2, reason="Under target in 2023 and 2024")
        self._decide(proposal, "apply")
        termination = proposal.termination_id
        self.assertEqual((termination.partner_id, termination.state, termination.reason_code),
                         (self.dealer_2, "draft", "under_target"))
        self.assertEqual(self.dealer_2.dealer_state, "active", "the termination follows its own workflow")

    def test_apply_credit_rating_sets_credit_limit_and_terms(self):
        rating = self.env.ref("dealer_assessment.credit_rating_aa")
        proposal = self._proposal("credit", self.dealer_1, credit_rating_id=rating.id, credit_limit=12000.0,
                                  payment_term_id=rating.payment_term_id.id)
        self._decide(proposal, "apply")
        dealer = self.dealer_1.with_company(self.env.company).sudo()
        self.assertEqual(dealer.credit_limit, 12000.0)
        self.assertEqual(dealer.property_payment_term_id, rating.payment_term_id)
        self.assertEqual(self.dealer_1.dealer_credit_rating_id, rating)

    def test_dismiss_keeps_reason_and_applies_nothing(self):
        proposal = self._proposal("upgrade", self.dealer_1, old_grade_id=self.grade.id,
                                  new_grade_id=self.higher_grade.id)
        self._decide(proposal, "dismiss", "Market too small for the upper grade")
        self.assertEqual((proposal.state, proposal.decision_note, proposal.decided_by_id),
                         ("dismissed", "Market too small for the upper grade", self.dealer_manager))
        self.assertEqual(self.dealer_1.dealer_grade_id, self.grade)

    def test_dismiss_without_reason_is_refused(self):
        proposal = self._proposal("warning", self.dealer_3)
        with self.assertRefused(UserError, "Give the reason for dismissing"):
            self._decide(proposal, "dismiss", " ")
        self.assertEqual(proposal.state, "proposed")

    def test_decided_proposal_cannot_be_decided_again(self):
        proposal = self._proposal("warning", self.dealer_3)
        self._decide(proposal, "dismiss", "No")
        with self.assertRaisesRegex(UserError, "already been decided: it is Dismissed"):
            self._decide(proposal, "apply")
