from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount, format_date

from ..tools.period import PERIOD_MONTHS, is_whole_period, period_label
from .dealer_unique_mixin import lock_rows

REBATE_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("settled", "Settled"),
    ("cancelled", "Cancelled"),
]


class DealerRebate(models.Model):
    """A period rebate statement (返利) of a contract, settled through a customer credit note."""

    _name = "dealer.rebate"
    _description = "Dealer Rebate"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin"]
    _order = "date_to desc, id desc"

    # the state, the computed figures and the credit note are written by the rebate's own code only
    _dealer_protected_fields = (
        "state", "net_sales", "target_amount", "achievement_percent", "tier_id", "rebate_percent",
        "rebate_amount", "computed_on", "credit_note_id", "quantity_achievement_percent",
    )

    name = fields.Char(string="Number", default="/", copy=False, readonly=True, tracking=True)
    contract_id = fields.Many2one(
        "dealer.contract", required=True, index=True, tracking=True, ondelete="restrict",
        domain=[("state", "in", ("active", "expired", "terminated", "superseded"))], check_company=True,
    )
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, index=True, string="Dealer")
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    user_id = fields.Many2one(related="contract_id.user_id", string="Salesperson")
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    state = fields.Selection(
        REBATE_STATES, default="draft", required=True, tracking=True, index=True, copy=False, readonly=True,
    )
    net_sales = fields.Monetary(
        currency_field="currency_id", readonly=True, copy=False,
        help="Posted customer invoices minus posted credit notes of the dealer in the contract's company "
             "(untaxed, in the company's currency, rebates and violation fines left out) whose invoice date "
             "lies in the period.",
    )
    target_amount = fields.Monetary(
        string="Target", currency_field="currency_id", readonly=True, copy=False,
        help="Sum of the contract's targets whose period lies inside the rebate period.",
    )
    achievement_percent = fields.Float(string="Achievement (%)", digits=(16, 2), readonly=True, copy=False)
    quantity_achievement_percent = fields.Float(
        string="Unit Achievement (%)", digits=(16, 2), readonly=True, copy=False,
        help="Net invoiced units over the unit targets of the period: reaches the rebate tiers on units.",
    )
    tier_id = fields.Many2one(
        "dealer.contract.rebate.tier", string="Tier Reached", readonly=True, copy=False, check_company=True,
    )
    rebate_percent = fields.Float(string="Rebate (%)", digits=(16, 2), readonly=True, copy=False)
    rebate_amount = fields.Monetary(
        currency_field="currency_id", readonly=True, copy=False,
        help="Net sales × rebate % + the fixed bonus of the tier reached.",
    )
    line_ids = fields.One2many("dealer.rebate.line", "rebate_id", string="Bonuses and Penalties", copy=True)
    adjustment_amount = fields.Monetary(
        string="Bonuses − Penalties", currency_field="currency_id", compute="_compute_total", store=True,
    )
    total_amount = fields.Monetary(
        string="Total Rebate", currency_field="currency_id", compute="_compute_total", store=True, tracking=True,
    )
    computed_on = fields.Datetime(readonly=True, copy=False)
    credit_note_id = fields.Many2one("account.move", readonly=True, copy=False, check_company=True)
    note = fields.Text()

    # ------------------------------------------------------------------ computes
    @api.depends("rebate_amount", "line_ids.amount", "line_ids.kind")
    def _compute_total(self):
        for rebate in self:
            rebate.adjustment_amount = sum(rebate.line_ids.mapped("signed_amount"))
            rebate.total_amount = rebate.rebate_amount + rebate.adjustment_amount

    @api.depends("name", "date_from", "date_to")
    def _compute_display_name(self):
        for rebate in self:
            rebate.display_name = f"{rebate.name or ''} ({rebate._period_label()})" if rebate.date_from else rebate.name

    def _period_label(self):
        """The period as 2025 Q1 (a whole month, quarter, half-year or year), else “from – to”."""
        self.ensure_one()
        for period_type in PERIOD_MONTHS:
            if is_whole_period(self.date_from, self.date_to, period_type):
                return period_label(self.date_from, period_type)
        return f"{format_date(self.env, self.date_from)} – {format_date(self.env, self.date_to)}"

    # ------------------------------------------------------------------ constraints
    @api.constrains("date_from", "date_to", "contract_id")
    def _check_period(self):
        for rebate in self:
            contract = rebate.contract_id
            if rebate.date_to < rebate.date_from:
                raise ValidationError(_(
                    "Rebate %(name)s ends (%(end)s) before it starts (%(start)s).",
                    name=rebate.name, end=rebate.date_to, start=rebate.date_from,
                ))
            if rebate.date_from < contract.date_start or rebate.date_to > contract.date_end:
                raise ValidationError(_(
                    "The rebate period %(start)s – %(end)s lies outside contract %(contract)s "
                    "(%(cstart)s – %(cend)s).",
                    start=rebate.date_from, end=rebate.date_to, contract=contract.name,
                    cstart=contract.date_start, cend=contract.date_end,
                ))

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.rebate") or "/"
        rebates = super().create(vals_list)
        rebates._compute_figures()
        return rebates

    def write(self, vals):
        if {"contract_id", "date_from", "date_to"}.intersection(vals):
            self._check_state(("draft",), _("Rebate %(name)s is %(state)s: its contract and period are fixed."))
        res = super().write(vals)
        if {"contract_id", "date_from", "date_to"}.intersection(vals):
            self._compute_figures()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft_or_cancelled(self):
        for rebate in self.filtered(lambda r: r.state not in ("draft", "cancelled")):
            raise UserError(_(
                "Rebate %(name)s is %(state)s and cannot be deleted: cancel it first.",
                name=rebate.name, state=rebate._state_label(),
            ))

    # ------------------------------------------------------------------ helpers
    def _compute_figures(self):
        """Compute net sales, target, achievement, tier and rebate of all rebates at once (set-based)."""
        rebates = self.filtered(lambda r: r.contract_id and r.date_from and r.date_to)
        if not rebates:
            return
        contracts = rebates.contract_id
        sales = self.env["dealer.contract.target"]._net_invoiced_by_day(
            rebates.partner_id, min(rebates.mapped("date_from")), max(rebates.mapped("date_to")),
            rebates.company_id,
        )
        # sudo: target and tier lines are read for a figure; rights are checked on the rebate itself
        targets = self.env["dealer.contract.target"].sudo().search([("contract_id", "in", contracts.ids)])
        now = fields.Datetime.now()
        for rebate in rebates:
            partner_id, company_id = rebate.partner_id.id, rebate.company_id.id
            net_sales = rebate.currency_id.round(sum(
                amount for (partner, company, day), amount in sales.items()
                if partner == partner_id and company == company_id and rebate.date_from <= day <= rebate.date_to
            ))
            in_period = targets.filtered(
                lambda t, r=rebate: t.contract_id == r.contract_id
                and t.date_start >= r.date_from and t.date_end <= r.date_to
            )
            target_amount = sum(in_period.mapped("amount"))
            achievement = 100.0 * net_sales / target_amount if target_amount else 0.0
            # units: each unit target counts the units of its own product category (台/件)
            unit_targets = in_period.filtered("quantity")
            target_quantity = sum(unit_targets.mapped("quantity"))
            net_units = sum(unit_targets.mapped("achieved_quantity"))
            units_achievement = 100.0 * net_units / target_quantity if target_quantity else 0.0
            # sudo: the contract's tiers are read to compute the rebate the current rules already let the user see
            tier = rebate.contract_id.sudo()._rebate_tier_for(achievement, units_achievement)
            rebate_amount = rebate.currency_id.round(net_sales * tier.rebate_percent / 100.0 + tier.fixed_bonus)
            rebate._dealer_trusted().write({
                "net_sales": net_sales, "target_amount": target_amount, "achievement_percent": achievement,
                "quantity_achievement_percent": units_achievement,
                "tier_id": tier.id, "rebate_percent": tier.rebate_percent, "rebate_amount": rebate_amount,
                "computed_on": now,
            })

    def _overlapping_rebates(self):
        """Other non-cancelled rebates of the same contract (any version) overlapping this period."""
        self.ensure_one()
        contracts = self.contract_id | self.contract_id.origin_id  # amendments share the origin's periods
        return self.sudo().search([
            ("id", "!=", self.id), ("state", "!=", "cancelled"),
            "|", ("contract_id", "in", contracts.ids), ("contract_id.origin_id", "in", contracts.ids),
            ("date_from", "<=", self.date_to), ("date_to", ">=", self.date_from),
        ], order="date_from, id")

    def _check_no_overlap(self):
        """Refuse when the period (or part of it) is already covered by another rebate of the contract."""
        # two confirmations of one contract's rebates at the same moment: the second is retried after the first
        # (the first version of the contract stands for all its versions, which share the periods)
        lock_rows(self.contract_id.mapped(lambda contract: contract.origin_id or contract))
        for rebate in self:
            other = rebate._overlapping_rebates()[:1]
            if other:
                raise UserError(_(
                    "The period %(period)s of rebate %(name)s is already covered by rebate %(other)s "
                    "(%(other_period)s, %(state)s) of contract %(contract)s: a period cannot be rebated twice. "
                    "Cancel that rebate or change the period.",
                    period=rebate._period_label(), name=rebate.name, other=other.name,
                    other_period=other._period_label(), state=other._state_label(),
                    contract=rebate.contract_id.name,
                ))

    def _add_adjustment_line(self, kind, description, amount):
        """Add a bonus or penalty line (amount > 0; a penalty is deducted) to this draft rebate."""
        self.ensure_one()
        if kind not in ("bonus", "penalty"):
            raise UserError(_("A rebate adjustment is either a bonus or a penalty, not %(kind)s.", kind=kind))
        self._check_state(("draft",), _("Rebate %(name)s is %(state)s: only a draft rebate can be adjusted."))
        return self.env["dealer.rebate.line"].create({
            "rebate_id": self.id, "kind": kind, "description": description, "amount": amount,
        })

    def _dealer_lines_locked(self):
        """Bonuses and penalties change only on a draft rebate."""
        return self.filtered(lambda r: r.state != "draft")

    def _dealer_lines_locked_message(self, lines):
        self.ensure_one()
        return _("Rebate %(name)s is %(state)s: its bonuses and penalties can no longer be changed.",
                 name=self.display_name, state=self._state_label())

    # ------------------------------------------------------------------ transitions
    def action_compute(self):
        """Recompute the figures of draft rebates from the invoices, targets and tiers."""
        self._check_dealer_manager(_("Only a Dealer Manager may recompute a rebate."))
        self._check_state(("draft",), _("Rebate %(name)s is %(state)s: only a draft rebate can be recomputed."))
        self._compute_figures()
        return True

    def action_confirm(self):
        """Draft → confirmed: the figures as reviewed are frozen."""
        self._check_dealer_manager(_("Only a Dealer Manager may confirm a rebate."))
        self._check_state(("draft",), _("Rebate %(name)s cannot be confirmed: it is %(state)s, not draft."))
        self._check_no_overlap()
        self._dealer_trusted().write({"state": "confirmed"})
        return True

    def action_settle(self):
        """Confirmed → settled: post a customer credit note of the total for the dealer."""
        self._dealer_check_settle()
        self._dealer_settle()
        return True

    def _dealer_check_settle(self):
        """Refuse to settle unless the user is a Dealer Manager and every rebate is confirmed and positive."""
        self._check_dealer_manager(_("Only a Dealer Manager may settle a rebate."))
        self._check_state(("confirmed",), _("Rebate %(name)s cannot be settled: it is %(state)s, not confirmed."))
        self._check_no_overlap()
        for rebate in self:
            if rebate.currency_id.compare_amounts(rebate.total_amount, 0.0) <= 0:
                raise UserError(_(
                    "Rebate %(name)s cannot be settled: its total is %(total)s. Only a positive rebate is paid "
                    "back through a credit note; cancel this one instead.",
                    name=rebate.name, total=format_amount(self.env, rebate.total_amount, rebate.currency_id),
                ))

    def _dealer_settle(self):
        """Post the credit notes of these checked rebates (see ``_dealer_check_settle``)."""
        for rebate in self:
            move = rebate._create_credit_note()
            rebate._dealer_trusted().write({"state": "settled", "credit_note_id": move.id})
            rebate.message_post(body=_("Settled by credit note %(move)s.", move=move._get_html_link()))

    def action_cancel(self):
        """Draft/confirmed → cancelled (a settled rebate is undone by reversing its credit note)."""
        self._check_dealer_manager(_("Only a Dealer Manager may cancel a rebate."))
        self._check_state(
            ("draft", "confirmed"), _("Rebate %(name)s cannot be cancelled: it is %(state)s."),
        )
        self._dealer_trusted().write({"state": "cancelled"})
        return True

    def action_draft(self):
        """Confirmed/cancelled → draft, to correct and recompute."""
        self._check_dealer_manager(_("Only a Dealer Manager may reset a rebate to draft."))
        self._check_state(
            ("confirmed", "cancelled"), _("Rebate %(name)s cannot be reset to draft: it is %(state)s."),
        )
        self._dealer_trusted().write({"state": "draft"})
        return True

    # ------------------------------------------------------------------ settlement
    def _credit_note_vals(self):
        """Values of the credit note paying the rebate back: one untaxed line on the rebate product."""
        self.ensure_one()
        product = self.env.ref("dealer_management.product_dealer_rebate")
        return {
            "move_type": "out_refund",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": fields.Date.context_today(self),
            "invoice_origin": self.name,
            "ref": _("Rebate %(name)s", name=self.name),
            "invoice_line_ids": [fields.Command.create({
                "product_id": product.id,
                "name": _("Rebate %(period)s", period=self._period_label()),
                "quantity": 1.0,
                "price_unit": self.total_amount,
                "tax_ids": [fields.Command.clear()],
            })],
        }

    def _create_credit_note(self):
        """Create and post the customer credit note of the rebate."""
        self.ensure_one()
        # sudo: a Dealer Manager settles rebates without being an accountant; the right is checked above
        move = self.env["account.move"].sudo().with_company(self.company_id).create(self._credit_note_vals())
        move.action_post()
        return move.sudo(False)

    # ------------------------------------------------------------------ buttons
    def action_view_credit_note(self):
        """Open the credit note of the rebate."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "account.move", "view_mode": "form",
            "res_id": self.credit_note_id.id, "name": _("Credit Note"),
        }
