from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

STATEMENT_KINDS = ("invoice", "credit_note", "payment", "other")


class DealerPartnerStatementMixin(models.AbstractModel):
    """The statement of account (对账单) of a dealer: its receivable journal items between two dates.

    Inherited by ``res.partner``; printed by the statement report and shown on the portal.
    """

    _name = "dealer.partner.statement.mixin"
    _description = "Dealer Statement of Account Computation"

    @api.model
    def _dealer_statement_kind_labels(self):
        return {
            "invoice": _("Invoice"), "credit_note": _("Credit Note"), "payment": _("Payment"), "other": _("Other"),
        }

    def _dealer_statement_company(self):
        """The company of this partner's statement of account: the dealer's own, else the user's current one (a
        dealer shared by the companies has a statement in each). Never a company the request names."""
        self.ensure_one()
        return self.commercial_partner_id.company_id or self.env.company

    def _dealer_check_statement_access(self):
        """Refuse the statement of account of a partner that is not a dealer, or of a dealer the user may not
        read (another company's, by the record rules): the figures are read as superuser afterwards."""
        refusal = AccessError(_("A statement of account is printed for the dealers you may see only."))
        if not self.env.su:
            # the rights first, so that nothing is read of a partner the user may not see
            try:
                self.check_access("read")
                self.commercial_partner_id.check_access("read")
            except AccessError:
                raise refusal from None
        dealers = self.commercial_partner_id
        if not all(dealers.mapped("is_dealer")):
            raise refusal
        if not self.env.su and any(
            dealer.company_id and dealer.company_id not in self.env.companies for dealer in dealers
        ):
            raise refusal

    def _dealer_statement(self, date_from, date_to):
        """Statement of account (对账单) of this dealer between two dates, from its receivable journal items.

        Posted items on receivable accounts of the dealer's commercial entity (any of its contacts), in company
        currency: the opening balance before ``date_from``, one row per journal entry of the period (invoice,
        credit note, payment or other) with its debit, credit and running balance, the totals per kind and the
        closing balance, and the deposit (保证金) held on the deposit liability account at the end, in the dealer's
        company (``_dealer_statement_company``). Four queries whatever the
        dealer's history; the accounting is read as superuser because the callers (the dealer's owner on the
        portal, a Dealer User) may not read journal items: ``_dealer_check_statement_access`` first refuses a
        partner that is not a dealer the user may see.
        """
        self.ensure_one()
        self._dealer_check_statement_access()
        if date_from and date_to and date_from > date_to:
            raise UserError(_("The statement period starts after it ends: choose a start date before the end date."))
        dealer = self.commercial_partner_id
        company = self._dealer_statement_company()
        # sudo: see the docstring
        Line = self.env["account.move.line"].sudo()
        domain = [
            ("partner_id", "child_of", dealer.id), ("company_id", "=", company.id), ("parent_state", "=", "posted"),
            ("account_id.account_type", "=", "asset_receivable"),
        ]
        [(opening,)] = Line._read_group(domain + [("date", "<", date_from)], [], ["balance:sum"])
        groups = Line._read_group(
            domain + [("date", ">=", date_from), ("date", "<=", date_to)],
            ["date:day", "move_id"], ["debit:sum", "credit:sum"],
        )
        currency = company.currency_id
        labels = self._dealer_statement_kind_labels()
        totals = dict.fromkeys(STATEMENT_KINDS, 0.0)
        balance = opening = currency.round(opening or 0.0)
        rows = []
        for day, move, debit, credit in sorted(groups, key=lambda g: (g[0], g[1].id)):
            kind = move._dealer_statement_kind()
            balance = currency.round(balance + debit - credit)
            totals[kind] += debit - credit
            rows.append({
                "date": day, "name": move.name, "kind": kind, "kind_label": labels[kind],
                "ref": move.ref or move.invoice_origin or "", "debit": debit, "credit": credit, "balance": balance,
            })
        deposit_held = 0.0
        if company.dealer_deposit_account_id:
            # the deposit (保证金) the company holds for the dealer at the end of the period: its liability balance
            [(deposit_balance,)] = Line._read_group([
                ("partner_id", "child_of", dealer.id), ("company_id", "=", company.id),
                ("parent_state", "=", "posted"), ("account_id", "=", company.dealer_deposit_account_id.id),
                ("date", "<=", date_to),
            ], [], ["balance:sum"])
            deposit_held = currency.round(-(deposit_balance or 0.0))
        return {
            "partner": dealer, "company": company, "currency": currency, "date_from": date_from, "date_to": date_to,
            "opening": opening, "rows": rows, "closing": balance, "deposit_held": deposit_held,
            "totals": {kind: currency.round(amount) for kind, amount in totals.items()},
        }

