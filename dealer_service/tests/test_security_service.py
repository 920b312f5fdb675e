"""Attacks on warranty claims, each performed as the attacking user."""
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin

from .common import ServiceTestCommon


@tagged("post_install", "-at_install")
class TestSecurityWarrantyClaim(ServiceTestCommon):

    def setUp(self):
        super().setUp()
        self.claim = self._claim()
        self.claim.action_dealer_claim_submit()

    def _credit_notes(self):
        return self.env["account.move"].search_count([("move_type", "=", "out_refund"),
                                                      ("partner_id", "=", self.dealer_a.id)])

    def test_dealer_user_approving_claim(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager may approve"):
            self.claim.with_user(self.dealer_user).action_dealer_claim_approve()
        self.assertEqual(self.claim.dealer_claim_state, "submitted")
        self.assertFalse(self.claim.dealer_claim_approved_amount)

    def test_dealer_user_rejecting_claim(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager may reject"):
            self.claim.with_user(self.dealer_user).action_dealer_claim_reject("no")
        with self.assertRefused(AccessError, ""):
            self.env["dealer.claim.reject.wizard"].with_user(self.dealer_user).create(
                {"repair_ids": self.claim.ids, "reason": "no"})
        self.assertEqual(self.claim.dealer_claim_state, "submitted")

    def test_dealer_user_writing_claim_state(self):
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.claim.with_user(self.dealer_user).write({"dealer_claim_state": "approved"})
        self.assertEqual(self.claim.dealer_claim_state, "submitted")

    def test_manager_writing_claim_state_and_amount(self):
        """Not even a Dealer Manager skips the buttons: the approved amount is the claim's when approved."""
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.claim.with_user(self.dealer_manager).write(
                {"dealer_claim_state": "approved", "dealer_claim_approved_amount": 99999.0})
        self.assertEqual(self.claim.dealer_claim_state, "submitted")
        self.assertFalse(self.claim.dealer_claim_approved_amount)

    def test_default_claim_state_key(self):
        """A `default_dealer_claim_state` context key is a write of the protected field."""
        before = self.Repair.search_count([])
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.Repair.with_user(self.dealer_user).with_context(default_dealer_claim_state="approved").create({
                "dealer_claim": True, "dealer_id": self.dealer_a.id, "product_id": self.vehicle.id,
                "lot_id": self.lot_sold.id,
            })
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.Repair.with_user(self.dealer_user).with_context(default_dealer_claim_credit_note_id=1).create({
                "product_id": self.vehicle.id,
            })
        self.assertEqual(self.Repair.search_count([]), before)

    def test_settling_twice(self):
        self.claim.action_dealer_claim_approve()
        self._repair_done(self.claim)
        self.claim.with_user(self.dealer_manager).action_dealer_claim_settle()
        self.assertEqual(self._credit_notes(), 1)
        with self.assertRefused(UserError, "cannot be settled: it is Settled, not approved"):
            self.claim.with_user(self.dealer_manager).action_dealer_claim_settle()
        self.assertEqual(self._credit_notes(), 1)

    def test_dealer_user_settling_claim(self):
        self.claim.action_dealer_claim_approve()
        with self.assertRefused(AccessError, "Only a Dealer Manager may settle"):
            self.claim.with_user(self.dealer_user).action_dealer_claim_settle()
        self.assertEqual(self.claim.dealer_claim_state, "approved")
        self.assertEqual(self._credit_notes(), 0)

    def test_settling_unapproved_claim(self):
        with self.assertRefused(UserError, "cannot be settled: it is Submitted"):
            self.claim.with_user(self.dealer_manager).action_dealer_claim_settle()
        self.assertEqual(self._credit_notes(), 0)

    def test_switching_serial_after_filing(self):
        """The decision holds for the serial examined: a filed claim's serial, dealer and date are frozen."""
        for vals in ({"lot_id": self.lot_unsold.id}, {"dealer_id": self.dealer_b.id},
                     {"schedule_date": "2028-01-01 09:00:00"}, {"dealer_claim": False}):
            with self.assertRefused(UserError, "can no longer change"):
                self.claim.with_user(self.dealer_user).write(vals)
        self.assertEqual(self.claim.lot_id, self.lot_sold)
        self.assertEqual(self.claim.dealer_id, self.dealer_a)
        self.assertEqual(self.claim.schedule_date.date(), date(2026, 5, 4))

    def test_submitting_claim_of_other_dealer_serial(self):
        claim = self._claim(dealer=self.dealer_b, user=self.dealer_user)
        with self.assertRefused(UserError, "was not sold out by"):
            claim.with_user(self.dealer_user).action_dealer_claim_submit()
        self.assertEqual(claim.dealer_claim_state, "draft")


@tagged("post_install", "-at_install")
class TestSecurityWarrantyClaimRpc(CallKwMixin, HttpCase, ServiceTestCommon):
    """The same attacks through /web/dataset/call_kw, as the web client or a script with a session would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim = cls._claim()
        cls.claim.action_dealer_claim_submit()

    def _claim_state(self):
        self.env.invalidate_all()
        return self.claim.dealer_claim_state, self.claim.dealer_claim_approved_amount

    def test_dealer_user_approving_claim_over_rpc(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        error = self._rpc_error("repair.order", "action_dealer_claim_approve", [self.claim.ids])
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self._claim_state(), ("submitted", 0.0))

    def test_dealer_manager_writing_claim_state_over_rpc(self):
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        error = self._rpc_error("repair.order", "write", [self.claim.ids, {"dealer_claim_state": "approved"}])
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self._claim_state(), ("submitted", 0.0))

    def test_dealer_manager_calling_private_credit_note_over_rpc(self):
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        refunds = self.env["account.move"].search_count([("move_type", "=", "out_refund")])
        error = self._rpc_error("repair.order", "_dealer_create_claim_credit_note", [self.claim.ids])
        self.assertTrue(error)
        self.assertEqual(self.env["account.move"].search_count([("move_type", "=", "out_refund")]), refunds)

    def test_dealer_user_creating_approved_claim_over_rpc(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        count = self.Repair.search_count([])
        error = self._rpc_error("repair.order", "create", [{
            "dealer_claim": True, "dealer_id": self.dealer_a.id, "product_id": self.vehicle.id,
            "lot_id": self.lot_sold.id,
        }], {"context": {"default_dealer_claim_state": "approved", "default_dealer_claim_approved_amount": 9e6}})
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.Repair.search_count([]), count)
