from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round, format_date

REPORT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("validated", "Validated"),
    ("cancelled", "Cancelled"),
]
ALERT_KINDS = [("overstock", "Overstock"), ("stockout_risk", "Stock-out Risk")]


class DealerStockReport(models.Model):
    """A dealer's channel inventory at a date (渠道库存): what it still holds of each product."""

    _name = "dealer.stock.report"
    _description = "Dealer Channel Stock Report"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin", "dealer.unique.mixin"]
    _order = "date desc, id desc"
    # one report per dealer, company and day, cancelled ones aside (see _check_unique_date)
    _dealer_unique_indexes = {
        "dealer_date_uniq": (
            ("partner_id", "company_id", "date", "state"), "partner_id, company_id, date", "state != 'cancelled'",
            "_check_unique_date",
        ),
    }
    _sql_constraints = [(
        "dealer_date_uniq", "",
        "This dealer already has a stock report for this day: correct that report, or cancel it before entering "
        "a new one.",
    )]

    name = fields.Char(string="Number", default="/", copy=False, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, tracking=True,
        domain=[("is_dealer", "=", True)], check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", compute="_compute_user_id", store=True, readonly=False, precompute=True,
        tracking=True, help="Receives the overstock and stock-out alerts of the report.",
    )
    date = fields.Date(
        string="Stock Date", required=True, index=True, tracking=True, default=fields.Date.context_today,
        help="The day the quantities were counted at the dealer.",
    )
    state = fields.Selection(
        REPORT_STATES, default="draft", required=True, tracking=True, index=True, copy=False, readonly=True,
    )
    line_ids = fields.One2many("dealer.stock.report.line", "report_id", string="Lines", copy=True)
    line_count = fields.Integer(compute="_compute_line_count")
    note = fields.Text()

    @api.depends("partner_id")
    def _compute_user_id(self):
        for report in self:
            report.user_id = report.partner_id.user_id or report.user_id or self.env.user

    @api.depends("line_ids")
    def _compute_line_count(self):
        for report in self:
            report.line_count = len(report.line_ids)

    @api.depends("name", "partner_id", "date")
    def _compute_display_name(self):
        for report in self:
            parts = [report.name, report.partner_id.name, report.date and format_date(self.env, report.date)]
            report.display_name = " / ".join(part for part in parts if part)

    # ------------------------------------------------------------------ constraints
    def _check_unique_date(self):
        """One report per dealer, company and day (checked before writing, see _dealer_unique_indexes)."""
        reports = self.filtered(lambda r: r.state != "cancelled")
        if not reports:
            return
        # the reports of all these dealers on these days in one query, then each report's other one
        reported = self.sudo().search([
            ("partner_id", "in", reports.partner_id.ids), ("company_id", "in", reports.company_id.ids),
            ("date", "in", list(set(reports.mapped("date")))), ("state", "!=", "cancelled"),
        ])
        for report in reports:
            other = reported.filtered(lambda r, report=report: (
                r.id != report._origin.id and r.partner_id == report.partner_id and r.company_id == report.company_id
                and r.date == report.date
            ))[:1]
            if other:
                raise ValidationError(_(
                    "%(dealer)s already has stock report %(other)s for %(date)s. Correct that report, or cancel it "
                    "before entering a new one.",
                    dealer=report.partner_id.display_name, other=other.name, date=format_date(self.env, report.date),
                ))

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.stock.report") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if {"partner_id", "date", "company_id"}.intersection(vals):
            self._check_state(
                ("draft", "submitted"), _("Stock report %(name)s is %(state)s: it can no longer be changed."),
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_state(("draft", "cancelled"), _("Stock report %(name)s is %(state)s: cancel it first."))

    def _dealer_lines_locked(self):
        """The lines change while the report is draft or submitted (the back office corrects the dealer's
        figures before validating them)."""
        return self.filtered(lambda r: r.state not in ("draft", "submitted"))

    def _dealer_lines_locked_message(self, lines):
        self.ensure_one()
        return _("Stock report %(name)s is %(state)s: its lines can no longer be changed.",
                 name=self.display_name, state=self._state_label())

    # ------------------------------------------------------------------ helpers
    # ------------------------------------------------------------------ transitions
    def action_submit(self):
        """Draft → submitted (the dealer's figures are complete)."""
        self._check_state(("draft",), _("Stock report %(name)s cannot be submitted: it is %(state)s, not draft."))
        for report in self.filtered(lambda r: not r.line_ids):
            raise UserError(_("Stock report %(name)s has no line: enter the quantities first.", name=report.name))
        self._dealer_trusted().write({"state": "submitted"})
        return True

    def action_validate(self):
        """Draft/submitted → validated: the report enters the channel inventory analysis."""
        self._check_dealer_manager(_("Only a Dealer Manager may validate a stock report."))
        self._check_state(("draft", "submitted"), _("Stock report %(name)s cannot be validated: it is %(state)s."))
        for report in self.filtered(lambda r: not r.line_ids):
            raise UserError(_("Stock report %(name)s has no line: enter the quantities first.", name=report.name))
        self._dealer_trusted().write({"state": "validated"})
        return True

    def action_cancel(self):
        """Any state but cancelled → cancelled."""
        self._check_state(("draft", "submitted", "validated"), _("Stock report %(name)s is already cancelled."))
        if self.filtered(lambda r: r.state == "validated"):
            self._check_dealer_manager(_("Only a Dealer Manager may cancel a validated stock report."))
        self._dealer_trusted().write({"state": "cancelled"})
        return True

    def action_draft(self):
        """Submitted/cancelled → draft."""
        self._check_state(("submitted", "cancelled"), _("Stock report %(name)s cannot be reset: it is %(state)s."))
        self._dealer_trusted().write({"state": "draft"})
        return True

    # ------------------------------------------------------------------ alerts
    def action_check_stock_alerts(self):
        """Schedule the overstock / stock-out risk to-dos of these validated reports."""
        self._check_state(("validated",), _(
            "Stock report %(name)s is %(state)s: only validated reports raise stock alerts.",
        ))
        count = self._schedule_stock_alerts()
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s new stock alert(s) scheduled.", count=count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_stock_alerts(self):
        """Daily: alert salespeople of overstock / stock-out risk in each dealer's latest validated report."""
        latest = self.env["dealer.stock.analysis"].search([("alert", "in", ("overstock", "stockout_risk"))]).report_id
        latest._schedule_stock_alerts()

    def _schedule_stock_alerts(self):
        """One to-do per report, product and kind of alert (never twice); returns how many were scheduled."""
        Analysis = self.env["dealer.stock.analysis"]
        high, low = Analysis._cover_thresholds()
        figures = Analysis._figures_for_reports(self)
        lines_by_key = {}
        for line in self.line_ids:
            lines_by_key.setdefault((line.report_id.id, line.product_id.id), line.browse())
            lines_by_key[line.report_id.id, line.product_id.id] |= line
        count = 0
        for key, row in figures.items():
            kind = Analysis._alert_kind(row["days_of_cover"], high, low)
            lines = lines_by_key.get(key, self.env["dealer.stock.report.line"])
            if kind == "ok" or not lines or kind in lines.mapped("alert_sent"):
                continue
            report = lines.report_id
            report.activity_schedule(
                "mail.mail_activity_data_todo", summary=report._alert_summary(kind, lines.product_id),
                note=report._alert_note(row, high, low),
                user_id=(report.partner_id.user_id or report.user_id or report.create_uid).id,
            )
            lines._dealer_trusted().alert_sent = kind
            count += 1
        return count

    def _alert_summary(self, kind, product):
        """Title of the alert to-do."""
        self.ensure_one()
        if kind == "overstock":
            return _("Overstock of %(product)s at %(dealer)s", product=product.display_name,
                     dealer=self.partner_id.display_name)
        return _("Stock-out risk of %(product)s at %(dealer)s", product=product.display_name,
                 dealer=self.partner_id.display_name)

    def _alert_note(self, row, high, low):
        """The figures behind the alert."""
        self.ensure_one()
        return _(
            "Stock report %(report)s of %(date)s: %(reported)s in stock, %(delivered)s delivered in the last 90 "
            "days, so %(cover)s days of cover (overstock above %(high)s days, stock-out risk below %(low)s days). "
            "Delivered since the start: %(total)s, sold through: %(sold)s (%(percent)s%%).",
            report=self.name, date=format_date(self.env, self.date), reported=row["reported_qty"],
            delivered=row["delivered_90d"], cover=float_round(row["days_of_cover"] or 0.0, 1), high=high, low=low,
            total=row["delivered_qty"], sold=row["sell_through_qty"],
            percent=float_round(row["sell_through_percent"] or 0.0, 1),
        )
