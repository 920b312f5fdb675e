from odoo import _, api, models
from odoo.exceptions import UserError

STATEMENT_KINDS = ("invoice", "credit_note", "payment", "other")


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _dealer_statement_kind_labels(self):
        return {
            "invoice": _("Invoice"), "credit_note": _("Credit Note"), "payment": _("Payment"), "other": _("Other"),
        }

    def _dealer_statement(self, date_from, date_to, company):
        """Statement of account (对账单) of this dealer between two dates, from its receivable journal items.

        Posted items on receivable accounts of the dealer's commercial entity (any of its contacts), in company
        currency: the opening balance before ``date_from``, one row per journal entry of the period (invoice,
        credit note, payment or other) with its debit, credit and running balance, the totals per kind and the
        closing balance. Three queries whatever the dealer's history; the accounting is read as superuser
        because the callers (the dealer's owner on the portal, a Dealer User) may not read journal items: the
        right to see this dealer's statement is checked by the caller (see report.dealer_management.
        report_dealer_statement).
        """
        self.ensure_one()
        if date_from and date_to and date_from > date_to:
            raise UserError(_("The statement period starts after it ends: choose a start date before the end date."))
        dealer = self.commercial_partner_id
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
        return {
            "partner": dealer, "company": company, "currency": currency, "date_from": date_from, "date_to": date_to,
            "opening": opening, "rows": rows, "closing": balance,
            "totals": {kind: currency.round(amount) for kind, amount in totals.items()},
        }


class AccountMove(models.Model):
    _inherit = "account.move"

    def _dealer_statement_kind(self):
        """What this journal entry is on a dealer's statement of account."""
        self.ensure_one()
        if self.move_type == "out_invoice":
            return "invoice"
        if self.move_type == "out_refund":
            return "credit_note"
        if self.origin_payment_id or self.statement_line_id:
            return "payment"
        return "other"

