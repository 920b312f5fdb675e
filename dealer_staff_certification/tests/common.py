from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import Command

from odoo.addons.dealer_management.tests.common import DealerTestCommon


class DealerStaffCertificationCommon(DealerTestCommon):
    """A one-question certification survey (pass: the right answer), the Sales Adviser position requiring it
    for 12 months, and helpers to pass or fail it."""

    run_as_superuser = True  # the set-up acts as the administrator entering the configuration

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.certification = cls._create_certification_survey("Current Models Certification")
        cls.position_sales = cls.env.ref("dealer_staff_certification.position_sales_adviser")
        cls.requirement = cls.env["dealer.staff.requirement"].create({
            "position_id": cls.position_sales.id, "survey_id": cls.certification.id, "validity_months": 12,
        })

    @classmethod
    def _create_certification_survey(cls, title):
        """A certification survey of one question; the right answer scores 10 of 10 (pass at 50 %)."""
        return cls.env["survey.survey"].create({
            "title": title,
            "scoring_type": "scoring_with_answers",
            "certification": True,
            "scoring_success_min": 50.0,
            "question_and_page_ids": [Command.create({
                "title": "Which model has the longest range?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [
                    Command.create({"value": "Model L", "is_correct": True, "answer_score": 10}),
                    Command.create({"value": "Model S", "answer_score": 0}),
                ],
            })],
        })

    @classmethod
    def _take_certification(cls, partner, done_on, passed=True, survey=None, **vals):
        """`partner` finishes `survey` (the certification by default) on the date `done_on`."""
        survey = survey or cls.certification
        user_input = survey._create_answer(partner=partner, check_attempts=False, **vals)
        question = survey.question_ids
        answer = question.suggested_answer_ids.filtered(lambda a: a.is_correct == passed)
        cls.env["survey.user_input.line"].create({
            "user_input_id": user_input.id, "question_id": question.id,
            "answer_type": "suggestion", "suggested_answer_id": answer.id,
        })
        user_input._mark_done()
        user_input.end_datetime = datetime.combine(done_on, time(10))
        return user_input

    @classmethod
    def _months_ago(cls, months, days=0):
        return cls.today - relativedelta(months=months, days=days)
