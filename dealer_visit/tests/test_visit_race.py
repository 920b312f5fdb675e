from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common_race import DealerRaceCase


@tagged("post_install", "-at_install")
class TestVisitPlanRace(DealerRaceCase):
    """One planned visit per dealer is the database's rule: two runs of the planning job at the same moment (two
    cron workers, a manual run) do not plan a dealer's visit twice."""

    @classmethod
    def _create_race_data(cls, env):
        grade = cls._race_grade(env, "RACE-VISIT", visit_interval=1)
        dealers = cls._race_dealers(env, ["Race Visited Dealer 1", "Race Visited Dealer 2"],
                                    dealer_grade_id=grade.id)
        return {"grade": grade.id, "dealers": dealers.ids, "visits": []}

    @classmethod
    def _remove_race_data(cls, env, ids):
        # the race's visits, and those the first run planned for the other dealers of the database
        visits = env["dealer.visit"].search([("dealer_id", "in", ids["dealers"])]) | env["dealer.visit"].browse(
            ids["visits"]).exists()
        visits.calendar_event_id.unlink()
        visits.unlink()
        env["res.partner"].browse(ids["dealers"]).unlink()
        env["dealer.grade"].browse(ids["grade"]).unlink()

    def _plan(self, env):
        visits = env["dealer.visit"]._cron_plan_visits()
        self.race_ids["visits"] += visits.ids
        return visits.ids

    def test_two_planning_runs_at_once(self):
        outcome = self._race(self._plan, self._plan)
        self.assertRaceRefused(outcome, ValidationError, "already has a planned visit")
        for dealer_id in self.race_ids["dealers"]:
            self.assertEqual(self._count("dealer.visit", [("dealer_id", "=", dealer_id), ("state", "=", "planned")]),
                             1)
