from collections import defaultdict
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, is_html_empty

from odoo.addons.dealer_management.models.dealer_complaint import OPEN_STATES as COMPLAINT_OPEN_STATES
from odoo.addons.dealer_management.models.dealer_workflow_line_mixin import CHATTER_PREFIXES
from odoo.addons.dealer_management.tools.period import period_bounds, period_label, previous_period

REVIEW_STATES = [
    ("draft", "Prepared"),
    ("held", "Held"),
    ("done", "Closed"),
    ("cancel", "Cancelled"),
]
# contracts whose targets count: the ones that were in force (a superseded version's targets live on in the next)
TARGET_CONTRACT_STATES = ("active", "expired", "terminated")
# the dealer and the quarter of a review: chosen while it is prepared, fixed once it is held
REVIEW_KEY_FIELDS = frozenset({"partner_id", "company_id", "date_from"})
# the figures of the quarter: written by _refresh_figures only
FIGURE_FIELDS = (
    "figures_date", "sales_amount", "target_amount", "achievement_percent", "sales_previous_amount",
    "receivable_amount", "overdue_amount", "overdue_since", "credit_limit", "credit_available", "stock_report_id",
    "stock_date", "stock_quantity", "stock_product_count", "complaint_count", "complaint_open_count",
)


def _as_date(value):
    """The day of a date or datetime group key of ``_read_group``."""
    return value.date() if isinstance(value, datetime) else value


class DealerBusinessReview(models.Model):
    """A quarterly business review (业务回顾) with one dealer: the quarter's figures, the meeting's minutes and the
    actions agreed in it.

    Prepared (by the daily job or the Prepare Reviews wizard) with the figures the suite already has; the figures
    are refreshed while the review is prepared and frozen when it is held, so that the printed review of a past
    quarter never changes. A link module adds its own figures by extending ``_review_figures``.
    """

    _name = "dealer.business.review"
    _description = "Dealer Business Review"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin", "dealer.unique.mixin"]
    _order = "date_from desc, partner_id, id desc"
    # one review per dealer, company and quarter, cancelled ones aside (see _check_unique_quarter)
    _dealer_unique_indexes = {
        "quarter_uniq": (
            ("partner_id", "company_id", "date_from", "state"), "partner_id, company_id, date_from",
            "state != 'cancel'", "_check_unique_quarter",
        ),
    }
    _sql_constraints = [("quarter_uniq", "", "This dealer already has a business review for this quarter.")]

    name = fields.Char(string="Reference", default="/", copy=False, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True, tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, tracking=True, check_company=True,
        domain=[("is_dealer", "=", True), ("is_company", "=", True)],
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", compute="_compute_user_id", store=True, readonly=False, precompute=True,
        tracking=True, domain=[("share", "=", False)], help="Holds the review and follows up its actions.",
    )
    date_from = fields.Date(
        string="Quarter Start", required=True, index=True, tracking=True,
        default=lambda self: previous_period(fields.Date.context_today(self), "quarter")[0],
        help="First day of the quarter reviewed.",
    )
    date_to = fields.Date(string="Quarter End", compute="_compute_date_to", store=True, precompute=True)
    quarter = fields.Char(compute="_compute_quarter")
    date = fields.Date(string="Meeting Date", tracking=True, help="When the review meeting takes place.")
    location = fields.Char(string="Place")
    attendee_ids = fields.Many2many(
        "res.partner", "dealer_business_review_attendee_rel", "review_id", "partner_id", string="Attendees",
        help="The dealer's people and ours at the meeting.",
    )
    state = fields.Selection(
        REVIEW_STATES, default="draft", required=True, tracking=True, index=True, copy=False, readonly=True,
    )
    minutes = fields.Html(help="What was discussed at the meeting; required to close the review.")
    action_ids = fields.One2many("dealer.business.review.action", "review_id", string="Agreed Actions")
    action_open_count = fields.Integer(string="Open Actions", compute="_compute_action_counts")
    action_overdue_count = fields.Integer(string="Overdue Actions", compute="_compute_action_counts")

    # ---- figures: written by _refresh_figures only, frozen once the review is held
    figures_date = fields.Datetime(string="Figures As Of", readonly=True, copy=False)
    sales_amount = fields.Monetary(
        string="Net Sales", readonly=True, copy=False,
        help="Posted customer invoices minus credit notes (untaxed) of the dealer in the quarter.",
    )
    target_amount = fields.Monetary(
        string="Target", readonly=True, copy=False,
        help="The quarter's sales targets (all products) of the dealer's contracts.",
    )
    achievement_percent = fields.Float(string="Achievement (%)", digits=(16, 1), readonly=True, copy=False)
    sales_previous_amount = fields.Monetary(
        string="Net Sales Previous Quarter", readonly=True, copy=False,
    )
    receivable_amount = fields.Monetary(string="Open Receivable", readonly=True, copy=False)
    overdue_amount = fields.Monetary(
        string="Overdue", readonly=True, copy=False, help="Customer invoices still due whose due date has passed.",
    )
    overdue_since = fields.Date(string="Oldest Overdue Due Date", readonly=True, copy=False)
    credit_limit = fields.Monetary(readonly=True, copy=False, help="0 means no limit.")
    credit_available = fields.Monetary(readonly=True, copy=False)
    stock_report_id = fields.Many2one(
        "dealer.stock.report", string="Latest Stock Report", readonly=True, copy=False, check_company=True,
    )
    stock_date = fields.Date(readonly=True, copy=False)
    stock_quantity = fields.Float(
        string="Units in Stock", digits="Product Unit of Measure", readonly=True, copy=False,
    )
    stock_product_count = fields.Integer(string="Products in Stock", readonly=True, copy=False)
    complaint_count = fields.Integer(string="Complaints in the Quarter", readonly=True, copy=False)
    complaint_open_count = fields.Integer(string="Open Complaints", readonly=True, copy=False)

    # ------------------------------------------------------------------ computes
    @api.depends("partner_id")
    def _compute_user_id(self):
        for review in self:
            review.user_id = review.partner_id.user_id or review.user_id or self.env.user

    @api.depends("date_from")
    def _compute_date_to(self):
        for review in self:
            review.date_to = review.date_from and period_bounds(review.date_from, "quarter")[1]

    @api.depends("date_from")
    def _compute_quarter(self):
        for review in self:
            review.quarter = review.date_from and period_label(review.date_from, "quarter") or ""

    @api.depends("name", "partner_id", "date_from")
    def _compute_display_name(self):
        for review in self:
            parts = [review.name if review.name != "/" else "", review.partner_id.name, review.quarter]
            review.display_name = " / ".join(part for part in parts if part)

    @api.depends("action_ids.state", "action_ids.date_deadline")
    def _compute_action_counts(self):
        today = fields.Date.context_today(self)
        for review in self:
            open_actions = review.action_ids.filtered(lambda a: a.state == "open")
            review.action_open_count = len(open_actions)
            review.action_overdue_count = len(open_actions.filtered(lambda a: a.date_deadline < today))

    @property
    def _dealer_protected_fields(self):
        """The state and the figures: written by the review's own code only (dealer.workflow.mixin)."""
        return ("state", *self._review_figure_fields())

    @api.model
    def _review_figure_fields(self):
        """The stored figures of the review; a link module adding figures adds their fields here (a class
        attribute could not say it: the last link module loaded would replace the others' fields)."""
        return FIGURE_FIELDS

    # ------------------------------------------------------------------ constraints
    @api.constrains("date_from")
    def _check_date_from(self):
        for review in self:
            if period_bounds(review.date_from, "quarter")[0] != review.date_from:
                raise ValidationError(_(
                    "A business review covers a calendar quarter: start it on the quarter's first day (%(day)s).",
                    day=format_date(self.env, period_bounds(review.date_from, "quarter")[0]),
                ))

    def _check_unique_quarter(self):
        """One review per dealer, company and quarter (checked before writing, see _dealer_unique_indexes)."""
        for review in self.filtered(lambda r: r.state != "cancel" and r.partner_id and r.date_from):
            # sudo: the other review may belong to a company the user does not work in at the moment
            other = self.sudo().search([
                ("id", "!=", review._origin.id), ("partner_id", "=", review.partner_id.id),
                ("company_id", "=", review.company_id.id), ("date_from", "=", review.date_from),
                ("state", "!=", "cancel"),
            ], limit=1)
            if other:
                raise ValidationError(_(
                    "%(dealer)s already has business review %(other)s for %(quarter)s.",
                    dealer=review.partner_id.display_name, other=other.name, quarter=review.quarter,
                ))

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.business.review") or "/"
        reviews = super().create(vals_list)
        reviews._refresh_figures()
        return reviews

    def write(self, vals):
        # as the lines' lock: a sudo() elsewhere (a portal route, a bridge) does not pass, the review's own code does
        if not self._dealer_lines_trusted():
            # the agreed actions say themselves that they are locked (dealer.workflow.line.mixin)
            changed = {fname for fname in vals if not fname.startswith(CHATTER_PREFIXES)} - {"action_ids"}
            if changed:
                self.filtered(lambda r: r.state in ("done", "cancel"))._check_state(
                    (), _("Business review %(name)s is %(state)s: it can no longer be changed."),
                )
            if REVIEW_KEY_FIELDS.intersection(vals):
                self._check_state(
                    ("draft",), _("Business review %(name)s is %(state)s: its dealer and quarter are fixed."),
                )
        result = super().write(vals)
        if REVIEW_KEY_FIELDS.intersection(vals):
            self._refresh_figures()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_prepared(self):
        self._check_state(("draft", "cancel"), _("Business review %(name)s is %(state)s: cancel it, do not delete it."))

    def _dealer_lines_locked(self):
        """The agreed actions are followed up until the review is closed; then they are the record of it."""
        return self.filtered(lambda r: r.state in ("done", "cancel"))

    # ------------------------------------------------------------------ figures
    def _refresh_figures(self):
        """Compute the figures of the prepared reviews among these and store them (held ones keep theirs)."""
        reviews = self.filtered(lambda r: r.state == "draft")
        if not reviews:
            return
        figures = reviews._review_figures()
        now = fields.Datetime.now()
        for review in reviews:
            review._dealer_trusted().write({**figures[review.id], "figures_date": now})

    def _review_figures(self):
        """{review id: {figure field: value}} for these reviews, in a fixed number of queries for the sales,
        targets, receivables, stock and complaints (the credit figures are the order credit check's own, asked
        per dealer). Link modules add their figures by extending this method."""
        result = {review.id: {} for review in self}
        if not self:
            return result
        self._figures_sales(result)
        self._figures_payment(result)
        self._figures_stock(result)
        self._figures_complaints(result)
        return result

    def _figures_sales(self, result):
        """Net sales of the quarter and the one before, against the contracts' targets of the quarter."""
        Target = self.env["dealer.contract.target"]
        first_day = min(previous_period(review.date_from, "quarter")[0] for review in self)
        last_day = max(self.mapped("date_to"))
        sales = Target._net_invoiced_by_day(self.partner_id, first_day, last_day, self.company_id)
        totals = defaultdict(float)
        for (partner_id, company_id, day), amount in sales.items():
            totals[partner_id, company_id, period_bounds(day, "quarter")[0]] += amount
        # sudo: the targets' amounts are figures of the review; the user may not read every contract
        targets = Target.sudo()._read_group([
            ("partner_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
            ("contract_id.state", "in", TARGET_CONTRACT_STATES), ("categ_id", "=", False),
            ("date_start", ">=", first_day), ("date_end", "<=", last_day),
        ], ["partner_id", "company_id", "date_start:quarter"], ["amount:sum"])
        target_totals = {
            (partner.id, company.id, _as_date(quarter)): amount for partner, company, quarter, amount in targets
        }
        for review in self:
            key = (review.partner_id.id, review.company_id.id)
            sales_amount = review.currency_id.round(totals[(*key, review.date_from)])
            target_amount = target_totals.get((*key, review.date_from), 0.0)
            result[review.id].update({
                "sales_amount": sales_amount,
                "sales_previous_amount": review.currency_id.round(
                    totals[(*key, previous_period(review.date_from, "quarter")[0])]),
                "target_amount": target_amount,
                "achievement_percent": round(100.0 * sales_amount / target_amount, 1) if target_amount else 0.0,
            })

    def _figures_payment(self, result):
        """Open and overdue receivable, and the credit the order check leaves the dealer, as of today."""
        today = fields.Date.context_today(self)
        # sudo: aggregate figures of the dealer's account, for users who may not read journal items
        overdue = self.env["account.move.line"].sudo()._read_group([
            ("partner_id", "child_of", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
            ("parent_state", "=", "posted"), ("reconciled", "=", False),
            ("account_id.account_type", "=", "asset_receivable"), ("move_id.move_type", "=", "out_invoice"),
            ("amount_residual", ">", 0), ("date_maturity", "<", today),
        ], ["partner_id", "company_id"], ["amount_residual:sum", "date_maturity:min"])
        overdue_totals = defaultdict(lambda: [0.0, None])
        for partner, company, amount, oldest in overdue:
            total = overdue_totals[partner.commercial_partner_id.id, company.id]
            total[0] += amount
            total[1] = min(filter(None, (total[1], oldest)), default=None)
        for review in self:
            credit = review.partner_id._dealer_credit_figures(review.company_id)
            amount, oldest = overdue_totals[review.partner_id.id, review.company_id.id]
            result[review.id].update({
                "receivable_amount": credit["receivable"],
                "overdue_amount": review.currency_id.round(amount),
                "overdue_since": oldest or False,
                "credit_limit": credit["limit"],
                "credit_available": credit["available"],
            })

    def _figures_stock(self, result):
        """The dealer's latest validated channel stock report up to today: its date, units and products."""
        today = fields.Date.context_today(self)
        # sudo: the stock reports are read for the review's figures only
        reports = self.env["dealer.stock.report"].sudo().search([
            ("partner_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
            ("state", "=", "validated"), ("date", "<=", today),
        ], order="date desc, id desc")
        latest = {}
        for report in reports:
            latest.setdefault((report.partner_id.id, report.company_id.id), report)
        lines = self.env["dealer.stock.report.line"].sudo()._read_group(
            [("report_id", "in", [report.id for report in latest.values()]), ("quantity", ">", 0)],
            ["report_id"], ["quantity:sum", "product_id:count_distinct"],
        ) if latest else []
        by_report = {report.id: (quantity, products) for report, quantity, products in lines}
        for review in self:
            report = latest.get((review.partner_id.id, review.company_id.id))
            quantity, products = by_report.get(report.id, (0.0, 0)) if report else (0.0, 0)
            result[review.id].update({
                "stock_report_id": report.id if report else False,
                "stock_date": report.date if report else False,
                "stock_quantity": quantity,
                "stock_product_count": products,
            })

    def _figures_complaints(self, result):
        """Complaints reported in the quarter, and the dealer's complaints still open."""
        first_day = min(self.mapped("date_from"))
        # sudo: counts only
        groups = self.env["dealer.complaint"].sudo()._read_group([
            ("partner_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
            "|", ("state", "in", COMPLAINT_OPEN_STATES), ("date_reported", ">=", first_day),
        ], ["partner_id", "company_id", "state", "date_reported:quarter"], ["__count"])
        for review in self:
            reported = open_count = 0
            for partner, company, state, quarter, count in groups:
                if (partner, company) != (review.partner_id, review.company_id):
                    continue
                if state in COMPLAINT_OPEN_STATES:
                    open_count += count
                if quarter and _as_date(quarter) == review.date_from:
                    reported += count
            result[review.id].update({"complaint_count": reported, "complaint_open_count": open_count})

    # ------------------------------------------------------------------ preparation
    @api.model
    def _prepare_reviews(self, date_from, dealers):
        """Create the review of the quarter starting ``date_from`` for each of these dealers that has none yet
        (a cancelled one counts: it was decided not to hold it). Returns the new reviews."""
        company = self.env.company
        # sudo: which dealers already have a review, whoever prepared it
        existing = self.sudo().search([
            ("partner_id", "in", dealers.ids), ("company_id", "=", company.id), ("date_from", "=", date_from),
        ]).partner_id
        missing = dealers - existing
        return self.create([
            {"partner_id": dealer.id, "company_id": company.id, "date_from": date_from} for dealer in missing
        ])

    @api.model
    def _reviewable_dealers(self, grades=None, territories=None, active_by=None):
        """The active dealers (companies) of these grades and territories, dealers since ``active_by`` if given."""
        domain = [("is_dealer", "=", True), ("is_company", "=", True), ("dealer_state", "=", "active")]
        if active_by:
            domain.append(("dealer_since", "<=", active_by))
        if grades:
            domain.append(("dealer_grade_id", "in", grades.ids))
        if territories:
            domain.append(("dealer_territory_ids", "child_of", territories.ids))
        return self.env["res.partner"].search(domain)

    @api.model
    def _cron_prepare_reviews(self):
        """Daily: prepare the reviews of the quarter just ended for every active dealer that was a dealer by its
        end (idempotent: a dealer that has one, even cancelled, is left alone)."""
        date_from, date_to = previous_period(fields.Date.context_today(self), "quarter")
        for company in self.env["res.company"].search([]):
            reviews = self.with_company(company)
            reviews._prepare_reviews(date_from, reviews._reviewable_dealers(active_by=date_to))

    # ------------------------------------------------------------------ actions
    def action_refresh_figures(self):
        """Compute the figures again (prepared reviews only: a held review keeps the figures it was held with)."""
        self._check_state(("draft",), _("Business review %(name)s is %(state)s: its figures are frozen."))
        self._refresh_figures()

    def action_hold(self):
        """The meeting took place: take the figures one last time and freeze them."""
        self._check_state(("draft",), _("Business review %(name)s cannot be held: it is %(state)s."))
        self._refresh_figures()
        today = fields.Date.context_today(self)
        for review in self:
            review._dealer_trusted().write({"state": "held", "date": review.date or today})

    def action_close(self):
        """Close the review once its minutes are written and every agreed action is done or cancelled."""
        self._check_state(("held",), _("Business review %(name)s cannot be closed: it is %(state)s."))
        for review in self:
            if is_html_empty(review.minutes):
                raise UserError(_("Write the minutes of business review %(name)s before closing it.",
                                  name=review.display_name))
            if review.action_open_count:
                raise UserError(_(
                    "Business review %(name)s still has %(count)s open action(s): mark them done or cancel them "
                    "before closing the review.", name=review.display_name, count=review.action_open_count,
                ))
        self._dealer_trusted().write({"state": "done"})

    def action_cancel(self):
        """Cancel a review that will not be held (Dealer Manager)."""
        self._check_dealer_manager(_("Only a Dealer Manager may cancel a business review."))
        self._check_state(("draft", "held"), _("Business review %(name)s cannot be cancelled: it is %(state)s."))
        self._dealer_trusted().write({"state": "cancel"})

    def action_draft(self):
        """Prepare a cancelled review again (Dealer Manager); its figures are computed afresh."""
        self._check_dealer_manager(_("Only a Dealer Manager may prepare a cancelled business review again."))
        self._check_state(("cancel",), _("Business review %(name)s is %(state)s: only a cancelled one is reset."))
        self._dealer_trusted().write({"state": "draft"})
        self._refresh_figures()
