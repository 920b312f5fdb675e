from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import CallKwMixin, DealerTestCommon


class DealerDepositCommon(DealerTestCommon):
    """A deposit liability account, an active dealer and its draft contract with a deposit of 10,000."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deposit_account = cls.env["account.account"].create({
            "name": "Dealer deposits", "code": "224199", "account_type": "liability_current", "reconcile": True,
        })
        cls.env.company.write({
            "dealer_deposit_account_id": cls.deposit_account.id,
            "dealer_deposit_journal_id": cls.company_data["default_journal_bank"].id,
        })
        cls.dealer = cls._create_dealer("Deposit Dealer", state="active", grade=cls.grade_unchecked)
        cls.contract = cls._create_contract(cls.dealer, activate=False, deposit_amount=10000.0)

    def _deposit_balance(self, partner=None):
        """The dealer's balance on the deposit account (credit positive): what the company holds."""
        lines = self.env["account.move.line"].search([
            ("account_id", "=", self.deposit_account.id), ("partner_id", "=", (partner or self.dealer).id),
            ("parent_state", "=", "posted"),
        ])
        return -sum(lines.mapped("balance"))

    def _payments(self):
        return self.env["account.payment"].search([("partner_id", "=", self.dealer.id)])


@tagged("post_install", "-at_install")
class TestDeposit(DealerDepositCommon):

    def test_receive_deposit_posts_a_payment_on_the_liability_account(self):
        """Receive Deposit registers a posted inbound payment of the dealer crediting the deposit liability."""
        self.assertEqual(self.contract.deposit_state, "required")
        self.contract.with_user(self.dealer_manager).action_receive_deposit()
        payment = self.contract.deposit_payment_ids
        self.assertEqual(len(payment), 1)
        self.assertEqual(
            (payment.payment_type, payment.partner_id, payment.amount, payment.destination_account_id, payment.state),
            ("inbound", self.dealer, 10000.0, self.deposit_account, "in_process"),
        )
        self.assertEqual(self._deposit_balance(), 10000.0)
        self.assertEqual((self.contract.deposit_state, self.contract.deposit_held_amount), ("received", 10000.0))
        self.contract.action_activate()
        self.assertEqual(self.contract.state, "active")

    def test_activation_counts_posted_payments_only(self):
        """A deposit payment cancelled afterwards no longer counts: the contract cannot be activated."""
        self.contract.action_receive_deposit()
        self.contract.deposit_payment_ids.action_cancel()
        self.assertEqual((self.contract.deposit_state, self.contract.deposit_received_amount), ("required", 0.0))
        with self.assertRefused(UserError, "deposit of .*10,000.00.* has not been received"):
            self.contract.action_activate()
        self.assertEqual(self.contract.state, "draft")

    def test_receive_deposit_refused_to_a_dealer_user(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager may register a deposit"):
            self.contract.with_user(self.dealer_user).action_receive_deposit()
        self.assertFalse(self._payments())
        self.assertEqual(self.contract.deposit_state, "required")

    def test_forged_deposit_state_refused(self):
        """Writing the deposit status (or the figures it rests on) directly is refused: nothing changes."""
        for vals in ({"deposit_state": "received"}, {"deposit_refund_date": self.today},
                     {"deposit_holder_id": self.contract.id}, {"deposit_deducted_amount": 1.0}):
            with self.assertRefused(AccessError, "change only through its buttons"):
                self.contract.with_user(self.dealer_manager).write(vals)
        self.assertEqual((self.contract.deposit_state, self.contract.deposit_refund_date), ("required", False))
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.env["dealer.contract"].with_user(self.dealer_manager).create({
                "partner_id": self.dealer.id, "date_start": self.today, "date_end": self.today + timedelta(days=10),
                "deposit_amount": 100.0, "deposit_state": "received",
            })

    def test_forged_payment_link_refused(self):
        """An ordinary payment cannot be made into a deposit, neither at creation nor afterwards, even as
        superuser: only the contract's own code links a payment to it."""
        journal = self.company_data["default_journal_bank"]
        vals = {"payment_type": "inbound", "partner_type": "customer", "partner_id": self.dealer.id,
                "amount": 10000.0, "journal_id": journal.id}
        with self.assertRefused(AccessError, "becomes a contract deposit only through"):
            self.env["account.payment"].sudo().create({**vals, "dealer_contract_id": self.contract.id})
        with self.assertRefused(AccessError, "becomes a contract deposit only through"):
            self.env["account.payment"].with_context(default_dealer_contract_id=self.contract.id).create(vals)
        payment = self.env["account.payment"].create(vals)
        payment.action_post()
        with self.assertRefused(AccessError, "becomes a contract deposit only through"):
            payment.sudo().write({"dealer_contract_id": self.contract.id})
        self.assertFalse(self.contract.deposit_payment_ids)
        self.assertEqual(self.contract.deposit_state, "required")

    def test_amendment_and_renewal_carry_the_deposit_over(self):
        self.contract.action_receive_deposit()
        self.contract.action_activate()
        new = self.contract._amend({"credit_limit": 5000.0}, "credit")
        self.assertEqual((new.deposit_holder_id, new.deposit_state, new.deposit_held_amount),
                         (self.contract, "received", 10000.0))
        start, end = new._renewal_dates()
        renewal = new._renew(start, end)
        self.assertEqual((renewal.deposit_holder_id, renewal.deposit_state), (self.contract, "received"))
        # a higher deposit on the amendment: only the difference is missing, paid on the same holder
        bigger = new._amend({"deposit_amount": 12000.0}, "bigger deposit")
        self.assertEqual(bigger.deposit_state, "required")
        bigger.action_receive_deposit()
        self.assertEqual(self.contract.deposit_payment_ids.mapped("amount"), [10000.0, 2000.0])
        self.assertEqual((bigger.deposit_state, bigger.deposit_held_amount), ("received", 12000.0))
        with self.assertRefused(UserError, "refunded once it has expired or been terminated, not while it is Super"):
            self.contract.action_refund_deposit()
        # the amendment ends, its renewal (draft) still rests on the deposit: no refund yet
        bigger.termination_reason = "dealer moves to another brand"
        bigger.action_terminate()
        with self.assertRefused(UserError, f"still secures contract {renewal.name}"):
            bigger.action_refund_deposit()
        self.assertEqual((bigger.deposit_state, self.contract.deposit_refund_date), ("received", False))

    def test_statement_shows_the_deposit_held(self):
        self.contract.action_receive_deposit()
        statement = self.dealer._dealer_statement(self.today - timedelta(days=30), self.today)
        self.assertEqual(statement["deposit_held"], 10000.0)
        # the deposit is no receivable: the closing balance does not move
        self.assertEqual(statement["closing"], 0.0)


@tagged("post_install", "-at_install")
class TestDepositRefund(DealerDepositCommon):
    """Exit of a dealer holding 10,000 of deposit, with a confirmed fine of 1,500 (not invoiced yet), an overdue
    invoice of 2,000 and an invoice of 700 not yet due."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract.action_receive_deposit()
        cls.contract.action_activate()
        cls.violation = cls.env["dealer.violation"].create({
            "partner_id": cls.dealer.id, "violation_type": "other", "fine_amount": 1500.0, "description": "窜货",
        })
        cls.violation.action_confirm()
        cls.overdue = cls._invoice(2000.0, cls.today - timedelta(days=60), cls.today - timedelta(days=30))
        cls.not_due = cls._invoice(700.0, cls.today, cls.today + timedelta(days=30))
        cls.termination = cls.env["dealer.termination"].create({
            "partner_id": cls.dealer.id, "reason_code": "voluntary", "force": True, "force_note": "exit agreed",
        })
        cls.termination.action_confirm()

    @classmethod
    def _invoice(cls, amount, day, due):
        invoice = cls.init_invoice("out_invoice", partner=cls.dealer, invoice_date=day, amounts=[amount])
        invoice.invoice_date_due = due
        invoice.action_post()
        return invoice

    def test_refund_deducts_fines_and_overdue_and_pays_the_rest(self):
        termination = self.termination.with_user(self.dealer_manager)
        self.assertEqual((termination.deposit_held_amount, termination.deposit_deduction_amount),
                         (10000.0, 2000.0))  # the fine is invoiced at the refund
        termination.action_refund_deposit()
        fine = self.violation.invoice_id
        self.assertEqual((fine.state, fine.payment_state, fine.amount_total), ("posted", "paid", 1500.0))
        self.assertEqual(self.overdue.payment_state, "paid")
        self.assertEqual(self.not_due.payment_state, "not_paid")
        refund = self.contract.deposit_payment_ids.filtered(lambda p: p.payment_type == "outbound")
        self.assertEqual((refund.amount, refund.partner_id, refund.destination_account_id, refund.state),
                         (6500.0, self.dealer, self.deposit_account, "in_process"))
        self.assertEqual(self.contract.deposit_deducted_amount, 3500.0)
        self.assertEqual((self.contract.deposit_state, self.contract.deposit_held_amount), ("refunded", 0.0))
        self.assertEqual(self._deposit_balance(), 0.0)
        deposit_lines = self.env["account.move.line"].search([("account_id", "=", self.deposit_account.id)])
        self.assertTrue(all(deposit_lines.mapped("reconciled")))
        self.termination.invalidate_recordset()
        self.assertEqual((self.termination.deposit_held_amount, self.termination.deposit_refund_amount), (0.0, 0.0))

    def test_refund_twice_refused(self):
        self.termination.action_refund_deposit()
        payments, moves = self._payments(), self.env["account.move"].search_count([])
        with self.assertRefused(UserError, "has no deposit left to refund"):
            self.termination.action_refund_deposit()
        with self.assertRefused(UserError, "has already been refunded"):
            self.contract._dealer_refund_deposit()
        self.assertEqual((self._payments(), self.env["account.move"].search_count([])), (payments, moves))

    def test_refund_refused_before_confirmation_and_to_a_dealer_user(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager may refund a deposit"):
            self.termination.with_user(self.dealer_user).action_refund_deposit()
        self.termination.action_cancel()
        with self.assertRefused(UserError, "once termination .* is confirmed"):
            self.termination.action_refund_deposit()
        self.assertEqual(self.contract.deposit_state, "received")
        self.assertFalse(self.violation.invoice_id)

    def test_deduction_never_exceeds_the_deposit(self):
        """Overdue receivables above the deposit: all of it is deducted, nothing is paid out."""
        big = self._invoice(20000.0, self.today - timedelta(days=90), self.today - timedelta(days=60))
        self.termination.action_refund_deposit()
        self.assertEqual(self.contract.deposit_deducted_amount, 10000.0)
        self.assertFalse(self.contract.deposit_payment_ids.filtered(lambda p: p.payment_type == "outbound"))
        self.assertEqual(self.violation.invoice_id.payment_state, "paid")  # fines first
        self.assertEqual(big.payment_state, "partial")  # oldest overdue next, in part
        self.assertEqual(self._deposit_balance(), 0.0)


@tagged("post_install", "-at_install")
class TestDepositRpc(CallKwMixin, DealerDepositCommon, HttpCase):
    """The forged deposit status and payment link through /web/dataset/call_kw."""

    def test_rpc_forged_deposit_state_and_payment_link(self):
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        _result, error = self._call_kw("dealer.contract", "write", [self.contract.ids, {"deposit_state": "received"}])
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        _result, error = self._call_kw("dealer.contract", "action_activate", [self.contract.ids])
        self.assertRegex(error["message"], "has not been received")
        accountant = new_test_user(
            self.env, login="deposit_accountant", groups="base.group_user,account.group_account_manager",
        )
        self.authenticate(accountant.login, accountant.login)
        journal = self.company_data["default_journal_bank"]
        _result, error = self._call_kw("account.payment", "create", [{
            "payment_type": "inbound", "partner_type": "customer", "partner_id": self.dealer.id, "amount": 10000.0,
            "journal_id": journal.id, "dealer_contract_id": self.contract.id,
        }])
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.env.invalidate_all()
        self.assertEqual((self.contract.state, self.contract.deposit_state), ("draft", "required"))
        self.assertFalse(self._payments())
        self.assertFalse(self.contract.deposit_payment_ids)
