from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, formatLang

from ..tools.html import text_to_html
from .dealer_unique_mixin import lock_rows

TERMINATION_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("draft", "confirmed")
REASON_CODES = [
    ("breach", "Breach of law or company rules"),
    ("under_target", "Two consecutive years under target"),
    ("voluntary", "Voluntary withdrawal"),
    ("other", "Other"),
]
# sale_stock's delivery_status values meaning the goods have not all left
UNDELIVERED_STATUSES = ("pending", "started", "partial")


class DealerTermination(models.Model):
    """Exit of a dealer: reason, effective date, checks on open business, then the dealer's termination."""

    _name = "dealer.termination"
    _description = "Dealer Termination"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin", "dealer.unique.mixin"]
    _order = "request_date desc, id desc"
    _check_company_auto = True
    # written by the actions only (the territories released are those the execution took from the dealer)
    _dealer_protected_fields = ("state", "released_territory_ids")
    # one termination in progress per dealer, whatever the company (see _check_single_open_termination)
    _dealer_unique_indexes = {
        "open_dealer_uniq": (
            ("partner_id", "state"), "partner_id", "state IN ('draft', 'confirmed')", "_check_single_open_termination",
        ),
    }
    _sql_constraints = [(
        "open_dealer_uniq", "",
        "This dealer already has a termination in progress: complete or cancel it before starting another one.",
    )]

    name = fields.Char(string="Reference", default="/", copy=False, readonly=True, index="trigram")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, tracking=True, ondelete="restrict",
        check_company=True, domain=[("is_dealer", "=", True)],
    )
    dealer_state = fields.Selection(related="partner_id.dealer_state", string="Dealer Status")
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True,
        domain=[("share", "=", False)],
    )
    state = fields.Selection(
        TERMINATION_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True, index=True,
    )
    reason_code = fields.Selection(REASON_CODES, string="Reason", required=True, tracking=True)
    reason = fields.Text(string="Details", help="Facts behind the decision; required for the reason 'Other'.")
    request_date = fields.Date(default=fields.Date.context_today, copy=False, tracking=True)
    effective_date = fields.Date(
        required=True, default=fields.Date.context_today, copy=False, tracking=True,
        help="Day the dealer stops being a dealer; confirmed terminations are executed automatically on that day.",
    )
    open_quotation_count = fields.Integer(compute="_compute_checks", string="Open Quotations")
    undelivered_order_count = fields.Integer(compute="_compute_checks", string="Undelivered Orders")
    open_receivable = fields.Monetary(
        compute="_compute_checks", currency_field="currency_id",
        help="Posted, unreconciled receivable of the dealer in this company.",
    )
    blocking_issues = fields.Text(compute="_compute_checks")
    force = fields.Boolean(
        string="Force Termination", tracking=True, copy=False,
        help="Terminate despite the open business (Dealer Managers only); a note is then required.",
    )
    force_note = fields.Text(copy=False, help="Why the termination goes ahead despite the open business.")
    deposit_held_amount = fields.Monetary(
        string="Deposit Held", compute="_compute_deposit_refund", currency_field="currency_id",
        help="Deposits (保证金) of the dealer's contracts not yet refunded.",
    )
    deposit_deduction_amount = fields.Monetary(
        string="Deducted from Deposit", compute="_compute_deposit_refund", currency_field="currency_id",
        help="Open fine invoices and overdue receivables the refund settles against the deposit.",
    )
    deposit_refund_amount = fields.Monetary(
        string="Deposit Paid Back", compute="_compute_deposit_refund", currency_field="currency_id",
    )
    deposit_deduction_details = fields.Text(string="Deductions", compute="_compute_deposit_refund")
    released_territory_ids = fields.Many2many(
        "dealer.territory", "dealer_termination_territory_rel", "termination_id", "territory_id",
        string="Released Territories", readonly=True, copy=False, check_company=True,
    )

    # ------------------------------------------------------------------ computes
    @api.depends("partner_id", "company_id")
    def _compute_checks(self):
        figures = self._get_open_business()
        for termination in self:
            values = figures[termination]
            termination.open_quotation_count = values["quotations"]
            termination.undelivered_order_count = values["undelivered"]
            termination.open_receivable = values["receivable"]
            termination.blocking_issues = "\n".join(termination._describe_open_business(values))

    def _deposit_holders(self):
        """The dealer's contracts holding a deposit not yet refunded (read as superuser: figures and refund)."""
        self.ensure_one()
        return self.env["dealer.contract"].sudo().search([
            ("partner_id", "=", self.partner_id.commercial_partner_id.id), ("company_id", "=", self.company_id.id),
            ("deposit_holder_id", "=", False), ("deposit_refund_date", "=", False), ("deposit_held_amount", ">", 0.0),
        ])

    @api.depends("partner_id", "company_id")
    def _compute_deposit_refund(self):
        for termination in self:
            holders = termination._deposit_holders() if termination.partner_id else self.env["dealer.contract"]
            held = sum(holders.mapped("deposit_held_amount"))
            deductions = holders[:1]._dealer_deposit_deductions(held) if holders else []
            deducted = sum(amount for _line, amount in deductions)
            termination.deposit_held_amount = held
            termination.deposit_deduction_amount = deducted
            termination.deposit_refund_amount = held - deducted
            termination.deposit_deduction_details = "\n".join(
                f"{line.move_id.name} ({line.date_maturity or ''}): "
                f"{formatLang(self.env, amount, currency_obj=termination.currency_id)}"
                for line, amount in deductions
            )

    def _get_open_business(self):
        """Open quotations, undelivered orders and receivable for each termination, one grouped query each."""
        result = {termination: {"quotations": 0, "undelivered": 0, "receivable": 0.0} for termination in self}
        dealers = self.partner_id.commercial_partner_id
        if not dealers:
            return result
        # sudo: the figures cover every salesperson's orders and the accounting, whoever looks at the termination
        common = [("company_id", "in", self.company_id.ids)]
        orders = self.env["sale.order"].sudo()
        quotations = orders._read_group(
            common + [("partner_id.commercial_partner_id", "in", dealers.ids)] + orders._dealer_open_quotation_domain(),
            ["partner_id", "company_id"], ["__count"],
        )
        undelivered = orders._read_group(
            common + [("partner_id.commercial_partner_id", "in", dealers.ids), ("state", "=", "sale"),
                      ("delivery_status", "in", UNDELIVERED_STATUSES)],
            ["partner_id", "company_id"], ["__count"],
        )
        totals = {}
        for key, rows in (("quotations", quotations), ("undelivered", undelivered)):
            for partner, company, value in rows:
                slot = totals.setdefault((partner.commercial_partner_id.id, company.id), {})
                slot[key] = slot.get(key, 0) + value
        for key, (receivable, _oldest) in dealers._dealer_open_receivable(self.company_id).items():
            totals.setdefault(key, {})["receivable"] = receivable
        for termination in self:
            found = totals.get((termination.partner_id.commercial_partner_id.id, termination.company_id.id), {})
            result[termination].update(found)
        return result

    def _describe_open_business(self, values):
        """Human-readable list of what still blocks the termination."""
        self.ensure_one()
        issues = []
        if values["quotations"]:
            issues.append(
                _("%(count)s open quotation", count=values["quotations"]) if values["quotations"] == 1
                else _("%(count)s open quotations", count=values["quotations"])
            )
        if values["undelivered"]:
            issues.append(
                _("%(count)s undelivered order", count=values["undelivered"]) if values["undelivered"] == 1
                else _("%(count)s undelivered orders", count=values["undelivered"])
            )
        if not self.currency_id.is_zero(values["receivable"]):
            issues.append(_(
                "open receivable %(amount)s",
                amount=formatLang(self.env, values["receivable"], currency_obj=self.currency_id),
            ))
        return issues

    def _get_blocking_issues(self):
        """Fresh list of blocking issues per termination (never the cached computed figures)."""
        figures = self._get_open_business()
        return {termination: termination._describe_open_business(figures[termination]) for termination in self}

    # ------------------------------------------------------------------ constraints
    @api.constrains("partner_id")
    def _check_partner_is_dealer(self):
        for termination in self:
            if not termination.partner_id.is_dealer:
                raise ValidationError(_(
                    "%(partner)s is not a dealer: only dealers can be terminated.",
                    partner=termination.partner_id.display_name,
                ))

    def _check_single_open_termination(self):
        """A dealer has at most one termination in progress (checked before writing, see _dealer_unique_indexes)."""
        for termination in self.filtered(lambda t: t.state in OPEN_STATES):
            # sudo: the rule holds across companies, whatever the user may see
            other = self.sudo().search([
                ("partner_id", "=", termination.partner_id.id),
                ("state", "in", OPEN_STATES),
                ("id", "!=", termination._origin.id),
            ], limit=1)
            if other:
                raise ValidationError(_(
                    "Dealer %(dealer)s already has a termination in progress (%(reference)s). "
                    "Complete or cancel it before starting another one.",
                    dealer=termination.partner_id.display_name, reference=other.name,
                ))

    @api.constrains("reason_code", "reason")
    def _check_reason(self):
        for termination in self:
            if termination.reason_code == "other" and not (termination.reason or "").strip():
                raise ValidationError(_("Describe the reason of the termination when its reason is 'Other'."))

    @api.constrains("force", "force_note")
    def _check_force_note(self):
        for termination in self:
            if termination.force and not (termination.force_note or "").strip():
                raise ValidationError(_(
                    "Explain in the force note why termination %(reference)s goes ahead despite the open business.",
                    reference=termination.name,
                ))

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.termination") or "/"
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_processed(self):
        if any(termination.state in ("confirmed", "done") for termination in self):
            raise UserError(_("Only draft or cancelled terminations can be deleted; cancel a confirmed one first."))

    # ------------------------------------------------------------------ transitions
    def action_confirm(self):
        """Draft → confirmed: approve the termination once the open business is cleared (or forced)."""
        self._check_dealer_manager(_("Only a Dealer Manager may confirm a dealer termination."))
        self._check_state(("draft",), _("Termination %(name)s cannot be confirmed: it is %(state)s."))
        for termination in self:
            if termination.partner_id.dealer_state == "terminated":
                raise UserError(
                    _("Dealer %(dealer)s is already terminated.", dealer=termination.partner_id.display_name)
                )
        self._check_open_business("confirm")
        self._dealer_trusted().write({"state": "confirmed"})

    def action_execute(self):
        """Confirmed → done: terminate the dealer now (the effective date must have come)."""
        self._check_dealer_manager(_("Only a Dealer Manager may execute a dealer termination."))
        self._check_state(("confirmed",), _("Termination %(name)s cannot be executed: it is %(state)s."))
        today = fields.Date.context_today(self)
        for termination in self:
            if termination.effective_date > today:
                raise UserError(_(
                    "Termination %(reference)s takes effect on %(date)s: it cannot be executed before that day. "
                    "It will be executed automatically on the effective date, or move the date forward.",
                    reference=termination.name, date=format_date(self.env, termination.effective_date),
                ))
        self._check_open_business("execute")
        self._execute()

    def action_cancel(self):
        """Draft/confirmed → cancelled: the dealer stays as it is."""
        self._check_dealer_manager(_("Only a Dealer Manager may cancel a dealer termination."))
        self._check_state(OPEN_STATES, _("Termination %(name)s cannot be cancelled: it is %(state)s."))
        self._dealer_trusted().write({"state": "cancelled"})

    def action_draft(self):
        """Cancelled → draft: reopen a cancelled termination."""
        self._check_dealer_manager(_("Only a Dealer Manager may reopen a dealer termination."))
        self._check_state(("cancelled",), _("Termination %(name)s cannot be reset to draft: it is %(state)s."))
        self._dealer_trusted().write({"state": "draft", "force": False, "force_note": False})

    def action_refund_deposit(self):
        """Refund the dealer's deposits: open fines and overdue receivables deducted, the rest paid back (once)."""
        self._check_dealer_manager(_("Only a Dealer Manager may refund a deposit."))
        self._check_state(
            ("confirmed", "done"),
            _("The deposit is refunded once termination %(name)s is confirmed, not while it is %(state)s."),
        )
        for termination in self:
            holders = termination._deposit_holders()
            if not holders:
                raise UserError(_(
                    "Dealer %(dealer)s has no deposit left to refund.", dealer=termination.partner_id.display_name,
                ))
            lock_rows(holders)  # a refund at the same moment waits, then finds these deposits refunded
            holders._dealer_post_open_fines()
            for holder in holders:
                holder._dealer_refund_deposit()
            termination.message_post(body=_(
                "Deposit refunded for contract(s) %(contracts)s.", contracts=", ".join(holders.mapped("name")),
            ))
        return True

    # ------------------------------------------------------------------ business
    def _check_open_business(self, step):
        """Refuse to go on while the dealer has open business, unless a Dealer Manager forced it with a note.

        `step` is "confirm" or "execute".
        """
        issues_by_termination = self._get_blocking_issues()
        for termination in self:
            issues = issues_by_termination[termination]
            if not issues:
                continue
            if not termination.force:
                values = {
                    "reference": termination.name, "dealer": termination.partner_id.display_name,
                    "issues": ", ".join(issues),
                }
                if step == "confirm":
                    message = _(
                        "Termination %(reference)s cannot be confirmed: dealer %(dealer)s still has %(issues)s.\n"
                        "Clear them first (confirm or cancel the quotations, complete the deliveries, collect the "
                        "receivable), or have a Dealer Manager force the termination with a note.",
                    )
                else:
                    message = _(
                        "Termination %(reference)s cannot be executed: dealer %(dealer)s still has %(issues)s.\n"
                        "Clear them first (confirm or cancel the quotations, complete the deliveries, collect the "
                        "receivable), or have a Dealer Manager force the termination with a note.",
                    )
                raise UserError(message % values)
            termination._post_force_note(issues, step)

    def _post_force_note(self, issues, step):
        """Write the force note in the chatter of the termination and of the dealer."""
        self.ensure_one()
        if step == "confirm":
            forced = _("Termination %(reference)s confirmed by force despite: %(issues)s.",
                       reference=self.name, issues=", ".join(issues))
        else:
            forced = _("Termination %(reference)s executed by force despite: %(issues)s.",
                       reference=self.name, issues=", ".join(issues))
        body = Markup("<p>%s</p><p>%s</p>") % (forced, _("Force note: %(note)s", note=self.force_note))
        self.message_post(body=body)
        # sudo: the manager's right was checked on the termination; posting on the dealer needs no partner rights
        self.partner_id.sudo().message_post(body=body)

    def _dealer_portal_users(self):
        """Portal users of the dealer and of its contacts."""
        self.ensure_one()
        # sudo: users are only readable by administrators
        return self.env["res.users"].sudo().search([
            ("share", "=", True), ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
        ])

    def _execute(self):
        """Terminate the dealer: status and end date, territories released, portal access archived."""
        for termination in self:
            # sudo: the Dealer Manager right was checked on the termination; it may lack partner write access
            dealer = termination.partner_id.sudo()
            territories = dealer.dealer_territory_ids
            portal_users = termination._dealer_portal_users()
            dealer._dealer_set_state("terminated")
            dealer.write({"dealer_end_date": termination.effective_date, "dealer_territory_ids": [Command.clear()]})
            portal_users.write({"active": False})
            termination._dealer_trusted().write({
                "state": "done", "released_territory_ids": [Command.set(territories.ids)],
            })
            body = Markup("<p>%s</p><ul><li>%s</li><li>%s</li></ul>") % (
                _("Dealer terminated as of %(date)s (%(reference)s, reason: %(reason)s).",
                  date=format_date(self.env, termination.effective_date), reference=termination.name,
                  reason=termination._selection_label("reason_code")),
                _("Released territories: %(territories)s",
                  territories=", ".join(territories.mapped("complete_name")) or _("none")),
                _("Portal access removed for: %(users)s",
                  users=", ".join(portal_users.mapped("login")) or _("nobody")),
            )
            dealer.message_post(body=body)
            termination.message_post(body=body)

    @api.model
    def _cron_execute_due(self):
        """Execute the confirmed terminations whose effective date has come; flag the blocked ones."""
        due = self.search([
            ("state", "=", "confirmed"), ("effective_date", "<=", fields.Date.context_today(self)),
        ])
        issues_by_termination = due._get_blocking_issues()
        for termination in due:
            issues = issues_by_termination[termination]
            if issues and not termination.force:
                termination._schedule_blocked_activity(", ".join(issues))
                continue
            try:
                with self.env.cr.savepoint():
                    if issues:
                        termination._post_force_note(issues, "execute")
                    termination._execute()
            except (UserError, ValidationError) as error:
                termination._schedule_blocked_activity(str(error))

    def _schedule_blocked_activity(self, problem):
        """Ask the responsible user to unblock a due termination (once, not every day)."""
        self.ensure_one()
        summary = _("Termination blocked")
        note = _(
            "Termination %(reference)s is due but could not be executed: %(problem)s. Clear the open business, "
            "or have a Dealer Manager force the termination with a note.",
            reference=self.name, problem=problem,
        )
        if self.activity_ids.filtered(lambda activity: activity.summary == summary):
            return
        # the problem names the dealer and its documents, texts typed by others: escaped
        self.activity_schedule(
            "mail.mail_activity_data_todo", summary=summary, note=text_to_html(note),
            user_id=(self.user_id or self.env.user).id,
        )

    # ------------------------------------------------------------------ smart buttons
    def _action_view_dealer_orders(self, name, domain):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action.update({
            "name": name,
            "domain": [("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
                       ("company_id", "=", self.company_id.id), *domain],
            "context": {"create": False},
        })
        return action

    def action_view_open_quotations(self):
        """Open the dealer's quotations that block the termination."""
        return self._action_view_dealer_orders(_("Open Quotations"),
                                               self.env["sale.order"]._dealer_open_quotation_domain())

    def action_view_undelivered_orders(self):
        """Open the dealer's confirmed orders not fully delivered."""
        return self._action_view_dealer_orders(
            _("Undelivered Orders"), [("state", "=", "sale"), ("delivery_status", "in", UNDELIVERED_STATUSES)],
        )
