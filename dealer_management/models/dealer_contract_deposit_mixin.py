from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from .dealer_unique_mixin import lock_rows
from .dealer_workflow_mixin import _TRUSTED

# payment states of Odoo 18 whose journal entry is posted
POSTED_PAYMENT_STATES = ("in_process", "paid")


class DealerContractDepositMixin(models.AbstractModel):
    """The contract's deposit (保证金) through accounting, inherited by ``dealer.contract``.

    The deposit is an ``account.payment`` of the dealer whose destination account is the deposit liability
    account of the company (Settings > Dealers): receiving it credits the liability, refunding it debits it.
    The payments are linked to the contract that holds the deposit (``deposit_holder_id``): the contract itself,
    or, for an amendment or a renewal, the contract whose deposit it carries over. The deposit status is computed
    from those posted payments; no button or RPC call sets it.

    At the exit, the refund deducts the dealer's open fines and overdue receivables (a journal entry that settles
    them against the liability, reconciled with them) and pays the rest out (an outbound payment), once: the
    holder's row is locked and its refund date checked after the lock.
    """

    _name = "dealer.contract.deposit.mixin"
    _description = "Dealer Contract Deposit"

    # the contract's fields the deposit rests on (defined in full by dealer.contract)
    company_id = fields.Many2one("res.company")
    currency_id = fields.Many2one("res.currency")
    partner_id = fields.Many2one("res.partner")
    deposit_amount = fields.Monetary(currency_field="currency_id")

    deposit_state = fields.Selection(
        [("none", "No Deposit"), ("required", "Required"), ("received", "Received"), ("refunded", "Refunded")],
        string="Deposit Status", compute="_compute_deposit_state", store=True, copy=False,
        tracking=True, help="Computed from the posted deposit payments of the contract.",
    )
    deposit_holder_id = fields.Many2one(
        "dealer.contract", string="Deposit Held Under", readonly=True, index="btree_not_null",
        help="The contract the deposit payments are registered on: this one, or the earlier version or contract "
             "whose deposit this one carries over.",
    )
    deposit_payment_ids = fields.One2many(
        "account.payment", "dealer_contract_id", string="Deposit Payments", readonly=True,
    )
    deposit_received_amount = fields.Monetary(
        string="Received Deposit", currency_field="currency_id", compute="_compute_deposit_state", store=True,
        help="Posted deposit payments received from the dealer.",
    )
    deposit_held_amount = fields.Monetary(
        string="Deposit Held", currency_field="currency_id", compute="_compute_deposit_state", store=True,
        help="Deposit received minus what was deducted or paid back.",
    )
    deposit_deducted_amount = fields.Monetary(
        string="Deducted from Deposit", currency_field="currency_id", readonly=True, copy=False,
        help="Open fines and overdue receivables settled against the deposit at the refund.",
    )
    deposit_deduction_move_id = fields.Many2one(
        "account.move", string="Deposit Deduction Entry", readonly=True, copy=False, check_company=True,
    )
    deposit_refund_date = fields.Date(readonly=True, copy=False)

    @api.depends(
        "deposit_amount", "deposit_holder_id", "deposit_refund_date", "deposit_deducted_amount",
        "deposit_payment_ids.state", "deposit_payment_ids.amount", "deposit_payment_ids.payment_type",
        "deposit_holder_id.deposit_payment_ids.state", "deposit_holder_id.deposit_payment_ids.amount",
        "deposit_holder_id.deposit_payment_ids.payment_type", "deposit_holder_id.deposit_refund_date",
        "deposit_holder_id.deposit_deducted_amount",
    )
    def _compute_deposit_state(self):
        for contract in self:
            holder = contract.deposit_holder_id or contract
            posted = holder.deposit_payment_ids.filtered(lambda p: p.state in POSTED_PAYMENT_STATES)
            received = sum(posted.filtered(lambda p: p.payment_type == "inbound").mapped("amount"))
            paid_back = sum(posted.filtered(lambda p: p.payment_type == "outbound").mapped("amount"))
            contract.deposit_received_amount = received
            contract.deposit_held_amount = received - paid_back - holder.deposit_deducted_amount
            if holder.deposit_refund_date:
                contract.deposit_state = "refunded"
            elif not contract.deposit_amount:
                contract.deposit_state = "none"
            elif contract.currency_id.compare_amounts(received, contract.deposit_amount) >= 0:
                contract.deposit_state = "received"
            else:
                contract.deposit_state = "required"

    # ------------------------------------------------------------------ configuration
    def _dealer_deposit_accounting(self):
        """(liability account, payment journal, entry journal) of the deposits of this contract's company."""
        self.ensure_one()
        company = self.company_id
        account = company.dealer_deposit_account_id or self._dealer_create_deposit_account()
        # sudo: the company's bank journal is looked up, not shown (a Dealer Manager need not be an accountant)
        Journal = self.env["account.journal"].sudo()
        journal = company.dealer_deposit_journal_id or Journal.search([
            *Journal._check_company_domain(company), ("type", "=", "bank"),
        ], limit=1)
        misc = Journal.search([*Journal._check_company_domain(company), ("type", "=", "general")], limit=1)
        if not journal or not misc:
            raise UserError(_(
                "Set the deposit journal of %(company)s in Settings > Dealers (a bank or cash journal), and keep a "
                "miscellaneous journal, before registering deposits.", company=company.name,
            ))
        return account, journal, misc

    def _dealer_create_deposit_account(self):
        """Create the company's deposit liability account (2241xx, reconcilable) the first time a deposit is
        registered without one configured, and set it in the settings."""
        self.ensure_one()
        company = self.company_id
        # sudo: the chart of accounts is completed on behalf of the Dealer Manager, with a fixed account only
        Account = self.env["account.account"].sudo().with_company(company)
        code, number = "224100", 0
        while Account.search_count([*Account._check_company_domain(company), ("code", "=", code)]):
            number += 1
            code = f"2241{number:02d}"
        account = Account.create({
            "name": _("Dealer Deposits (保证金)"), "code": code, "account_type": "liability_current",
            "reconcile": True, "company_ids": [Command.set(company.ids)],
        })
        # sudo: the company setting is written once by the contract's own code, with the account it has just created
        company.sudo().dealer_deposit_account_id = account
        return account

    # ------------------------------------------------------------------ receive
    def action_receive_deposit(self):
        """Register the missing part of the deposit as a posted payment of the dealer, dated today."""
        self._check_dealer_manager(_("Only a Dealer Manager may register a deposit."))
        for contract in self:
            if contract.deposit_state != "required" or contract.state not in ("draft", "active"):
                raise UserError(_("Contract %(name)s has no deposit waiting to be received.", name=contract.name))
        self._dealer_register_deposits()
        return True

    def _dealer_register_deposit(self, amount=None, date=None, memo=None):
        """Create and post the inbound payment of the deposit (default: what is missing) on the holder contract."""
        self.ensure_one()
        return self._dealer_register_deposits(amount, date, memo)

    def _dealer_register_deposits(self, amount=None, date=None, memo=None):
        """``_dealer_register_deposit`` of these contracts: the payments created and posted in one batch, a note
        in each contract's chatter."""
        specs = []
        for contract in self:
            holder = contract.deposit_holder_id or contract
            if holder.deposit_refund_date:
                raise UserError(_("The deposit of contract %(name)s has already been refunded.", name=contract.name))
            missing = contract.deposit_amount - contract.deposit_received_amount if amount is None else amount
            if contract.currency_id.compare_amounts(missing, 0.0) <= 0:
                raise UserError(_("Contract %(name)s has no deposit amount to receive.", name=contract.name))
            specs.append((holder, "inbound", missing, date,
                          memo or _("Deposit (保证金) of contract %(name)s", name=contract.name)))
        payments = self._dealer_deposit_payments(specs)
        bodies = {}
        for contract, payment, (_holder, _type, missing, _date, _memo) in zip(self, payments, specs, strict=True):
            bodies[contract.id] = _(
                "Deposit payment %(payment)s of %(amount)s registered.",
                payment=payment._get_html_link(), amount=contract.currency_id.format(missing),
            )
        if bodies:
            # the note message_post would write, for all the contracts at once
            self._message_log_batch(bodies)
        return payments

    def _dealer_deposit_payment(self, payment_type, amount, date, memo):
        """Post the dealer's payment (inbound: received, outbound: paid back) of this holder contract's deposit,
        on the deposit liability account."""
        self.ensure_one()
        return self._dealer_deposit_payments([(self, payment_type, amount, date, memo)])

    @api.model
    def _dealer_deposit_payments(self, specs):
        """``_dealer_deposit_payment`` of many holder contracts (``specs``: [(holder, payment type, amount, date,
        memo)]): the payments created and posted in one batch, in the order of ``specs``."""
        vals_list, accounting = [], {}
        for holder, payment_type, amount, date, memo in specs:
            if holder.company_id not in accounting:
                accounting[holder.company_id] = holder._dealer_deposit_accounting()
            account, journal, _misc = accounting[holder.company_id]
            vals_list.append({
                "payment_type": payment_type, "partner_type": "customer", "partner_id": holder.partner_id.id,
                "company_id": holder.company_id.id, "journal_id": journal.id, "amount": amount,
                "currency_id": holder.currency_id.id, "date": date or fields.Date.context_today(holder),
                "destination_account_id": account.id, "dealer_contract_id": holder.id, "memo": memo,
            })
        # sudo: like the fine invoice, a Dealer Manager registers the deposit without accounting rights; the
        # amount is the contract's own and the payment is linked to it by this code only
        payments = self.env["account.payment"].sudo().with_context(dealer_workflow_trusted=_TRUSTED).create(vals_list)
        payments.action_post()
        return payments

    # ------------------------------------------------------------------ refund
    def _dealer_deposit_deductions(self, limit):
        """[(receivable journal item, amount)] to settle against ``limit`` of deposit: the dealer's open fines
        first, then its overdue receivables, oldest due first (read as superuser: figures for the refund)."""
        self.ensure_one()
        dealer = self.partner_id.commercial_partner_id
        today = fields.Date.context_today(self)
        fines = self.env["dealer.violation"].sudo().search([
            ("partner_id", "child_of", dealer.id), ("company_id", "=", self.company_id.id),
            ("invoice_id.state", "=", "posted"),
        ]).invoice_id
        lines = self.env["account.move.line"].sudo().search([
            ("partner_id", "child_of", dealer.id), ("company_id", "=", self.company_id.id),
            ("parent_state", "=", "posted"), ("account_id.account_type", "=", "asset_receivable"),
            ("reconciled", "=", False), ("amount_residual", ">", 0.0),
            "|", ("move_id", "in", fines.ids), ("date_maturity", "<", today),
        ])
        lines = lines.sorted(lambda line: (line.move_id not in fines, line.date_maturity or today, line.id))
        deductions = []
        left = limit
        for line in lines:
            if self.currency_id.compare_amounts(left, 0.0) <= 0:
                break
            amount = min(line.amount_residual, left)
            deductions.append((line, amount))
            left = self.currency_id.round(left - amount)
        return deductions

    def _dealer_post_open_fines(self):
        """Invoice and post the fines of the dealers' confirmed violations not invoiced yet, so that the refund
        deducts them like the fines already invoiced."""
        # sudo: the Dealer Manager's right was checked by the caller; the fines are the dealers' own
        violations = self.env["dealer.violation"].sudo().search([
            ("partner_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
            ("state", "in", ("confirmed", "closed")), ("fine_amount", ">", 0.0),
        ])
        pending = violations.filtered(lambda v: not v.invoice_id or v.invoice_id.state == "cancel")
        if pending:
            pending.action_invoice_fine()
        violations.invoice_id.filtered(lambda move: move.state == "draft").action_post()

    def _dealer_refund_deposit(self):
        """Deduct the open fines and overdue receivables from the held deposit and pay the rest out, once.

        The holder's row is locked first (``lock_rows``): a second refund at the same moment waits, is aborted by
        the serialization failure and, retried, finds the refund date set.
        """
        holders = (self.deposit_holder_id | self.filtered(lambda c: not c.deposit_holder_id))
        lock_rows(holders)
        holders.invalidate_recordset()
        refunds = self.env["account.payment"]
        for holder in holders:
            if holder.deposit_refund_date:
                raise UserError(_("The deposit of contract %(name)s has already been refunded.", name=holder.name))
            held = holder.deposit_held_amount
            if holder.currency_id.compare_amounts(held, 0.0) <= 0:
                raise UserError(_("Contract %(name)s holds no deposit to refund.", name=holder.name))
            account, _journal, misc = holder._dealer_deposit_accounting()
            deductions = holder._dealer_deposit_deductions(held)
            deducted = holder.currency_id.round(sum(amount for _line, amount in deductions))
            move = holder._dealer_deduction_move(deductions, account, misc) if deductions else self.env["account.move"]
            rest = holder.currency_id.round(held - deducted)
            if holder.currency_id.compare_amounts(rest, 0.0) > 0:
                refunds |= holder._dealer_deposit_payment(
                    "outbound", rest, None, _("Refund of the deposit (保证金) of contract %(name)s", name=holder.name),
                )
            holder._dealer_trusted().write({
                "deposit_refund_date": fields.Date.context_today(holder), "deposit_deducted_amount": deducted,
                "deposit_deduction_move_id": move.id,
            })
            holder._dealer_reconcile_deposit(account, move)
            holder.message_post(body=_(
                "Deposit refunded: %(held)s held, %(deducted)s deducted for open fines and overdue receivables, "
                "%(paid)s paid back.",
                held=holder.currency_id.format(held), deducted=holder.currency_id.format(deducted),
                paid=holder.currency_id.format(rest),
            ))
        return refunds

    def _dealer_deduction_move(self, deductions, account, journal):
        """Post the entry settling ``deductions`` against the deposit liability and reconcile each of them."""
        self.ensure_one()
        total = self.currency_id.round(sum(amount for _line, amount in deductions))
        label = _("Deducted from the deposit (保证金) of contract %(name)s", name=self.name)
        # sudo: accounting written on behalf of the Dealer Manager, from the dealer's own open items only
        move = self.env["account.move"].sudo().create({
            "move_type": "entry", "journal_id": journal.id, "company_id": self.company_id.id,
            "date": fields.Date.context_today(self), "ref": label,
            "line_ids": [
                Command.create({"account_id": account.id, "partner_id": self.partner_id.id, "debit": total,
                                "name": label}),
                *(Command.create({
                    "account_id": line.account_id.id, "partner_id": line.partner_id.id, "credit": amount,
                    "name": _("%(label)s: %(document)s", label=label, document=line.move_id.name),
                }) for line, amount in deductions),
            ],
        })
        move.action_post()
        credits = move.line_ids.filtered(lambda line: line.credit).sorted("id")
        for (line, _amount), credit in zip(deductions, credits, strict=True):
            (line | credit).reconcile()
        return move

    def _dealer_reconcile_deposit(self, account, move):
        """Reconcile the deposit's liability items (received, deducted, paid back) once they balance."""
        if not account.reconcile:
            return
        payments = self.deposit_payment_ids.filtered(lambda p: p.state in POSTED_PAYMENT_STATES)
        items = (payments.move_id.line_ids | move.line_ids).filtered(
            lambda line: line.account_id == account and not line.reconciled
        )
        if items and self.currency_id.is_zero(sum(items.mapped("balance"))):
            # sudo: only the contract's own deposit items on the deposit account, once they balance to zero
            items.sudo().reconcile()

    def action_refund_deposit(self):
        """Refund the deposit of an expired or terminated contract (deducting open fines and overdue items)."""
        self._check_dealer_manager(_("Only a Dealer Manager may refund a deposit."))
        self._check_state(
            ("expired", "terminated"),
            _("The deposit of contract %(name)s is refunded once it has expired or been terminated, not while it "
              "is %(state)s."),
        )
        for contract in self:
            holder = contract.deposit_holder_id or contract
            # sudo: a running contract of any salesperson may rest on this deposit
            running = self.sudo().search([
                ("state", "in", ("draft", "active")),
                "|", ("deposit_holder_id", "=", holder.id), ("id", "=", holder.id),
            ], limit=1)
            if running:
                raise UserError(_(
                    "The deposit of contract %(name)s still secures contract %(running)s, which is %(state)s: "
                    "it is refunded when that contract ends or the dealer leaves.",
                    name=contract.name, running=running.name, state=running._state_label(),
                ))
        self._dealer_refund_deposit()
        return True
