from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.dealer_management.tools.period import period_label

PORTAL_ROLES = [("owner", "Owner"), ("staff", "Staff")]


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_portal_role = fields.Selection(
        PORTAL_ROLES, default="staff", required=True, copy=False,
        help="Owner: sees the dealer's finances on the portal (credit, statement, rebates, contracts, scorecards, "
             "correction plans, exit request). Staff: catalog, orders, stock reports and complaints. "
             "Set by a Dealer Manager.",
    )

    def _dealer_portal_with_sub_dealers(self):
        """This dealer and, for a distributor, its sub-dealers: whose orders, stock reports and retail sales the
        dealer's portal users read (the sub-dealers' read-only)."""
        if not self:
            return self
        # sudo: the sub-dealers of the user's own dealer, found to list their records (read-only)
        return self | self.env["res.partner"].sudo().search([("parent_dealer_id", "in", self.ids)]).sudo(False)

    def can_edit_vat(self):
        """A dealer's name and 统一社会信用代码 (VAT), checked when it applied, are the back office's to change: Odoo's
        portal (/my/account) then refuses to change them, as it does once invoices exist."""
        return super().can_edit_vat() and not self.is_dealer

    def _dealer_check_portal_role(self, vals, records=None):
        """Only a Dealer Manager (or the dealer code itself) gives a contact the owner role or takes it away."""
        if "dealer_portal_role" not in vals or self._dealer_is_trusted() or self._is_dealer_manager():
            return
        if records is None:  # a create: only the default is free
            changed = vals["dealer_portal_role"] != "staff"
        else:
            changed = any(partner.dealer_portal_role != vals["dealer_portal_role"] for partner in records)
        if changed:
            raise AccessError(_("Only a Dealer Manager may change the dealer portal role of a contact."))

    @api.model_create_multi
    def create(self, vals_list):
        default_role = self.env.context.get("default_dealer_portal_role")
        for vals in vals_list:
            self._dealer_check_portal_role(vals if "dealer_portal_role" in vals or not default_role
                                           else dict(vals, dealer_portal_role=default_role))
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_check_portal_role(vals, self)
        res = super().write(vals)
        if "dealer_portal_role" in vals:
            self.with_context(active_test=False).user_ids._dealer_portal_sync_role()
        return res

    # ------------------------------------------------------------------ the /my/dealer dashboard
    def _dealer_portal_dashboard(self, company, day, full=True):
        """Figures of the /my/dealer dashboard of this dealer (one record, the portal user's own dealer).

        A fixed number of queries whatever the dealer's history: the contract lookup, its targets and their
        net sales (one grouped query per product category of the targets), the credit figures (open receivable,
        uninvoiced orders, overdue amount: one aggregate query each), the rebates (one grouped query), and what
        the link modules add to ``_dealer_portal_owner_figures``. ``full``: False for staff, who see the grade,
        the contract's validity and the target progress only.

        Read as superuser: the caller passes the user's own dealer (res.users._dealer_portal_dealer) and the
        figures are read for display only, from models a portal user has no right on.
        """
        self.ensure_one()
        dealer = self.sudo()
        Contract = self.env["dealer.contract"]
        contract = Contract._find_active(dealer, day, company).get(dealer, Contract).sudo()
        targets = contract.target_ids.sorted(lambda t: (t.date_start, t.categ_id.name or ""))
        values = {
            "dealer": dealer,
            "grade": dealer.dealer_grade_id,
            "contract": contract,
            "days_left": (contract.date_end - day).days if contract else 0,
            "targets": targets,
            # the period (and product category) of each target, without the contract's reference: an owner's document
            "target_labels": {
                target.id: " / ".join(part for part in (
                    period_label(target.date_start, target.period_type or "month") if target.date_start else "",
                    target.categ_id.name,
                ) if part)
                for target in targets
            },
            "currency": company.currency_id,
            "full": full,
        }
        if full:
            values.update(dealer._dealer_portal_owner_figures(company, day, contract))
        return values

    def _dealer_portal_owner_figures(self, company, day, contract):
        """The dashboard's figures that only the dealer's owners see: credit and rebates here; a link module adds
        its own (dealer_portal_assessment: the latest scorecard and the trend)."""
        return {
            **self._dealer_portal_credit_figures(company, day, contract),
            **self._dealer_portal_rebate_figures(company),
        }

    def _dealer_portal_credit_figures(self, company, day, contract):
        """Credit limit, used (open receivable + confirmed uninvoiced orders), available and overdue amount."""
        # the order credit check's own figures (res.partner._dealer_credit_figures, also on the dealer form);
        # everything pending is written first, as the check's SQL reads the tables
        self.env.flush_all()
        figures = self._dealer_credit_figures(company, contract)
        return {
            "credit_limit": figures["limit"],
            "credit_used": figures["used"],
            "credit_available": figures["available"],
            "receivable": figures["receivable"],
            "overdue": self._dealer_portal_overdue(company, day),
        }

    def _dealer_portal_overdue(self, company, day):
        """Amount still due on the dealer's posted receivable items whose due date is before ``day``: one query."""
        self.env["account.move.line"].flush_model([
            "account_id", "amount_residual", "company_id", "date_maturity", "parent_state", "partner_id", "reconciled",
        ])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env.cr.execute(SQL(
            """
            SELECT COALESCE(SUM(line.amount_residual), 0.0)
              FROM account_move_line line
              JOIN res_partner partner ON partner.id = line.partner_id
              JOIN account_account account ON account.id = line.account_id
             WHERE partner.commercial_partner_id = %(dealer)s
               AND line.company_id = %(company)s
               AND line.parent_state = 'posted'
               AND line.reconciled IS NOT TRUE
               AND line.amount_residual > 0
               AND line.date_maturity < %(day)s
               AND account.account_type = 'asset_receivable'
            """,
            dealer=self.commercial_partner_id.id, company=company.id, day=day,
        ))
        return self.env.cr.fetchone()[0]

    def _dealer_portal_rebate_figures(self, company):
        """Rebates pending (draft: computed, not yet confirmed), earned (confirmed or settled) and settled, in one
        grouped query."""
        groups = self.env["dealer.rebate"].sudo()._read_group(
            [("partner_id", "=", self.id), ("company_id", "=", company.id),
             ("state", "in", ("draft", "confirmed", "settled"))],
            ["state"], ["total_amount:sum"],
        )
        amounts = dict(groups)
        return {
            "rebate_pending": amounts.get("draft", 0.0),
            "rebate_earned": amounts.get("confirmed", 0.0) + amounts.get("settled", 0.0),
            "rebate_settled": amounts.get("settled", 0.0),
        }
