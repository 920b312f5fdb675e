"""Shared data of the consequence tests: an approved 2025 Q2 assessment, grades above and below the test grade."""
from datetime import date

from odoo import Command

from .common import AssessmentCase

Q2_DATE = date(2025, 4, 1)


class ConsequenceCase(AssessmentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Grade = cls.env["dealer.grade"]
        cls.grade.credit_limit = 10000.0
        # the grades of the company in their order (best first): the upgrade and downgrade targets of the test grade
        cls.gold = Grade.create({"name": "Gold", "code": "GOLD", "sequence": -100, "check_contract": False,
                                 "check_floor_price": False, "check_credit": False, "check_territory": False})
        grades = Grade.search([("company_id", "in", (False, cls.env.company.id))])
        position = list(grades).index(cls.grade)
        cls.higher_grade = grades[position - 1]
        cls.lower_grade = grades[position + 1] if position + 1 < len(grades) else Grade.create({
            "name": "Bronze", "code": "BRONZE", "sequence": 10000,
        })
        cls.approved = cls._approve(cls, Q2_DATE, {})

    def _approve(self, day, ratings):
        """An approved quarterly assessment of the test grade on ``day``, ratings forced to ``ratings``."""
        assessment = self.env["dealer.assessment"].create({
            "period_type": "quarter", "date": day, "scope": "grade", "grade_id": self.grade.id,
        })
        return self._compute_and_approve(assessment, ratings)

    @staticmethod
    def _compute_and_approve(assessment, ratings):
        """Compute, review and approve the draft ``assessment``, ratings forced to ``ratings``."""
        assessment.action_compute()
        for card in assessment.scorecard_ids:
            if card.partner_id in ratings:
                # test set-up: the rating as the computation would have written it
                card._dealer_trusted().write({"rating": ratings[card.partner_id]})
        assessment.action_review()
        assessment.action_approve()
        return assessment

    def _proposal(self, proposal_type, dealer, assessment=None, **vals):
        """A proposal as the approval creates it (test set-up through the trusted path)."""
        assessment = assessment or self.approved
        card = assessment.scorecard_ids.filtered(lambda s: s.partner_id == dealer)
        return self.env["dealer.assessment.proposal"]._dealer_trusted().create(dict({
            "assessment_id": assessment.id, "scorecard_id": card.id, "partner_id": dealer.id,
            "proposal_type": proposal_type, "reason": "Test reason",
        }, **vals)).with_env(self.env)

    def _decide(self, proposals, decision, reason=None, user=None):
        user = user or self.dealer_manager
        wizard = self.env["dealer.assessment.proposal.wizard"].with_user(user).with_context(
            active_model="dealer.assessment.proposal", active_ids=proposals.ids,
        ).create({"decision": decision, "reason": reason})
        return wizard.action_confirm()

    def _contract_targets(self, dealer, year_targets):
        """A contract over the given years with one yearly target per year ({year: amount})."""
        years = sorted(year_targets)
        contract = self.env["dealer.contract"].create({
            "partner_id": dealer.id, "date_start": date(years[0], 1, 1), "date_end": date(years[-1], 12, 31),
            "target_ids": [Command.create({
                "period_type": "year", "date_start": date(year, 1, 1), "date_end": date(year, 12, 31),
                "amount": amount,
            }) for year, amount in year_targets.items()],
        })
        contract.action_activate()
        return contract

