from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_management.tests.common_race import DealerRaceCase
from odoo.addons.dealer_management.tools.period import period_bounds

IP_HASH = "race-test-address"


@tagged("post_install", "-at_install")
class TestPortalRaces(DealerRaceCase):
    """The portal's "only one" rules, with two requests at the same moment (a double click, several tabs)."""

    @classmethod
    def _create_race_data(cls, env):
        dealer = cls._race_dealers(env, ["Race Portal Dealer"])
        contact = env["res.partner"].create({"name": "Race Portal Owner", "parent_id": dealer.id})
        user = new_test_user(env, "race_portal_owner", groups="base.group_portal", partner_id=contact.id)
        contact.dealer_portal_role = "owner"
        # a contract of this month and the next, one target each (none of them over)
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
        cls._unlink_committed(env["dealer.termination"].search([("partner_id", "=", ids["dealer"])]), "draft")
        env["dealer.target.acknowledgement"].search([("contract_id", "=", ids["contract"])]).unlink()
        cls._unlink_committed(env["dealer.contract"].browse(ids["contract"]), "draft")
        env["dealer.application.attempt"].search([("ip_hash", "=", IP_HASH)]).unlink()
        env["ir.config_parameter"].search([("key", "=", "dealer_portal.application_attempt_limit")]).unlink()
        env["res.users"].browse(ids["user"]).unlink()
        env["res.partner"].browse([ids["contact"], ids["dealer"]]).unlink()

    def test_two_exit_requests_at_once(self):
        """POST /my/dealer/exit sent twice at once: one request, the second finds it (issue 14, item 7)."""
        dealer_id = self.race_ids["dealer"]

        def request_exit(env):
            env["dealer.termination"]._dealer_portal_exit_request(
                env["res.partner"].browse(dealer_id), "We retire.", date.today() + timedelta(days=30),
            )

        outcome = self._race(request_exit, request_exit, uid=self.race_ids["user"])
        self.assertRaceRefused(outcome, UserError, "An exit of your dealership is already being processed")
        self.assertTrue(outcome["retried"])
        self.assertEqual(self._count("dealer.termination", [("partner_id", "=", dealer_id)]), 1)

    def test_two_submissions_of_one_address_at_the_limit(self):
        """With one submission left, two sent at once both pass the count: the database takes one only."""
        with self._committed_env() as env:
            env["ir.config_parameter"].set_param("dealer_portal.application_attempt_limit", "1")

        def submit(env):
            Application = env["dealer.application"]
            return not Application._dealer_portal_rate_limited(IP_HASH) and Application._dealer_portal_log_attempt(
                IP_HASH)

        outcome = self._race(submit, submit)
        self.assertTrue(outcome["waited"])
        self.assertIs(outcome.get("result"), False, "the second submission was counted as well")
        self.assertEqual(self._count("dealer.application.attempt", [("ip_hash", "=", IP_HASH)]), 1)

    def test_two_year_acknowledgements_at_once(self):
        """A year's targets acknowledged twice at the same moment (a double click): answered once (issue 15)."""
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
