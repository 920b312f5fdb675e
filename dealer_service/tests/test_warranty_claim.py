from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import RETAIL_DAY, ServiceTestCommon


@tagged("post_install", "-at_install")
class TestWarranty(ServiceTestCommon):
    """Warranty dates of serials and the serial's path."""

    def test_warranty_from_retail_date(self):
        """Sold out on 2025-03-10 with 24 months: warranty 2025-03-10 to 2027-03-09."""
        self.assertEqual(self.lot_sold.dealer_warranty_start, RETAIL_DAY)
        self.assertEqual(self.lot_sold.dealer_warranty_end, date(2027, 3, 9))

    def test_no_warranty_before_sell_out(self):
        self.assertFalse(self.lot_unsold.dealer_warranty_start)
        self.assertFalse(self.lot_unsold.dealer_warranty_end)

    def test_warranty_follows_product_months(self):
        self.vehicle.dealer_warranty_months = 36
        self.assertEqual(self.lot_sold.dealer_warranty_end, date(2028, 3, 9))

    def test_serial_path_lists_its_claims(self):
        claim = self._claim()
        steps = self.lot_sold._dealer_serial_path()
        self.assertEqual(steps[-1]["stage"], "Warranty claim")
        self.assertEqual(steps[-1]["reference"], claim.name)
        self.assertEqual(steps[-1]["date"], date(2026, 5, 4))
        self.assertEqual(self.lot_sold.dealer_claim_count, 1)


@tagged("post_install", "-at_install")
class TestWarrantyClaim(ServiceTestCommon):
    """Filing, deciding and settling warranty claims."""

    def test_claim_amount_parts_and_labour(self):
        """2 brake pads × 300.00 + labour 400.00 = 1,000.00."""
        claim = self._claim()
        self.assertEqual(claim.dealer_claim_state, "draft")
        self.assertEqual(claim.dealer_parts_amount, 600.0)
        self.assertEqual(claim.dealer_claim_amount, 1000.0)

    def test_plain_repair_is_no_claim(self):
        repair = self.Repair.create({"product_id": self.vehicle.id, "lot_id": self.lot_sold.id})
        self.assertFalse(repair.dealer_claim_state)

    def test_submit_in_warranty(self):
        claim = self._claim()
        claim.action_dealer_claim_submit()
        self.assertEqual(claim.dealer_claim_state, "submitted")
        self.assertTrue(claim.dealer_claim_submit_date)

    def test_last_day_of_warranty_accepted(self):
        claim = self._claim(day=date(2027, 3, 9))
        claim.action_dealer_claim_submit()
        self.assertEqual(claim.dealer_claim_state, "submitted")

    def test_claim_outside_warranty_refused(self):
        """Repaired on 2027-03-10, the day after the warranty ended."""
        claim = self._claim(day=date(2027, 3, 10))
        with self.assertRefused(UserError, r"out of warranty on the repair date .*2027.*warranty from .* to "):
            claim.action_dealer_claim_submit()
        self.assertEqual(claim.dealer_claim_state, "draft")
        self.assertFalse(claim.dealer_claim_submit_date)

    def test_claim_before_retail_sale_refused(self):
        claim = self._claim(day=date(2025, 3, 9))
        with self.assertRefused(UserError, "out of warranty"):
            claim.action_dealer_claim_submit()
        self.assertEqual(claim.dealer_claim_state, "draft")

    def test_claim_on_serial_sold_by_another_dealer_refused(self):
        """VIN-W-001 was sold out by dealer A: dealer B may not claim it."""
        claim = self._claim(dealer=self.dealer_b)
        with self.assertRefused(UserError, "was not sold out by Sell-out Dealer B .*Sell-out Dealer A"):
            claim.action_dealer_claim_submit()
        self.assertEqual(claim.dealer_claim_state, "draft")

    def test_claim_by_distributor_on_sub_dealer_sale_refused(self):
        """VIN-W-002 went to A but was sold out by sub-dealer A1: the claim is A1's, not A's."""
        with self.assertRefused(UserError, "was not sold out by Sell-out Dealer A "):
            self._claim(lot=self.lot_sub).action_dealer_claim_submit()
        claim = self._claim(lot=self.lot_sub, dealer=self.sub_dealer_a1)
        claim.action_dealer_claim_submit()
        self.assertEqual(claim.dealer_claim_state, "submitted")

    def test_claim_on_serial_never_sold_out_refused(self):
        claim = self._claim(lot=self.lot_unsold)
        with self.assertRefused(UserError, "has no confirmed retail sale"):
            claim.action_dealer_claim_submit()
        self.assertEqual(claim.dealer_claim_state, "draft")

    def test_product_without_warranty_refused(self):
        self.vehicle.dealer_warranty_months = 0
        with self.assertRefused(UserError, "carries no warranty"):
            self._claim().action_dealer_claim_submit()

    def test_approve_freezes_amount_and_settle_posts_credit_note(self):
        claim = self._claim()
        claim.action_dealer_claim_submit()
        claim.with_user(self.dealer_manager).action_dealer_claim_approve()
        self.assertEqual(claim.dealer_claim_state, "approved")
        self.assertEqual(claim.dealer_claim_approved_amount, 1000.0)
        self._repair_done(claim)
        claim.with_user(self.dealer_manager).action_dealer_claim_settle()
        self.assertEqual(claim.dealer_claim_state, "settled")
        move = claim.dealer_claim_credit_note_id
        self.assertEqual(move.move_type, "out_refund")
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.partner_id, self.dealer_a)
        self.assertEqual(move.amount_total, 1000.0)
        self.assertEqual(move.invoice_line_ids.product_id, self.env.ref("dealer_service.product_dealer_warranty_claim"))
        self.assertEqual(move.invoice_origin, claim.name)

    def test_settlement_uses_configured_product(self):
        product = self._create_product(name="Claim Refund", type="service", taxes_id=[])
        self.env["ir.config_parameter"].set_param("dealer_service.claim_product_id", product.id)
        claim = self._claim(parts=0, labour=250.0)
        claim.action_dealer_claim_submit()
        claim.action_dealer_claim_approve()
        self._repair_done(claim)
        claim.action_dealer_claim_settle()
        self.assertEqual(claim.dealer_claim_credit_note_id.invoice_line_ids.product_id, product)
        self.assertEqual(claim.dealer_claim_credit_note_id.amount_total, 250.0)
        self.assertIn(product, self.env["dealer.contract.target"]._net_sales_excluded_products())

    def test_claim_credit_note_is_not_a_sales_return(self):
        self.assertIn(self.env.ref("dealer_service.product_dealer_warranty_claim"),
                      self.env["dealer.contract.target"]._net_sales_excluded_products())

    def test_zero_claim_cannot_be_approved(self):
        claim = self._claim(parts=0, labour=0.0)
        claim.action_dealer_claim_submit()
        with self.assertRefused(UserError, "cannot be approved: it claims"):
            claim.action_dealer_claim_approve()
        self.assertEqual(claim.dealer_claim_state, "submitted")

    def test_reject_needs_reason_then_back_to_draft(self):
        claim = self._claim()
        claim.action_dealer_claim_submit()
        with self.assertRefused(UserError, "Give the reason"):
            claim.action_dealer_claim_reject("  ")
        self.assertEqual(claim.dealer_claim_state, "submitted")
        wizard = Form(self.env["dealer.claim.reject.wizard"].with_user(self.dealer_manager).with_context(
            default_repair_ids=claim.ids))
        wizard.reason = "Damage caused by an accident, not covered."
        wizard.save().action_confirm()
        self.assertEqual(claim.dealer_claim_state, "rejected")
        self.assertEqual(claim.dealer_claim_reject_reason, "Damage caused by an accident, not covered.")
        claim.with_user(self.dealer_user).action_dealer_claim_draft()
        self.assertEqual(claim.dealer_claim_state, "draft")

    def test_filed_claim_is_frozen(self):
        claim = self._claim()
        claim.action_dealer_claim_submit()
        with self.assertRefused(UserError, "can no longer change"):
            claim.with_user(self.dealer_user).dealer_labour_amount = 5000.0
        self.assertEqual(claim.dealer_labour_amount, 400.0)

    def test_filed_claim_cannot_be_deleted(self):
        claim = self._claim()
        claim.action_dealer_claim_submit()
        with self.assertRefused(UserError, "cannot be deleted"):
            claim.unlink()
        self.assertTrue(claim.exists())

    def test_dealer_user_files_a_claim(self):
        claim = self._claim(user=self.dealer_user)
        claim.action_dealer_claim_submit()
        self.assertEqual(claim.dealer_claim_state, "submitted")
        self.assertEqual(claim.dealer_claim_amount, 1000.0)
