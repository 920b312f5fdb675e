from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common_race import DealerRaceCase


@tagged("post_install", "-at_install")
class TestInspectionFindingsRace(DealerRaceCase):
    """A checked point is proposed once: two proposals of one inspection at the same moment (a double click, two
    inspectors) leave one finding per low point."""

    @classmethod
    def _create_race_data(cls, env):
        dealer = cls._race_dealers(env, ["Race Inspected Dealer"])
        inspection = env["dealer.service.inspection"].create({
            "dealer_id": dealer.id,
            "line_ids": [Command.create({"name": name, "score": score}) for name, score in
                         (("Showroom", 90.0), ("Handover", 50.0), ("Repair time", 30.0))],
        })
        return {"dealer": dealer.id, "inspection": inspection.id}

    @classmethod
    def _remove_race_data(cls, env, ids):
        env["dealer.service.inspection"].browse(ids["inspection"]).unlink()  # its lines and findings with it
        env["res.partner"].browse(ids["dealer"]).unlink()

    def test_two_proposals_at_once(self):
        inspection_id = self.race_ids["inspection"]
        outcome = self._race_calls("dealer.service.inspection", inspection_id, inspection_id,
                                   "action_propose_findings")
        # the second waited on the inspection the first proposed on, and was run again: it found both proposals
        self.assertIn("result", outcome, outcome.get("error"))
        self.assertTrue(outcome["waited"])
        self.assertTrue(outcome["retried"])
        self.assertEqual(self._count("dealer.service.finding", [("inspection_id", "=", inspection_id)]), 2)
