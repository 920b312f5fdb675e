from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_management.tests.common_race import DealerRaceCase

IP_HASH = "race-test-address"


@tagged("post_install", "-at_install")
class TestPortalRaces(DealerRaceCase):
    """The portal's "only one" rules, with two requests at the same moment (a double click, several tabs)."""

    @classmethod
    def _create_race_data(cls, env):
        dealer = cls._race_dealers(env, ["Race Portal Dealer"])
        contact = env["res.partner"].create({"name": "Race Portal Owner", "parent_id": dealer.id})
        user = new_test_user(env, "race_portal_owner", groups="base.group_portal", partner_id=contact.id)
        return {"dealer": dealer.id, "contact": contact.id, "user": user.id}

    @classmethod
    def _remove_race_data(cls, env, ids):
        cls._unlink_committed(env["dealer.termination"].search([("partner_id", "=", ids["dealer"])]), "draft")
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
