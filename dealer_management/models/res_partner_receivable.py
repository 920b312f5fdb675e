from odoo import models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

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
