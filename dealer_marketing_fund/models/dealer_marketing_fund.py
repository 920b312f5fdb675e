from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount, format_date

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows

# what an application holds of its fund, by state: the approved amount until it is verified, then the verified one
COMMITTED_STATES = ("approved", "proof_submitted", "verified")
SPENT_STATES = ("settled",)


class DealerMarketingFund(models.Model):
    """A dealer's marketing-support fund (市场支持费用) for a period: its contract's Marketing Support Budget over
    the contract's dates, or its grade's yearly budget over a calendar year when the contract grants none.

    What approved applications hold is committed, what settled ones paid is spent, the rest is left; an approval
    takes from what is left under a row lock on the fund (``_dealer_lock``)."""

    _name = "dealer.marketing.fund"
    _description = "Dealer Marketing Fund"
    _check_company_auto = True
    _inherit = ["mail.thread", "dealer.unique.mixin"]
    _order = "date_from desc, id desc"
    # one fund per dealer, contract (or none: the grade's budget) and period
    _dealer_unique_indexes = {
        "period_uniq": (
            ("partner_id", "contract_id", "date_from", "date_to"),
            "partner_id, COALESCE(contract_id, 0), date_from, date_to", "", None,
        ),
    }
    _sql_constraints = [("period_uniq", "", "This dealer already has a marketing fund for this contract and period.")]

    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, readonly=True,
        domain=[("is_dealer", "=", True)], check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    contract_id = fields.Many2one("dealer.contract", readonly=True, index=True, check_company=True)
    grade_id = fields.Many2one(
        "dealer.grade", readonly=True, check_company=True,
        help="The grade whose yearly budget this fund holds (a dealer without a contract budget).",
    )
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    budget = fields.Monetary(
        currency_field="currency_id", compute="_compute_budget", store=True, tracking=True,
        help="The contract's Marketing Support Budget, or the grade's yearly budget.",
    )
    application_ids = fields.One2many("dealer.marketing.application", "fund_id", string="Applications")
    amount_committed = fields.Monetary(
        string="Committed", currency_field="currency_id", compute="_compute_figures",
        help="Approved, not yet settled: the approved amount, or the verified amount once verified.",
    )
    amount_spent = fields.Monetary(string="Spent", currency_field="currency_id", compute="_compute_figures",
                                   help="Settled through a credit note or a vendor bill.")
    amount_left = fields.Monetary(string="Left", currency_field="currency_id", compute="_compute_figures",
                                  help="Budget − committed − spent: what may still be approved.")

    # ------------------------------------------------------------------ computes
    @api.depends("contract_id.promo_budget", "grade_id.marketing_fund_budget")
    def _compute_budget(self):
        for fund in self:
            fund.budget = fund.contract_id.promo_budget if fund.contract_id else fund.grade_id.marketing_fund_budget

    @api.depends("application_ids.state", "application_ids.amount_reserved", "budget")
    def _compute_figures(self):
        figures = self._dealer_figures()
        for fund in self:
            committed, spent = figures.get(fund.id, (0.0, 0.0))
            fund.amount_committed, fund.amount_spent = committed, spent
            fund.amount_left = fund.budget - committed - spent

    def _dealer_figures(self):
        """{fund id: (committed, spent)} of these funds in one grouped query."""
        ids = [fund_id for fund_id in self.ids if fund_id]
        if not ids:
            return {}
        # sudo: the fund's figures sum every application of it, whoever may read which
        groups = self.env["dealer.marketing.application"].sudo()._read_group(
            [("fund_id", "in", ids), ("state", "in", COMMITTED_STATES + SPENT_STATES)],
            ["fund_id", "state"], ["amount_reserved:sum"],
        )
        result = {}
        for fund, state, amount in groups:
            committed, spent = result.get(fund.id, (0.0, 0.0))
            result[fund.id] = (committed, spent + amount) if state in SPENT_STATES else (committed + amount, spent)
        return result

    @api.depends("partner_id", "date_from", "date_to")
    def _compute_display_name(self):
        for fund in self:
            fund.display_name = _(
                "%(dealer)s, %(start)s – %(end)s", dealer=fund.partner_id.name or "",
                start=format_date(self.env, fund.date_from), end=format_date(self.env, fund.date_to),
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for fund in self:
            if fund.date_to < fund.date_from:
                raise ValidationError(_("A marketing fund cannot end before it starts."))

    # ------------------------------------------------------------------ the fund of a dealer
    @api.model
    def _dealer_fund_for(self, dealer, day):
        """The fund of ``dealer`` that pays an activity on ``day`` (created on first use), or an empty recordset.

        The contract in force on that day with a Marketing Support Budget gives the fund; without one, the dealer's
        grade gives a yearly fund."""
        # sudo: funds are found and opened by the applications' own code; the caller's right is checked there
        Fund = self.sudo()
        contract = self.env["dealer.contract"].sudo().search([
            ("partner_id", "=", dealer.id), ("state", "=", "active"), ("promo_budget", ">", 0),
            ("date_start", "<=", day), ("date_end", ">=", day), ("company_id", "=", self.env.company.id),
        ], order="date_start desc", limit=1)
        if contract:
            vals = {"partner_id": dealer.id, "contract_id": contract.id, "company_id": contract.company_id.id,
                    "date_from": contract.date_start, "date_to": contract.date_end}
        else:
            # sudo: the dealer's grade is read to find its budget; nothing is written
            grade = dealer.sudo().dealer_grade_id
            if not grade or grade.marketing_fund_budget <= 0:
                return self.browse()
            vals = {"partner_id": dealer.id, "contract_id": False, "grade_id": grade.id,
                    "company_id": self.env.company.id, "date_from": date(day.year, 1, 1),
                    "date_to": date(day.year, 12, 31)}
        fund = Fund.search([(fname, "=", value) for fname, value in vals.items() if fname != "grade_id"], limit=1)
        return (fund or Fund.create(vals)).sudo(False)

    def _dealer_lock(self):
        """Take the fund rows before an approval: two approvals at the same moment are served one after the other,
        the second one on the figures the first left (see dealer_management's ``lock_rows``)."""
        lock_rows(self)
        self.invalidate_recordset(["amount_committed", "amount_spent", "amount_left"])

    def _dealer_left_message(self, amount):
        """Why ``amount`` cannot be taken from this fund: a whole translated sentence."""
        self.ensure_one()
        return _(
            "The marketing fund %(fund)s has %(left)s left: %(amount)s cannot be granted. Lower the amount.",
            fund=self.display_name, left=format_amount(self.env, self.amount_left, self.currency_id),
            amount=format_amount(self.env, amount, self.currency_id),
        )
