from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BusinessReviewCase


@tagged("post_install", "-at_install")
class TestBusinessReviewActions(BusinessReviewCase):

    def test_action_follow_up_buttons(self):
        review = self._held_review()
        action = review.action_ids
        self.assertEqual(action.user_id, self.salesman)
        self.assertEqual(action.owner, "dealer")
        action.action_done()
        self.assertEqual((action.state, action.date_done), ("done", date.today()))
        with self.assertRefused(UserError, "cannot be marked done: it is Done"):
            action.action_done()
        action.action_reopen()
        self.assertEqual((action.state, action.date_done), ("open", False))
        action.action_cancel()
        self.assertEqual(action.state, "cancel")

    def test_overdue_action_becomes_a_todo_once(self):
        review = self._held_review()
        review.write({"action_ids": [Command.create({
            "name": "Send the new price list", "date_deadline": date(2099, 1, 1), "owner": "company",
        })]})
        Action = self.env["dealer.business.review.action"]
        Action._cron_overdue_actions()
        activities = review.activity_ids
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.salesman)
        self.assertIn("Hire two sales advisers", activities.summary)
        self.assertEqual(review.action_ids.mapped("overdue_notified"), [True, False])
        Action._cron_overdue_actions()
        self.assertEqual(len(review.activity_ids), 1)

    def test_closed_review_actions_locked(self):
        review = self._held_review()
        review.action_ids.action_done()
        review.action_close()
        action = review.action_ids
        with self.assertRefused(UserError, "lines can no longer be added, changed or deleted"):
            action.write({"name": "Hire one sales adviser"})
        with self.assertRefused(UserError, "lines can no longer be added, changed or deleted"):
            review.write({"action_ids": [Command.create({"name": "Late idea", "date_deadline": date(2025, 9, 1)})]})
        with self.assertRefused(UserError, "lines can no longer be added, changed or deleted"):
            action.unlink()
        with self.assertRefused(UserError, "lines can no longer be added, changed or deleted"):
            action.action_reopen()
        with self.assertRefused(UserError, "it can no longer be changed"):
            review.write({"minutes": "<p>Rewritten</p>"})
        self.assertRecordValues(action, [{"name": "Hire two sales advisers", "state": "done"}])
        self.assertEqual(len(review.action_ids), 1)
        self.assertIn("two sales advisers", review.minutes)
        # the chatter stays open
        review.message_post(body="Filed")
