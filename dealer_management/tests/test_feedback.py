from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerFeedback(DealerTestCommon):
    """Back-office side of market feedback; filing from the portal: dealer_portal/tests."""

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.dealer_user
        cls.dealer_a = cls._create_dealer("Dealer A", state="active")
        cls.contact_a = cls.Partner.create({"name": "Alice", "parent_id": cls.dealer_a.id})

    def _feedback(self, **vals):
        return self.env["dealer.feedback"].with_user(self.user).create({
            "name": "Competitor cut prices", "feedback_type": "competitor_price", "partner_id": self.dealer_a.id,
            "description": "Brand X sells the P1 pump 10% cheaper.", "competitor_price": 90.0, **vals,
        })

    def test_feedback_belongs_to_the_dealer(self):
        feedback = self._feedback(partner_id=self.contact_a.id)
        self.assertEqual(feedback.partner_id, self.dealer_a, "filed for the dealer, not its contact")
        self.assertEqual(feedback.user_id, self.user)
        self.assertEqual(feedback.state, "new")

    def test_negative_price_refused(self):
        with self.assertRaises(ValidationError):
            self._feedback(competitor_price=-1)

    def test_state_written_only_through_actions(self):
        feedback = self._feedback()
        with self.assertRaisesRegex(AccessError, "change only through its buttons and wizards"):
            feedback.write({"state": "done"})
        with self.assertRaisesRegex(AccessError, "change only through its buttons and wizards"):
            self._feedback(state="done")
        self.assertEqual(feedback.state, "new")

    def test_triage_workflow(self):
        feedback = self._feedback()
        feedback.action_start()
        self.assertEqual(feedback.state, "in_progress")
        self.assertEqual(feedback.assigned_user_id, self.user)
        feedback.action_done()
        self.assertEqual(feedback.state, "done")
        with self.assertRaisesRegex(UserError, "cannot be rejected: it is Done"):
            feedback.action_reject()
        feedback.action_reset()
        feedback.action_reject()
        self.assertEqual(feedback.state, "rejected")

    def test_kanban_shows_every_state(self):
        self._feedback()
        groups = self.env["dealer.feedback"].with_user(self.user).read_group([], ["state"], ["state"])
        self.assertEqual([group["state"] for group in groups], ["new", "in_progress", "done", "rejected"])
