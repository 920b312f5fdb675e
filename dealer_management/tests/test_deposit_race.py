from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_race import DealerRaceCase


@tagged("post_install", "-at_install")
class TestDealerDepositRace(DealerRaceCase):
    """Two Dealer Managers refunding one dealer's deposit at the same moment: it is paid back once."""

    @classmethod
    def _create_race_data(cls, env):
        company = env.company
        previous = company.dealer_deposit_account_id
        account = env["account.account"].create({
            "name": "Race deposits", "code": "224198", "account_type": "liability_current", "reconcile": True,
        })
        company.dealer_deposit_account_id = account
        grade = cls._race_grade(env, "RACE-DEP")
        dealer = cls._race_dealers(env, ["Race Deposit Dealer"], dealer_grade_id=grade.id)
        contract = env["dealer.contract"].create({
            "partner_id": dealer.id, "date_start": "2031-01-01", "date_end": "2031-12-31", "deposit_amount": 3000.0,
        })
        contract.action_receive_deposit()
        contract.action_activate()
        termination = env["dealer.termination"].create({"partner_id": dealer.id, "reason_code": "voluntary"})
        termination.action_confirm()
        return {"grade": grade.id, "dealer": dealer.id, "contract": contract.id, "termination": termination.id,
                "account": account.id, "previous_account": previous.id}

    @classmethod
    def _remove_race_data(cls, env, ids):
        payments = env["account.payment"].search([("partner_id", "=", ids["dealer"])])
        payments.action_draft()
        payments.unlink()
        moves = env["account.move"].search([("partner_id", "=", ids["dealer"])])
        moves.filtered(lambda move: move.state == "posted").button_draft()
        moves.unlink()
        env.company.dealer_deposit_account_id = ids["previous_account"] or False
        env["account.account"].browse(ids["account"]).unlink()
        cls._unlink_committed(env["dealer.termination"].browse(ids["termination"]), "draft")
        cls._unlink_committed(env["dealer.contract"].browse(ids["contract"]), "draft")
        env["res.partner"].browse(ids["dealer"]).unlink()
        env["dealer.grade"].browse(ids["grade"]).unlink()

    def test_two_refunds_of_one_deposit(self):
        termination_id = self.race_ids["termination"]
        outcome = self._race_calls("dealer.termination", termination_id, termination_id, "action_refund_deposit")
        self.assertRaceRefused(outcome, UserError, "has no deposit left to refund")
        self.assertTrue(outcome["retried"])
        refunds = [("partner_id", "=", self.race_ids["dealer"]), ("payment_type", "=", "outbound")]
        self.assertEqual(self._count("account.payment", refunds), 1)
        with self._committed_env() as env:
            contract = env["dealer.contract"].browse(self.race_ids["contract"])
            self.assertEqual((contract.deposit_state, contract.deposit_held_amount), ("refunded", 0.0))
