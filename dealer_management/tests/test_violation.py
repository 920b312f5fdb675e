from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_order_checks import DealerOrderCheckCommon


@tagged("post_install", "-at_install")
class TestDealerViolation(DealerOrderCheckCommon):

    def _violation(self, **vals):
        return self.env["dealer.violation"].create({
            "partner_id": self.dealer.id, "violation_type": "other", "fine_amount": 250.0, **vals,
        })

    def test_sequence_and_contract(self):
        violation = self._violation()
        self.assertTrue(violation.name.startswith("VIO/"))
        self.assertEqual(violation.contract_id, self.contract)
        self.assertEqual(violation.state, "draft")

    def test_fine_defaults_from_contract_penalty(self):
        if "penalty_price_violation" not in self.env["dealer.contract"]._fields:
            self.skipTest("The contract has no penalty fields.")
        self.contract.termination_reason = "Replaced by the contract with penalties"
        self.contract.action_terminate()
        self._contract(self.dealer, penalty_price_violation=300.0, penalty_cross_territory=500.0)
        price = self.env["dealer.violation"].create({"partner_id": self.dealer.id, "violation_type": "price"})
        cross = self.env["dealer.violation"].create({"partner_id": self.dealer.id, "violation_type": "cross_territory"})
        self.assertEqual(price.fine_amount, 300.0)
        self.assertEqual(cross.fine_amount, 500.0)

    def test_transitions(self):
        violation = self._violation()
        violation.action_confirm()
        self.assertEqual(violation.state, "confirmed")
        violation.action_close()
        self.assertEqual(violation.state, "closed")
        other = self._violation()
        other.action_cancel()
        self.assertEqual(other.state, "cancelled")
        other.action_draft()
        self.assertEqual(other.state, "draft")

    def test_wrong_transitions_refused(self):
        violation = self._violation()
        with self.assertRaisesRegex(UserError, "cannot be closed: it is Draft, not confirmed"):
            violation.action_close()
        with self.assertRaises(UserError):
            violation.action_draft()
        violation.action_confirm()
        with self.assertRaises(UserError):
            violation.action_confirm()
        violation.action_close()
        with self.assertRaises(UserError):
            violation.action_cancel()
        self.assertEqual(violation.state, "closed")

    def test_fine_invoice_created_and_posted(self):
        violation = self._violation(violation_type="price")
        violation.action_confirm()
        action = violation.action_invoice_fine()
        invoice = violation.invoice_id
        self.assertEqual(action["res_id"], invoice.id)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.dealer)
        self.assertEqual(invoice.state, "draft")
        line = invoice.invoice_line_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(line.product_id, self.env.ref("dealer_management.product_dealer_violation_fine"))
        self.assertIn(violation.name, line.name)
        self.assertEqual(line.account_id, invoice.journal_id.default_account_id)
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_total, 250.0)
        self.assertEqual(invoice.amount_residual, 250.0)

    def test_fine_invoice_refused(self):
        violation = self._violation()
        with self.assertRaises(UserError):  # draft
            violation.action_invoice_fine()
        violation.action_confirm()
        violation.action_invoice_fine()
        with self.assertRaises(UserError):  # already invoiced
            violation.action_invoice_fine()
        no_fine = self._violation(fine_amount=0.0)
        no_fine.action_confirm()
        with self.assertRaises(UserError):
            no_fine.action_invoice_fine()

    def test_posted_fine_blocks_cancel(self):
        violation = self._violation()
        violation.action_confirm()
        violation.action_invoice_fine()
        violation.invoice_id.action_post()
        with self.assertRaises(UserError):
            violation.action_cancel()
        self.assertEqual(violation.state, "confirmed")

    def test_dealer_user_cannot_invoice_fine(self):
        violation = self._violation()
        violation.action_confirm()
        with self.assertRaises(AccessError):
            violation.with_user(self.dealer_user).action_invoice_fine()
        self.assertFalse(violation.invoice_id)
