from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDealerFeedback(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, "fb_user", groups="dealer_management.group_dealer_user")
        Partner = cls.env["res.partner"]
        cls.dealer_a = Partner.create({
            "name": "Dealer A", "is_company": True, "is_dealer": True, "dealer_state": "active",
        })
        cls.dealer_b = Partner.create({
            "name": "Dealer B", "is_company": True, "is_dealer": True, "dealer_state": "active",
        })
        cls.portal_a = new_test_user(
            cls.env, "fb_portal_a", groups="base.group_portal",
            partner_id=Partner.create({"name": "Alice", "parent_id": cls.dealer_a.id}).id,
        )
        cls.portal_b = new_test_user(
            cls.env, "fb_portal_b", groups="base.group_portal",
            partner_id=Partner.create({"name": "Bob", "parent_id": cls.dealer_b.id}).id,
        )

    def _portal_feedback(self, user, **vals):
        return self.env["dealer.feedback"].with_user(user).create({
            "name": "Competitor cut prices", "feedback_type": "competitor_price",
            "description": "Brand X sells the P1 pump 10% cheaper.", "competitor_price": 90.0, **vals,
        })

    def test_portal_feedback_for_own_dealer(self):
        feedback = self._portal_feedback(self.portal_a)
        self.assertEqual(feedback.partner_id, self.dealer_a)
        self.assertEqual(feedback.user_id, self.portal_a)
        self.assertEqual(feedback.state, "new")
        self.assertEqual(feedback.access_url, f"/my/feedback/{feedback.id}")

    def test_portal_cannot_assign_or_answer(self):
        with self.assertRaisesRegex(AccessError, "assigned_user_id"):
            self._portal_feedback(self.portal_a, assigned_user_id=self.user.id)

    def test_portal_isolation(self):
        feedback_a = self._portal_feedback(self.portal_a)
        feedback_b = self._portal_feedback(self.portal_b)
        self.assertEqual(self.env["dealer.feedback"].with_user(self.portal_a).search([]), feedback_a)
        with self.assertRaises(AccessError):
            feedback_b.with_user(self.portal_a).read(["description"])
        with self.assertRaises(AccessError):
            feedback_a.with_user(self.portal_a).write({"state": "done"})

    def test_negative_price_refused(self):
        with self.assertRaises(ValidationError):
            self._portal_feedback(self.portal_a, competitor_price=-1)

    def test_triage_workflow(self):
        feedback = self._portal_feedback(self.portal_a).with_user(self.user)
        feedback.action_start()
        self.assertEqual(feedback.state, "in_progress")
        self.assertEqual(feedback.assigned_user_id, self.user)
        feedback.action_done()
        self.assertEqual(feedback.state, "done")
        with self.assertRaises(UserError):
            feedback.action_reject()
        feedback.action_reset()
        feedback.action_reject()
        self.assertEqual(feedback.state, "rejected")

    def test_kanban_shows_every_state(self):
        self._portal_feedback(self.portal_a)
        groups = self.env["dealer.feedback"].with_user(self.user).read_group([], ["state"], ["state"])
        self.assertEqual([group["state"] for group in groups], ["new", "in_progress", "done", "rejected"])
