from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestAssessment(AssessmentCase):
    """Template validation, scorecards, ranking, rating, recompute, workflow, locking and reopening.

    Template: target achievement 50, growth 20, violation points 20, overdue share 10. In 2025 Q2:
    dealer 1: achievement 65 % → 30 pts, growth 30 % → 100, violations 0 → 100, overdue 0 % → 100:
              (15 + 20 + 20 + 10) / 100 = 65.0 → C;
    dealer 2: 150 % → 100, growth n/a, 0 → 100, 66.67 % → 0: (50 + 20 + 0) / 80 weights = 87.5 → A;
    dealer 3: 0 % → 0, growth n/a, 0 → 100, 0 % → 100: (0 + 20 + 10) / 80 = 37.5 → D.
    """

    def _computed(self, **vals):
        assessment = self._assessment(**vals)
        assessment.action_compute()
        return assessment

    def _card(self, assessment, dealer):
        return assessment.scorecard_ids.filtered(lambda s: s.partner_id == dealer)

    # ------------------------------------------------------------------ template
    def test_weights_must_total_100(self):
        with self.assertRaisesRegex(ValidationError, "add up to 90.0; they must add up to 100"):
            self.env["dealer.assessment.template"].create({
                "name": "Short", "line_ids": [Command.create({"kpi_id": self.kpi("net_sales").id, "weight": 90})],
            })
        with self.assertRaisesRegex(ValidationError, "add up to 110.0"):
            self.template.line_ids[0].weight = 60.0
        # a form saving two weights at once is checked on the final total only
        first, second = self.template.line_ids[:2]
        self.template.write({"line_ids": [Command.update(first.id, {"weight": 40.0}),
                                          Command.update(second.id, {"weight": 30.0})]})
        self.assertEqual(self.template.total_weight, 100.0)
        with self.assertRaisesRegex(ValidationError, "add up to 60.0"):
            self.template.line_ids[0].unlink()

    def test_rating_bands_configurable_and_ordered(self):
        self.assertEqual([self.template._rating(t) for t in (85.0, 84.9, 70.0, 60.0, 59.9)], ["A", "B", "B", "C", "D"])
        self.template.rating_c_min = 30.0
        self.assertEqual(self.template._rating(37.5), "C")
        with self.assertRaisesRegex(ValidationError, "must go down from A to C"):
            self.template.rating_b_min = 90.0

    # ------------------------------------------------------------------ compute
    def test_scorecards_totals_and_ratings(self):
        assessment = self._computed()
        self.assertEqual(assessment.date_from, date(2025, 4, 1))
        self.assertEqual(assessment.date_to, date(2025, 6, 30))
        expected = {self.dealer_1: (65.0, "C"), self.dealer_2: (87.5, "A"), self.dealer_3: (37.5, "D")}
        self.assertEqual(len(assessment.scorecard_ids), 3)
        for dealer, (total, rating) in expected.items():
            card = self._card(assessment, dealer)
            self.assertEqual((card.total, card.rating), (total, rating), dealer.name)
            self.assertEqual(len(card.line_ids), 4)
        achievement = self.kpi("target_achievement")
        line = self._card(assessment, self.dealer_1).line_ids.filtered(lambda row: row.kpi_id == achievement)
        self.assertEqual((line.raw_value, line.points, line.weight, line.weighted_points), (65.0, 30.0, 50.0, 15.0))
        growth_kpi = self.kpi("sales_growth")
        growth = self._card(assessment, self.dealer_2).line_ids.filtered(lambda row: row.kpi_id == growth_kpi)
        self.assertFalse(growth.applicable, "no sales last year: growth not applicable, its weight left out")

    def test_rank_overall_and_within_territory(self):
        assessment = self._computed()
        ranks = {card.partner_id: (card.rank, card.territory_rank) for card in assessment.scorecard_ids}
        self.assertEqual(ranks, {self.dealer_2: (1, 1), self.dealer_1: (2, 2), self.dealer_3: (3, 1)})
        self.assertEqual(self._card(assessment, self.dealer_3).territory_id, self.jiangsu)

    def test_scope_territory_includes_children(self):
        assessment = self._computed(scope="territory", territory_id=self.east.id, grade_id=False)
        self.assertEqual(assessment.scorecard_ids.partner_id, self.dealers)
        assessment = self._computed(scope="territory", territory_id=self.jiangsu.id, grade_id=False)
        self.assertEqual(assessment.scorecard_ids.partner_id, self.dealer_3)

    def test_dealer_admitted_after_the_period_is_not_assessed(self):
        """Dealer 3 admitted on July 1st, 2025: not in 2025 Q2 (it would rank first on its few KPIs), in Q3."""
        self.dealer_3._dealer_trusted().write({"dealer_since": date(2025, 7, 1)})
        self.assertEqual(self._computed().scorecard_ids.partner_id, self.dealer_1 | self.dealer_2)
        q3 = self._computed(date=date(2025, 7, 1))
        self.assertEqual(q3.scorecard_ids.partner_id, self.dealers)

    def test_recompute_replaces_scorecards_only(self):
        assessment = self._computed()
        first = assessment.scorecard_ids
        violation = self.env["dealer.violation"].create({
            "partner_id": self.dealer_2.id, "violation_type": "price", "date": "2025-05-02", "points": 4.0,
        })
        violation.action_confirm()
        assessment.action_compute()
        self.assertFalse(first.exists(), "the old scorecards are replaced")
        self.assertEqual(len(assessment.scorecard_ids), 3)
        # dealer 2: violations 4 → 40 points: (50 + 8 + 0) / 80 = 72.5 → B
        card = self._card(assessment, self.dealer_2)
        self.assertEqual((card.total, card.rating), (72.5, "B"))
        self.assertEqual(violation.state, "confirmed")
        self.assertEqual(assessment.state, "draft")

    def test_change_against_previous_approved_period(self):
        previous = self._computed(date=date(2025, 1, 15))
        self.assertFalse(self._card(previous, self.dealer_1).has_previous)
        previous.action_review()
        previous.action_approve()
        current = self._computed()
        card = self._card(current, self.dealer_1)
        previous_card = self._card(previous, self.dealer_1)
        self.assertTrue(card.has_previous)
        self.assertEqual(card.previous_total, previous_card.total)
        self.assertAlmostEqual(card.total_change, card.total - previous_card.total)

    def test_no_template_for_grade(self):
        self.template.grade_id = self.env["dealer.grade"].create({"name": "Other", "code": "OTHER_A"})
        self.env.ref("dealer_assessment.template_default").active = False
        with self.assertRaisesRegex(UserError, "No assessment template applies to dealer"):
            self._computed()

    # ------------------------------------------------------------------ workflow
    def test_review_approve_lock_and_reopen(self):
        assessment = self._computed()
        assessment.action_review()
        with self.assertRaisesRegex(UserError, "cannot be computed: it is Reviewed"):
            assessment.action_compute()
        assessment.action_approve()
        self.assertEqual(set(assessment.scorecard_ids.mapped("assessment_state")), {"approved"})
        with self.assertRaisesRegex(UserError, "is Approved: its period and dealers can no longer be changed"):
            assessment.date = date(2025, 7, 1)
        wizard = self.env["dealer.assessment.reopen.wizard"].with_user(self.dealer_manager).create({
            "assessment_id": assessment.id, "reason": "Late credit note",
        })
        wizard.action_reopen()
        self.assertEqual(assessment.state, "draft")
        self.assertIn("Late credit note", assessment.message_ids[0].body)
        assessment.action_compute()
        self.assertEqual(len(assessment.scorecard_ids), 3)

    def test_review_needs_scorecards(self):
        with self.assertRaisesRegex(UserError, "has no scorecard: compute it first"):
            self._assessment().action_review()

    def test_approved_assessment_cannot_be_deleted(self):
        assessment = self._computed()
        assessment.action_review()
        assessment.action_approve()
        with self.assertRaisesRegex(UserError, "cannot be deleted: it is Approved"):
            assessment.unlink()

    def test_cron_creates_draft_once(self):
        self.template.auto_create = True
        Assessment = self.env["dealer.assessment"]
        Assessment._cron_create_period_assessments()
        created = Assessment.search([("template_id", "=", self.template.id)])
        self.assertEqual(len(created), 1)
        self.assertEqual((created.state, created.scope, created.grade_id), ("draft", "grade", self.grade))
        Assessment._cron_create_period_assessments()
        self.assertEqual(Assessment.search_count([("template_id", "=", self.template.id)]), 1)
