from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_management.models.dealer_period import period_bounds
from odoo.addons.dealer_management.tests.common_race import DealerRaceCase


@tagged("post_install", "-at_install")
class TestPortalTargetsRace(DealerRaceCase):
    """A year's targets acknowledged twice at the same moment (a double click): answered once (issue 15)."""

    @classmethod
    def _create_race_data(cls, env):
        dealer = cls._race_dealers(env, ["Race Targets Dealer"])
        contact = env["res.partner"].create({"name": "Race Targets Owner", "parent_id": dealer.id})
        user = new_test_user(env, "race_targets_owner", groups="base.group_portal", partner_id=contact.id)
        contact.dealer_portal_role = "owner"
        start = period_bounds(fields.Date.today(), "month")[0]
        months = [period_bounds(start, "month"), period_bounds(start + timedelta(days=32), "month")]
        contract = env["dealer.contract"].create({
            "partner_id": dealer.id, "date_start": months[0][0], "date_end": months[-1][1],
            "target_ids": [Command.create({"period_type": "month", "date_start": m_start, "date_end": m_end,
                                           "amount": 1000.0}) for m_start, m_end in months],
        })
        contract.action_activate()
        return {"dealer": dealer.id, "contact": contact.id, "user": user.id, "contract": contract.id,
                "year": start.year}

    @classmethod
    def _remove_race_data(cls, env, ids):
        contract = env["dealer.contract"].browse(ids["contract"])
        env["dealer.target.acknowledgement"].search([("contract_id", "=", contract.id)]).unlink()
        cls._unlink_committed(contract, "draft")
        env["res.users"].browse(ids["user"]).unlink()
        env["res.partner"].browse([ids["contact"], ids["dealer"]]).unlink()

    def test_two_year_acknowledgements_at_once(self):
        contract_id, year = self.race_ids["contract"], self.race_ids["year"]

        def acknowledge(env):
            return env["dealer.target.acknowledgement"]._dealer_portal_acknowledge_year(
                env["dealer.contract"].browse(contract_id), year,
            ).ids

        outcome = self._race(acknowledge, acknowledge, uid=self.race_ids["user"])
        self.assertTrue(outcome["waited"], "the second click did not wait for the first")
        self.assertTrue(outcome["retried"], "the second click was not run again on a fresh snapshot")
        self.assertEqual(outcome.get("result"), [], "the second click answered the targets again")
        with self._committed_env() as env:
            contract = env["dealer.contract"].browse(contract_id)
            expected = contract.target_ids.filtered(lambda target: target.date_start.year == year)
            answers = env["dealer.target.acknowledgement"].search([("contract_id", "=", contract_id)])
            self.assertEqual(answers.target_id, expected)
            self.assertEqual(len(answers), len(expected))
            self.assertEqual(len(contract.activity_ids), 1)
