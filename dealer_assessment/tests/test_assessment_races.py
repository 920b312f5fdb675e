from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common_race import DealerRaceCase

REWARD = 1276.01


@tagged("post_install", "-at_install")
class TestAssessmentRaces(DealerRaceCase):
    """One assessment per period and scope, one reward per dealer and period: also for two requests at once."""

    @classmethod
    def _create_race_data(cls, env):
        grade = cls._race_grade(env, "RACE-A")
        dealer = cls._race_dealers(env, ["Race Assessed Dealer"], dealer_grade_id=grade.id)
        contract = env["dealer.contract"].create({
            "partner_id": dealer.id, "date_start": date(2019, 1, 1), "date_end": date(2019, 12, 31),
        })
        contract.action_activate()
        # two assessments of 2019 Q1 whose scopes both hold the dealer, each proposing its reward
        assessments = env["dealer.assessment"].create([
            {"period_type": "quarter", "date": date(2019, 1, 1), "scope": "all"},
            {"period_type": "quarter", "date": date(2019, 1, 1), "scope": "grade", "grade_id": grade.id},
        ])
        proposals = env["dealer.assessment.proposal"]._dealer_trusted().create([{
            "assessment_id": assessment.id, "partner_id": dealer.id, "proposal_type": "reward", "amount": REWARD,
            "reason": "Rated A",
        } for assessment in assessments])
        return {
            "grade": grade.id, "dealer": dealer.id, "contract": contract.id, "assessments": assessments.ids,
            "proposals": proposals.ids,
        }

    @classmethod
    def _remove_race_data(cls, env, ids):
        assessments = env["dealer.assessment"].search([("date_from", ">=", date(2019, 1, 1)),
                                                       ("date_from", "<=", date(2019, 12, 31))])
        env["dealer.assessment.proposal"].search([("assessment_id", "in", assessments.ids)]).unlink()
        cls._unlink_committed(assessments, "draft")
        cls._unlink_committed(env["dealer.rebate"].search([("partner_id", "=", ids["dealer"])]), "draft")
        cls._unlink_committed(env["dealer.contract"].browse(ids["contract"]), "draft")
        env["res.partner"].browse(ids["dealer"]).unlink()
        env["dealer.grade"].browse(ids["grade"]).unlink()

    def test_two_assessments_of_one_quarter(self):
        def assess(env):
            env["dealer.assessment"].create({"period_type": "quarter", "date": date(2019, 7, 1), "scope": "all"})

        outcome = self._race(assess, assess)
        self.assertRaceRefused(outcome, ValidationError, "An assessment of these dealers for this period")
        quarter = [("period_type", "=", "quarter"), ("date_from", "=", date(2019, 7, 1))]
        self.assertEqual(self._count("dealer.assessment", quarter), 1)

    def test_two_rewards_of_one_dealer_and_quarter(self):
        """The Dealer Manager applies the reward of each assessment at the same moment: the dealer is rewarded once."""
        first_id, second_id = self.race_ids["proposals"]

        outcome = self._race_calls("dealer.assessment.proposal", first_id, second_id, "_apply", "Approved")
        self.assertRaceRefused(outcome, ValidationError, "already applied to the dealer for this period")
        dealer = [("rebate_id.partner_id", "=", self.race_ids["dealer"])]
        self.assertEqual(self._count("dealer.rebate.line", dealer), 1)
        self.assertEqual(self._count("dealer.rebate", [("partner_id", "=", self.race_ids["dealer"])]), 1)
        with self._committed_env() as env:
            rebate = env["dealer.rebate"].search([("partner_id", "=", self.race_ids["dealer"])])
            self.assertEqual(rebate.adjustment_amount, REWARD)
            self.assertEqual(env["dealer.assessment.proposal"].browse(second_id).state, "proposed")
