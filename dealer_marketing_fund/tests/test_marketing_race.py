from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common_race import DealerRaceCase

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


@tagged("post_install", "-at_install")
class TestMarketingRaces(DealerRaceCase):
    """Two approvals racing for the last budget, two settlements of one application: the second transaction waits
    for the first and is refused; the fund is never overspent, the support paid once."""

    @classmethod
    def _create_race_data(cls, env):
        today = date.today()
        grade = cls._race_grade(env, "RACE-MKT")
        dealer = cls._race_dealers(env, ["Race Marketing Dealer"], dealer_grade_id=grade.id)
        contract = env["dealer.contract"].create({
            "partner_id": dealer.id, "date_start": today - timedelta(days=30), "date_end": today + timedelta(days=335),
            "promo_budget": 1000.0,
        })
        contract.action_activate()
        Application = env["dealer.marketing.application"]
        activity = env.ref("dealer_marketing_fund.activity_type_store_event")
        applications = Application.create([{
            "partner_id": dealer.id, "marketing_type_id": activity.id, "date_planned": today + timedelta(days=5),
            "amount_requested": 800.0,
        } for _index in range(3)])
        applications.action_submit()
        verified = applications[2]
        verified.action_approve(100.0)
        verified.proof_attachment_ids = env["ir.attachment"].create({
            "name": "proof.png", "raw": PNG, "res_model": verified._name, "res_id": verified.id,
        })
        verified.action_submit_proof()
        verified.action_verify()
        return {"grade": grade.id, "dealer": dealer.id, "contract": contract.id, "applications": applications.ids}

    @classmethod
    def _remove_race_data(cls, env, ids):
        applications = env["dealer.marketing.application"].browse(ids["applications"])
        moves = applications.move_id
        moves.button_draft()
        moves.unlink()
        cls._unlink_committed(applications, "draft")
        env["dealer.marketing.fund"].search([("partner_id", "=", ids["dealer"])]).unlink()
        cls._unlink_committed(env["dealer.contract"].browse(ids["contract"]), "draft")
        env["res.partner"].browse(ids["dealer"]).unlink()
        env["dealer.grade"].browse(ids["grade"]).unlink()

    def test_two_approvals_racing_for_the_last_budget(self):
        first_id, second_id = self.race_ids["applications"][:2]
        outcome = self._race_calls("dealer.marketing.application", first_id, second_id, "action_approve")
        self.assertRaceRefused(outcome, UserError, "has .*100.00.* left")
        self.assertEqual(self._count("dealer.marketing.application",
                                     [("id", "in", [first_id, second_id]), ("state", "=", "approved")]), 1)

    def test_two_settlements_of_one_application(self):
        application_id = self.race_ids["applications"][2]
        outcome = self._race_calls("dealer.marketing.application", application_id, application_id, "action_settle")
        self.assertRaceRefused(outcome, UserError, "cannot be settled: it is Settled")
        self.assertEqual(self._count("account.move", [("invoice_origin", "=", self._name_of(application_id))]), 1)

    def _name_of(self, application_id):
        with self._committed_env() as env:
            return env["dealer.marketing.application"].browse(application_id).name
