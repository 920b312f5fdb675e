from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


class DealerSatisfactionCommon(DealerTestCommon):
    """Q2 2025: dealer A answered twice (80 % and 60 %) and left one answer unfinished; B answered after Q2."""

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("dealer_satisfaction.survey_dealer_satisfaction")
        cls.questions = cls.survey.question_ids
        cls.grade_plain = cls.grade_regular
        cls.dealer_a = cls._create_dealer(
            "Satisfaction Dealer A", state="active", grade=cls.grade_core, email="owner.a@example.com",
        )
        cls.dealer_b = cls._create_dealer(
            "Satisfaction Dealer B", state="active", grade=cls.grade_plain, email="owner.b@example.com",
        )
        cls.dealer_suspended = cls._create_dealer(
            "Satisfaction Dealer S", state="suspended", grade=cls.grade_core, email="owner.s@example.com",
        )
        cls.person_a1 = cls.Partner.create({
            "name": "A1 Owner", "parent_id": cls.dealer_a.id, "email": "a1@example.com",
        })
        cls.dealers = cls.dealer_a | cls.dealer_b
        # Q2 2025: A answered twice (16/20 = 80 %, 12/20 = 60 %) and left one unfinished (100 %);
        # B answered once, but after the period
        cls._answer(cls.person_a1, [4, 4, 4, 4], datetime(2025, 4, 10, 10))
        cls._answer(cls.dealer_a, [3, 3, 3, 3], datetime(2025, 6, 30, 23))
        cls._answer(cls.dealer_a, [5, 5, 5, 5], None)
        cls._answer(cls.dealer_b, [5, 4, 5, 4], datetime(2025, 7, 1, 8))
        cls.date_from, cls.date_to = date(2025, 4, 1), date(2025, 6, 30)

    @classmethod
    def _answer(cls, partner, scores, done_at):
        """Answer every question with the choice worth `scores[i]` points; complete it at `done_at`."""
        user_input = cls.survey._create_answer(partner=partner, check_attempts=False)
        for question, score in zip(cls.questions, scores, strict=True):
            choice = question.suggested_answer_ids.filtered(lambda answer, score=score: answer.answer_score == score)
            cls.env["survey.user_input.line"].create({
                "user_input_id": user_input.id, "question_id": question.id,
                "answer_type": "suggestion", "suggested_answer_id": choice.id,
            })
        if done_at:
            user_input._mark_done()
            user_input.end_datetime = done_at
        else:
            user_input._mark_in_progress()
        return user_input


@tagged("post_install", "-at_install")
class TestDealerSatisfaction(DealerSatisfactionCommon):
    """Dealer satisfaction surveys: scores per dealer and period, sending to dealers."""

    def test_survey_is_scored_per_answer(self):
        self.assertTrue(self.survey.is_dealer_satisfaction)
        self.assertEqual(len(self.questions), 4)
        answers = self.survey.user_input_ids.filtered(lambda answer: answer.partner_id == self.person_a1)
        self.assertEqual(answers.dealer_partner_id, self.dealer_a)
        self.assertEqual(answers.scoring_percentage, 80.0)

    def test_satisfaction_per_dealer(self):
        satisfaction = self.env["survey.survey"]._dealer_satisfaction(self.dealers, self.date_from, self.date_to)
        # A: (80 + 60) / 2, the unfinished answer ignored; B: its only answer is after the period
        self.assertEqual(satisfaction, {self.dealer_a.id: 70.0})
        satisfaction_q3 = self.env["survey.survey"]._dealer_satisfaction(
            self.dealers, date(2025, 7, 1), date(2025, 9, 30))
        self.assertEqual(satisfaction_q3, {self.dealer_b.id: 90.0})

    def test_dealer_user_reads_satisfaction(self):
        user = self.dealer_user
        satisfaction = self.env["survey.survey"].with_user(user)._dealer_satisfaction(
            self.dealer_a, self.date_from, self.date_to)
        self.assertEqual(satisfaction, {self.dealer_a.id: 70.0})

    def test_send_to_dealer_owners(self):
        before = self.survey.user_input_ids
        self.survey.action_send_dealer_survey(grades=self.grade_core)
        new_answers = self.survey.user_input_ids - before
        # only the active dealers of the grade; the suspended one is skipped
        self.assertEqual(new_answers.partner_id, self.dealer_a)
        self.assertEqual(new_answers.dealer_partner_id, self.dealer_a)
        self.assertEqual(new_answers.state, "new")
        mails = self.env["mail.mail"].search([("recipient_ids", "in", self.dealer_a.ids)])
        self.assertTrue(mails, "the invitation is mailed to the dealer")

    def test_send_refused_for_other_surveys(self):
        other = self.env["survey.survey"].create({"title": "Not a dealer survey"})
        with self.assertRaises(UserError):
            other.action_send_dealer_survey()

    def test_customer_survey_counts_for_chosen_dealer(self):
        survey = self.survey.copy({
            "title": "Customers rate their dealer", "dealer_satisfaction_kind": "customer",
        })
        customer = self.env["res.partner"].create({"name": "End customer", "email": "customer@example.com"})
        survey._dealer_send_customer_survey(self.dealer_b, customer)
        self.assertEqual(survey.user_input_ids.partner_id, customer)
        self.assertEqual(survey.user_input_ids.dealer_partner_id, self.dealer_b)
