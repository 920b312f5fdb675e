from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin

from .common import Q1, BusinessReviewCase

FORGED = "change only through its buttons and wizards"


class ClosedReviewCase(BusinessReviewCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.closed = cls._held_review()
        cls.closed.action_ids.action_done()
        cls.closed.action_close()
        cls.held = cls._held_review(dealer=cls.other_dealer)


@tagged("post_install", "-at_install")
class TestSecurityBusinessReview(ClosedReviewCase):
    """A salesperson (Dealer User) attacks the reviews directly through the ORM."""

    def setUp(self):
        super().setUp()
        self.Review = self.Review.with_user(self.salesman)

    def test_forged_state_on_create_and_write(self):
        with self.assertRefused(AccessError, FORGED):
            self.Review.create({"partner_id": self.dealer.id, "date_from": date(2025, 4, 1), "state": "done"})
        with self.assertRefused(AccessError, FORGED):
            self.Review.with_context(default_state="held").create(
                {"partner_id": self.dealer.id, "date_from": date(2025, 4, 1)})
        with self.assertRefused(AccessError, FORGED):
            self.held.with_user(self.salesman).write({"state": "done"})
        self.assertFalse(self.Review.search([("partner_id", "=", self.dealer.id), ("date_from", "!=", Q1)]))
        self.assertEqual(self.held.state, "held")

    def test_forged_figures(self):
        with self.assertRefused(AccessError, FORGED):
            self.held.with_user(self.salesman).write({"sales_amount": 999999.0})
        with self.assertRefused(AccessError, FORGED):
            self.Review.create({"partner_id": self.dealer.id, "date_from": date(2025, 4, 1),
                                "target_amount": 1.0})
        self.assertEqual(self.held.sales_amount, 0.0)

    def test_forged_action_state(self):
        action = self.held.action_ids.with_user(self.salesman)
        with self.assertRefused(AccessError, FORGED):
            action.write({"state": "done"})
        with self.assertRefused(AccessError, FORGED):
            action.with_context(default_state="done").create({
                "review_id": self.held.id, "name": "Ghost", "date_deadline": date(2025, 6, 1)})
        with self.assertRefused(AccessError, FORGED):
            self.held.with_user(self.salesman).write({"action_ids": [Command.create({
                "name": "Ghost", "date_deadline": date(2025, 6, 1), "state": "done"})]})
        self.assertEqual(self.held.action_ids.mapped("state"), ["open"])

    def test_salesperson_edits_a_closed_review(self):
        closed = self.closed.with_user(self.salesman)
        with self.assertRefused(UserError, "it can no longer be changed"):
            closed.write({"minutes": "<p>Nothing agreed</p>"})
        with self.assertRefused(UserError, "it can no longer be changed"):
            closed.write({"date": date(2025, 1, 2)})
        with self.assertRefused(UserError, "lines can no longer be added, changed or deleted"):
            closed.action_ids.write({"date_deadline": date(2030, 1, 1)})
        with self.assertRefused(UserError, "lines can no longer be added, changed or deleted"):
            closed.write({"action_ids": [Command.unlink(closed.action_ids.id)]})
        with self.assertRefused(AccessError, "not allowed to delete"):
            closed.unlink()
        self.assertRecordValues(self.closed, [{"state": "done", "date": date.today()}])
        self.assertIn("two sales advisers", self.closed.minutes)
        self.assertRecordValues(self.closed.action_ids, [{"date_deadline": date(2025, 5, 31), "state": "done"}])

    def test_only_a_manager_cancels(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager"):
            self.held.with_user(self.salesman).action_cancel()
        self.assertEqual(self.held.state, "held")
        with self.assertRefused(UserError, "cannot be cancelled: it is Closed"):
            self.closed.with_user(self.dealer_manager).action_cancel()
        self.assertEqual(self.closed.state, "done")

    def test_manager_cannot_delete_a_held_review(self):
        with self.assertRefused(UserError, "cancel it, do not delete it"):
            self.held.with_user(self.dealer_manager).unlink()
        self.assertTrue(self.held.exists())

    def test_user_outside_the_dealer_suite(self):
        with self.assertRefused(AccessError, "not allowed"):
            self.held.with_user(self.contact_creator).read(["sales_amount"])
        with self.assertRefused(AccessError, "not allowed"):
            self.env["dealer.business.review"].with_user(self.contact_creator).create(
                {"partner_id": self.dealer.id, "date_from": date(2025, 4, 1)})
        self.assertFalse(self.env["dealer.business.review"].search([("date_from", "=", date(2025, 4, 1))]))


@tagged("post_install", "-at_install")
class TestSecurityBusinessReviewRpc(CallKwMixin, ClosedReviewCase, HttpCase):
    """The same attacks through /web/dataset/call_kw, as a salesperson's browser sends them."""

    def _refused(self, exception, regex, model, method, args, kwargs=None, context=None):
        self.authenticate(self.salesman.login, self.salesman.login)
        _result, error = self._call_kw(model, method, args, kwargs, context)
        self.env.invalidate_all()
        self.assertTrue(error, "the call was accepted")
        self.assertEqual(error["name"], f"odoo.exceptions.{exception}")
        self.assertRegex(error["message"], regex)

    def test_rpc_edit_closed_review_actions(self):
        action = self.closed.action_ids
        self._refused("UserError", "lines can no longer", "dealer.business.review.action", "write",
                      [action.ids, {"name": "Hire nobody"}])
        self._refused("UserError", "lines can no longer", "dealer.business.review", "write",
                      [self.closed.ids, {"action_ids": [[0, 0, {"name": "Ghost", "date_deadline": "2025-06-01"}]]}])
        self._refused("UserError", "lines can no longer", "dealer.business.review.action", "action_reopen",
                      [action.ids])
        self.assertRecordValues(self.closed.action_ids, [{"name": "Hire two sales advisers", "state": "done"}])

    def test_rpc_forged_state(self):
        self._refused("AccessError", FORGED, "dealer.business.review", "write", [self.held.ids, {"state": "done"}])
        self._refused("AccessError", FORGED, "dealer.business.review.action", "write",
                      [self.held.action_ids.ids, {"state": "cancel"}])
        self._refused("AccessError", FORGED, "dealer.business.review", "create",
                      [{"partner_id": self.dealer.id, "date_from": "2025-04-01"}], context={"default_state": "done"})
        self.assertEqual(self.held.state, "held")
        self.assertEqual(self.held.action_ids.state, "open")
        self.assertFalse(self.env["dealer.business.review"].search([("date_from", "=", date(2025, 4, 1))]))
