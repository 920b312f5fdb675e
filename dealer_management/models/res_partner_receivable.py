from odoo import fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_credit_limit = fields.Monetary(
        compute="_compute_dealer_credit", currency_field="currency_id",
        groups="dealer_management.group_dealer_user",
        help="The active contract's credit limit, else the dealer's own (from its grade); 0 means no limit.",
    )
    dealer_credit_available = fields.Monetary(
        string="Credit Available", compute="_compute_dealer_credit", currency_field="currency_id",
        groups="dealer_management.group_dealer_user",
        help="Credit limit minus open receivable and confirmed orders not yet invoiced, in the current company: "
             "what the order credit check leaves for new orders.",
    )

    def _compute_dealer_credit(self):
        company = self.env.company
        for partner in self:
            figures = partner._dealer_credit_figures(company) if partner.is_dealer and partner.id else {}
            partner.dealer_credit_limit = figures.get("limit", 0.0)
            partner.dealer_credit_available = figures.get("available", 0.0)

    def _dealer_credit_figures(self, company, contract=None):
        """{limit, used, available, receivable} of this dealer in ``company``, in the company's currency.

        The order credit check's own figures (used = open receivable + confirmed orders not yet invoiced), asked
        through an unsaved order of the dealer: no order is created. Available is 0.0 when there is no limit.
        """
        self.ensure_one()
        receivable = self._dealer_open_receivable(company).get((self.id, company.id), (0.0, None))[0]
        # sudo: an unsaved order only carries the dealer and company to the check's figures; nothing is written
        order = self.env["sale.order"].sudo().new({"partner_id": self.id, "company_id": company.id})
        uninvoiced = order._dealer_uninvoiced_amounts(self, company)[0]
        limit = order._dealer_credit_limit(contract)
        used = company.currency_id.round(receivable + uninvoiced)
        return {
            "limit": limit,
            "used": used,
            "available": limit - used if limit else 0.0,
            "receivable": receivable,
        }

    def _dealer_open_receivable(self, companies, overdue_before=None):
        """{(commercial partner id, company id): (open receivable, oldest due date before ``overdue_before``)}.

        The one definition of a dealer's open receivable, used by the order credit check and by the
        termination's open-business check: posted, unreconciled receivable journal items of the partners'
        commercial entities (any of their contacts), in company currency. The oldest due date counts customer
        invoices with an amount still due whose due date is before ``overdue_before`` (None when not asked or
        when there is none). One query for any number of partners and companies; it reads the accounting
        directly, as the figures must not depend on the caller's access to journal items.
        """
        dealers = self.commercial_partner_id
        if not dealers or not companies:
            return {}
        self.env["account.move.line"].flush_model([
            "account_id", "amount_residual", "company_id", "date_maturity", "move_id", "parent_state",
            "partner_id", "reconciled",
        ])
        self.env["account.move"].flush_model(["move_type"])
        self.env["account.account"].flush_model(["account_type"])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env.cr.execute(SQL(
            """
            SELECT partner.commercial_partner_id, line.company_id,
                   COALESCE(SUM(line.amount_residual), 0.0),
                   MIN(line.date_maturity) FILTER (
                       WHERE move.move_type = 'out_invoice'
                         AND line.amount_residual > 0
                         AND line.date_maturity < %(overdue_before)s)
              FROM account_move_line line
              JOIN res_partner partner ON partner.id = line.partner_id
              JOIN account_account account ON account.id = line.account_id
              JOIN account_move move ON move.id = line.move_id
             WHERE partner.commercial_partner_id IN %(partners)s
               AND line.company_id IN %(companies)s
               AND line.parent_state = 'posted'
               AND line.reconciled IS NOT TRUE
               AND account.account_type = 'asset_receivable'
             GROUP BY partner.commercial_partner_id, line.company_id
            """,
            partners=tuple(dealers.ids), companies=tuple(companies.ids), overdue_before=overdue_before,
        ))
        return {
            (partner_id, company_id): (amount, oldest)
            for partner_id, company_id, amount, oldest in self.env.cr.fetchall()
        }
