from datetime import date

from odoo.tests import tagged
from odoo.tools import format_date

from .common_consequences import ConsequenceCase


@tagged("post_install", "-at_install")
class TestCommendationLetter(ConsequenceCase):
    """The commendation letter and the dealer's draft rebate tell the same story, as in the demo: the quarter's
    rebates are computed for every contract (the generate wizard) before the assessment's rewards are decided."""

    def test_letter_states_the_reward_added_to_the_computed_draft_rebate(self):
        Wizard = self.env["dealer.rebate.generate.wizard"].with_user(self.dealer_manager)
        Wizard.create({"date_from": date(2025, 4, 1), "date_to": date(2025, 6, 30)}).action_generate()
        rebate = self.env["dealer.rebate"].search([
            ("partner_id", "=", self.dealer_1.id), ("date_from", "=", date(2025, 4, 1))])
        figures = (rebate.net_sales, rebate.rebate_amount)
        self.assertTrue(rebate.computed_on and rebate.net_sales > 0, "the quarter's rebate is computed")
        proposal = self._proposal("reward", self.dealer_1, amount=1300.0)
        self._decide(proposal, "apply")
        # the reward lands on that computed draft rebate, whose own figures stay as computed
        self.assertEqual(proposal.rebate_id, rebate)
        self.assertEqual((rebate.state, rebate.net_sales, rebate.rebate_amount), ("draft", *figures))
        self.assertEqual(proposal.rebate_line_id.amount, 1300.0)
        self.assertEqual(rebate.total_amount, rebate.rebate_amount + 1300.0)
        # the letter states that reward, the assessment and the rebate's period
        letter = self.dealer_1.message_ids.filtered(lambda m: (m.subject or "").startswith("Commendation"))
        self.assertEqual(len(letter), 1)
        for stated in ("1,300.00", self.approved.name, format_date(self.env, rebate.date_from),
                       format_date(self.env, rebate.date_to)):
            self.assertIn(stated, letter.body)
