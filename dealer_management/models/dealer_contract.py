from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.period import following_period, shift_period
from .dealer_unique_mixin import lock_rows
from .dealer_workflow_mixin import _TRUSTED

CONTRACT_STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
    ("superseded", "Superseded"),
]

# agreed terms: frozen once the contract leaves draft, changed only through an amendment
TERM_FIELDS = frozenset({
    "partner_id", "company_id", "date_start", "date_end", "territory_ids", "grade_id", "pricelist_id",
    "payment_term_id", "credit_limit", "deposit_amount", "rebate_tier_ids", "promo_budget",
    "penalty_price_violation", "penalty_cross_territory",
})

REMINDER_DAYS_PARAM = "dealer_management.contract_reminder_days"


class DealerContract(models.Model):
    """A dealer contract: territories, prices, credit, deposit, rebate scheme, targets; versioned."""

    _name = "dealer.contract"
    _description = "Dealer Contract"
    _check_company_auto = True
    _inherit = [
        "mail.thread", "mail.activity.mixin", "dealer.workflow.mixin", "dealer.unique.mixin",
        "dealer.contract.deposit.mixin",
    ]
    _order = "date_start desc, id desc"
    # one renewal in progress (draft or active) per contract (see _renew)
    _dealer_unique_indexes = {
        "renewal_uniq": (
            ("renewal_of_id", "state"), "renewal_of_id", "renewal_of_id IS NOT NULL AND state IN ('draft', 'active')",
            None,
        ),
    }
    _sql_constraints = [("renewal_uniq", "", "This contract has already been renewed.")]

    # written only by the actions, the amendment and the renewal
    _dealer_protected_fields = (
        "state", "deposit_state", "version", "previous_version_id", "origin_id", "amendment_reason",
        "renewal_of_id", "expiry_reminder_sent", "deposit_holder_id", "deposit_received_amount",
        "deposit_held_amount", "deposit_deducted_amount", "deposit_deduction_move_id", "deposit_refund_date",
    )

    name = fields.Char(string="Number", default="/", copy=False, readonly=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, tracking=True, index=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, tracking=True,
        domain=[("is_dealer", "=", True)], check_company=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", compute="_compute_user_id", store=True, readonly=False,
        precompute=True, copy=True, tracking=True, help="Responsible for the contract; receives the expiry reminder.",
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    state = fields.Selection(
        CONTRACT_STATES, default="draft", required=True, tracking=True, index=True, copy=False, readonly=True,
    )
    territory_ids = fields.Many2many(
        "dealer.territory", "dealer_contract_territory_rel", "contract_id", "territory_id", string="Territories",
        compute="_compute_from_partner", store=True, readonly=False, precompute=True, copy=True,
        help="Sales territories granted by the contract. Empty means no territorial restriction.", check_company=True,
    )
    grade_id = fields.Many2one(
        "dealer.grade", string="Grade at Signing", compute="_compute_from_partner", store=True, readonly=False,
        precompute=True, copy=True, tracking=True, check_company=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    pricelist_id = fields.Many2one(
        "product.pricelist", compute="_compute_from_grade", store=True, readonly=False,
        precompute=True, copy=True, tracking=True, check_company=True,
    )
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms", compute="_compute_from_grade", store=True,
        readonly=False, precompute=True, copy=True, tracking=True, check_company=True,
    )
    credit_limit = fields.Monetary(
        currency_field="currency_id", compute="_compute_from_grade", store=True, readonly=False,
        precompute=True, copy=True, tracking=True,
    )
    deposit_amount = fields.Monetary(string="Deposit (保证金)", currency_field="currency_id", tracking=True)
    rebate_tier_ids = fields.One2many("dealer.contract.rebate.tier", "contract_id", string="Rebate Tiers", copy=True)
    promo_budget = fields.Monetary(
        string="Marketing Support Budget", currency_field="currency_id", tracking=True,
        help="Marketing support (市场支持) the company grants the dealer over the contract period: the budget of "
             "the contract's marketing fund.",
    )
    penalty_price_violation = fields.Monetary(
        string="Fine per Price Violation", currency_field="currency_id", tracking=True,
    )
    penalty_cross_territory = fields.Monetary(
        string="Fine per Cross-territory Sale", currency_field="currency_id", tracking=True,
        help="Fine per sale outside the granted territories (窜货).",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment", "dealer_contract_ir_attachment_rel", "contract_id", "attachment_id",
        string="Signed Contract", copy=False,
    )
    target_ids = fields.One2many("dealer.contract.target", "contract_id", string="Targets", copy=True)
    target_total = fields.Monetary(
        string="Total Target", currency_field="currency_id", compute="_compute_target_total", store=True,
    )
    achieved_amount = fields.Monetary(
        string="Net Invoiced", currency_field="currency_id", compute="_compute_achievement",
        help="Posted customer invoices minus refunds (untaxed) of the dealer within the contract dates.",
    )
    achievement_percent = fields.Float(string="Achievement (%)", compute="_compute_achievement", digits=(16, 1))
    target_quantity_total = fields.Float(
        string="Total Unit Target", compute="_compute_target_total", store=True, digits="Product Unit of Measure",
    )
    achieved_quantity = fields.Float(
        string="Net Invoiced Units", compute="_compute_achievement", digits="Product Unit of Measure",
        help="Units (台/件) on posted customer invoices minus refunds of the dealer within the contract dates.",
    )
    quantity_achievement_percent = fields.Float(
        string="Unit Achievement (%)", compute="_compute_achievement", digits=(16, 1),
    )
    version = fields.Integer(default=1, required=True, copy=False, readonly=True)
    previous_version_id = fields.Many2one("dealer.contract", copy=False, readonly=True, check_company=True)
    origin_id = fields.Many2one(
        "dealer.contract", string="Original Contract", copy=False, readonly=True, index=True,
        help="First version of this contract (itself for version 1).", check_company=True,
    )
    version_ids = fields.Many2many("dealer.contract", compute="_compute_version_ids", string="Versions")
    version_count = fields.Integer(compute="_compute_version_ids")
    amendment_reason = fields.Text(copy=False, readonly=True)
    renewal_of_id = fields.Many2one(
        "dealer.contract", string="Renewal of", copy=False, readonly=True, index=True, check_company=True,
    )
    termination_reason = fields.Text(copy=False, tracking=True)
    expiry_reminder_sent = fields.Boolean(copy=False, readonly=True)

    # ------------------------------------------------------------------ computes
    @api.depends("partner_id")
    def _compute_user_id(self):
        for contract in self:
            contract.user_id = contract.partner_id.user_id or contract.user_id or self.env.user

    @api.depends("partner_id")
    def _compute_from_partner(self):
        for contract in self:
            contract.territory_ids = contract.partner_id.dealer_territory_ids
            contract.grade_id = contract.partner_id.dealer_grade_id

    @api.depends("grade_id")
    def _compute_from_grade(self):
        for contract in self:
            grade = contract.grade_id
            contract.pricelist_id = grade.pricelist_id
            contract.payment_term_id = grade.payment_term_id
            contract.credit_limit = grade.credit_limit

    @api.depends("target_ids.amount", "target_ids.quantity")
    def _compute_target_total(self):
        for contract in self:
            contract.target_total = sum(contract.target_ids.mapped("amount"))
            contract.target_quantity_total = sum(contract.target_ids.mapped("quantity"))

    @api.depends("partner_id", "date_start", "date_end", "target_total", "target_quantity_total")
    def _compute_achievement(self):
        contracts = self.filtered(lambda c: c.partner_id and c.date_start and c.date_end and c.id)
        sales = {}
        if contracts:
            sales = self.env["dealer.contract.target"]._net_invoiced_by_day(
                contracts.partner_id, min(contracts.mapped("date_start")), max(contracts.mapped("date_end")),
                contracts.company_id,
            )
        for contract in self:
            contract.achieved_amount = sum(
                amount for (partner_id, company_id, day), amount in sales.items()
                if partner_id == contract.partner_id.id and company_id == contract.company_id.id
                and contract.date_start <= day <= contract.date_end
            )
            contract.achievement_percent = (
                100.0 * contract.achieved_amount / contract.target_total if contract.target_total else 0.0
            )
            # units are counted per unit target, each in its own product category and period
            contract.achieved_quantity = sum(contract.target_ids.filtered("quantity").mapped("achieved_quantity"))
            contract.quantity_achievement_percent = (
                100.0 * contract.achieved_quantity / contract.target_quantity_total
                if contract.target_quantity_total else 0.0
            )

    @api.depends("origin_id")
    def _compute_version_ids(self):
        origins = self.origin_id
        versions = self.search([("origin_id", "in", origins.ids)]) if origins else self.browse()
        for contract in self:
            contract.version_ids = versions.filtered(lambda v, c=contract: v.origin_id == c.origin_id) or contract
            contract.version_count = len(contract.version_ids)

    # ------------------------------------------------------------------ constraints
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end < contract.date_start:
                raise ValidationError(_(
                    "Contract %(name)s ends (%(end)s) before it starts (%(start)s).",
                    name=contract.name, end=contract.date_end, start=contract.date_start,
                ))

    @api.constrains("deposit_amount", "promo_budget", "penalty_price_violation", "penalty_cross_territory",
                    "credit_limit")
    def _check_amounts(self):
        for contract in self:
            amounts = (contract.deposit_amount, contract.promo_budget, contract.penalty_price_violation,
                       contract.penalty_cross_territory, contract.credit_limit)
            if any(amount < 0 for amount in amounts):
                raise ValidationError(_("Contract amounts (credit, deposit, budget, fines) cannot be negative."))

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.contract") or "/"
        contracts = super().create(vals_list)
        for contract in contracts.filtered(lambda c: not c.origin_id):
            contract._dealer_trusted().origin_id = contract
        return contracts

    def write(self, vals):
        if not self._dealer_is_amending():
            changed_terms = TERM_FIELDS.intersection(vals)
            if changed_terms:
                self.filtered(lambda c: c.state != "draft")._raise_terms_locked(changed_terms)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for contract in self.filtered(lambda c: c.state != "draft"):
            raise UserError(_(
                "Contract %(name)s is %(state)s and cannot be deleted: only draft contracts can.",
                name=contract.name, state=contract._state_label(),
            ))

    def _dealer_is_amending(self):
        """True inside the contract's own code (amendment, target wizards) only: unlike the protected fields,
        frozen terms hold for superuser code too, since a sudo() elsewhere must not rewrite a signed contract."""
        return self.env.context.get("dealer_workflow_trusted") is _TRUSTED

    def _raise_terms_locked(self, field_names):
        """Refuse to change agreed terms outside draft, telling the user how to proceed."""
        for contract in self:
            raise UserError(contract._terms_locked_message(field_names))

    def _terms_locked_message(self, field_names):
        """Why the terms ``field_names`` of this contract (out of draft) cannot change, and how to proceed."""
        self.ensure_one()
        labels = ", ".join(sorted(self._fields[f]._description_string(self.env) for f in field_names))
        if self.state == "active":
            return _(
                "Contract %(name)s is active: its terms (%(fields)s) cannot be edited directly. "
                "Use Amend, which creates a new version and keeps this one.",
                name=self.name, fields=labels,
            )
        return _(
            "Contract %(name)s is %(state)s: its terms (%(fields)s) can no longer be changed.",
            name=self.name, state=self._state_label(), fields=labels,
        )

    # ------------------------------------------------------------------ lines (targets, rebate tiers)
    def _dealer_lines_locked(self):
        """Targets and rebate tiers are agreed terms: frozen once the contract leaves draft."""
        return self.filtered(lambda c: c.state != "draft")

    def _dealer_lines_locked_message(self, lines):
        self.ensure_one()
        if lines._name == "dealer.contract.rebate.tier":
            return self._terms_locked_message({"rebate_tier_ids"})
        if self.state == "active":
            return _(
                "The targets of the active contract %(name)s can only be changed through Adjust Target, "
                "which keeps the change in the adjustment history.", name=self.name,
            )
        return _(
            "Contract %(name)s is %(state)s: its targets can no longer be changed.",
            name=self.name, state=self._state_label(),
        )

    # ------------------------------------------------------------------ helpers
    def _rebate_tier_for(self, achievement_percent, quantity_percent=0.0):
        """The rebate tier reached (highest minimum ≤ achievement on its basis, amount or units), or an empty set.

        Tiers on amounts are reached by ``achievement_percent``, tiers on units by ``quantity_percent``; on each
        basis the highest tier reached counts, and of the two the one paying the higher rebate percentage."""
        self.ensure_one()
        best = self.env["dealer.contract.rebate.tier"]
        for basis, percent in (("amount", achievement_percent), ("units", quantity_percent)):
            reached = self.rebate_tier_ids.filtered(
                lambda tier, b=basis, p=percent: tier.basis == b and tier.achievement_min <= p)
            best |= reached.sorted("achievement_min")[-1:]
        return best.sorted(lambda tier: (tier.rebate_percent, tier.fixed_bonus))[-1:]

    def _shared_territories(self, other):
        """Territories where both contracts apply (one containing the other); None when disjoint."""
        self.ensure_one()
        if not self.territory_ids or not other.territory_ids:
            return self.territory_ids | other.territory_ids  # an unrestricted contract covers everything
        shared = self.env["dealer.territory"]
        for mine in self.territory_ids:
            for theirs in other.territory_ids:
                if mine._contains(theirs):
                    shared |= theirs
                elif theirs._contains(mine):
                    shared |= mine
        return shared or None

    def _check_no_overlap(self):
        """Refuse when another active contract of the dealer overlaps in dates and territory."""
        # two activations of one dealer's contracts at the same moment: the second is retried after the first
        lock_rows(self.partner_id)
        if not self:
            return
        # the active contracts of all these dealers in one query, then each contract's overlapping ones
        active = self.sudo().search([
            ("partner_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
            ("state", "=", "active"), ("date_start", "<=", max(self.mapped("date_end"))),
            ("date_end", ">=", min(self.mapped("date_start"))),
        ])
        for contract in self:
            others = active.filtered(lambda other, contract=contract: (
                other.id != contract.id and other.partner_id == contract.partner_id
                and other.company_id == contract.company_id and other.date_start <= contract.date_end
                and other.date_end >= contract.date_start
            ))
            for other in others:
                shared = contract._shared_territories(other)
                if shared is not None:
                    raise UserError(_(
                        "Contract %(name)s cannot be activated: the active contract %(other)s of %(dealer)s "
                        "(%(start)s – %(end)s) overlaps its dates in territory %(territories)s. "
                        "Terminate or amend that contract first, or change the dates or territories.",
                        name=contract.name, other=other.name, dealer=contract.partner_id.display_name,
                        start=other.date_start, end=other.date_end,
                        territories=", ".join(shared.mapped("complete_name")) or _("(all territories)"),
                    ))

    # ------------------------------------------------------------------ transitions
    def action_activate(self):
        """Draft → active, once the dealer, the deposit and the territories allow it."""
        self._check_dealer_manager(_("Only a Dealer Manager may activate a contract."))
        self._check_state(("draft",), _("Contract %(name)s cannot be activated: it is %(state)s, not draft."))
        for contract in self:
            partner = contract.partner_id
            if not partner.is_dealer or partner.dealer_state != "active":
                raise UserError(_(
                    "Contract %(name)s cannot be activated: %(dealer)s is not an active dealer. "
                    "Activate the dealer first.", name=contract.name, dealer=partner.display_name,
                ))
            if contract.deposit_amount and contract.deposit_state != "received":
                raise UserError(_(
                    "Contract %(name)s cannot be activated: the deposit of %(amount)s has not been received. "
                    "Register it with Receive Deposit first.",
                    name=contract.name, amount=contract.currency_id.format(contract.deposit_amount),
                ))
        self._check_no_overlap()
        self._dealer_trusted().write({"state": "active"})
        return True

    def action_terminate(self):
        """Active → terminated; the reason is required and kept in the chatter."""
        self._check_dealer_manager(_("Only a Dealer Manager may terminate a contract."))
        self._check_state(("active",), _("Contract %(name)s cannot be terminated: it is %(state)s, not active."))
        for contract in self:
            if not (contract.termination_reason or "").strip():
                raise UserError(_(
                    "Fill in the termination reason of contract %(name)s before terminating it.",
                    name=contract.name,
                ))
        self._dealer_trusted().write({"state": "terminated"})
        for contract in self:
            contract.message_post(body=_("Contract terminated: %(reason)s", reason=contract.termination_reason))
        return True

    def action_expire(self):
        """Active → expired (run by the daily lifecycle cron once the end date has passed)."""
        self._check_dealer_manager(_("Only a Dealer Manager may mark a contract as expired."))
        self._check_state(("active",), _("Contract %(name)s cannot expire: it is %(state)s, not active."))
        for contract in self:
            if contract.date_end >= fields.Date.context_today(contract):
                raise UserError(_(
                    "Contract %(name)s runs until %(date)s: it cannot expire before its end date. "
                    "Terminate it instead.", name=contract.name, date=contract.date_end,
                ))
        self._dealer_trusted().write({"state": "expired"})
        return True

    def action_reset_draft(self):
        """Terminated → draft, to correct a contract terminated by mistake before re-activating it."""
        self._check_dealer_manager(_("Only a Dealer Manager may reset a contract to draft."))
        self._check_state(
            ("terminated",), _("Contract %(name)s cannot be reset to draft: it is %(state)s, not terminated."),
        )
        self._dealer_trusted().write({"state": "draft", "termination_reason": False})
        return True

    # ------------------------------------------------------------------ amendment and renewal
    def _amend(self, vals, reason):
        """Replace this active contract by version+1 carrying `vals`; this one becomes superseded."""
        self.ensure_one()
        self._check_dealer_manager(_("Only a Dealer Manager may amend a contract."))
        self._check_state(("active",), _("Contract %(name)s cannot be amended: it is %(state)s, not active."))
        if not (reason or "").strip():
            raise UserError(_("Give the reason for amending contract %(name)s.", name=self.name))
        version = self.version + 1
        origin = self.origin_id or self
        default = dict(
            vals, version=version, previous_version_id=self.id, origin_id=origin.id, amendment_reason=reason,
            name=f"{origin.name}-V{version}", deposit_holder_id=self._deposit_carried_over(),
            renewal_of_id=self.renewal_of_id.id,
            expiry_reminder_sent=self.expiry_reminder_sent and vals.get("date_end", self.date_end) == self.date_end,
        )
        amending = self._dealer_trusted()
        amending.write({"state": "superseded"})
        new = amending.copy(default)
        new._check_no_overlap()
        new.write({"state": "active"})
        new = new.with_env(self.env)
        self.message_post(body=_(
            "Superseded by %(new)s (version %(version)s). Reason: %(reason)s",
            new=new._get_html_link(), version=version, reason=reason,
        ))
        new.message_post(body=_(
            "Version %(version)s, amending %(old)s. Reason: %(reason)s",
            version=version, old=self._get_html_link(), reason=reason,
        ))
        return new

    def _renewal_dates(self):
        """Default renewal period: from the day after the end, for the same length."""
        self.ensure_one()
        return following_period(self.date_start, self.date_end)

    def _deposit_carried_over(self):
        """The contract holding the deposit of this one's amendment or renewal: the same holder, unless its
        deposit was refunded (then the new contract holds a deposit of its own)."""
        holder = self.deposit_holder_id or self
        return False if holder.deposit_refund_date else holder.id

    def _renew(self, date_start, date_end, growth_percent=0.0):
        """Create the next draft contract: same terms and tiers, targets shifted and grown by growth %."""
        self.ensure_one()
        self._check_dealer_manager(_("Only a Dealer Manager may renew a contract."))
        self._check_state(
            ("active", "expired"), _("Contract %(name)s cannot be renewed: it is %(state)s, not active or expired."),
        )
        existing = self.search([("renewal_of_id", "=", self.id), ("state", "in", ("draft", "active"))], limit=1)
        if existing:
            raise UserError(_(
                "Contract %(name)s has already been renewed by %(renewal)s.", name=self.name, renewal=existing.name,
            ))
        shift = relativedelta(date_start, self.date_start)
        factor = 1.0 + (growth_percent or 0.0) / 100.0
        targets = []
        for target in self.target_ids:
            start, end = shift_period(target.date_start, target.date_end, shift)
            targets.append(fields.Command.create({
                "period_type": target.period_type, "date_start": start, "date_end": end,
                "amount": self.currency_id.round(target.amount * factor),
                "quantity": round(target.quantity * factor, 2), "categ_id": target.categ_id.id,
            }))
        new = self._dealer_trusted().copy({
            "date_start": date_start, "date_end": date_end, "target_ids": targets, "renewal_of_id": self.id,
            "deposit_holder_id": self._deposit_carried_over(),
        }).with_env(self.env)
        new.message_post(body=_(
            "Renewal of %(old)s, targets grown by %(growth)s%%.", old=self._get_html_link(), growth=growth_percent or 0,
        ))
        self.message_post(body=_("Renewed by %(new)s.", new=new._get_html_link()))
        return new

    # ------------------------------------------------------------------ lookup
    @api.model
    def _find_active(self, partners, day, company=None):
        """{dealer: contract}: the active contract of each dealer covering ``day`` in ``company``.

        ``partners`` may be contacts: each is looked up by its commercial partner, which is the key of the
        result. Dealers without such a contract are missing from the result. When several contracts cover the
        day, the latest started wins. One query for any number of dealers; the search runs as superuser
        because the salesperson or portal user confirming an order may not read contracts, and only the
        contract the caller's own documents point at is returned.
        """
        dealers = partners.commercial_partner_id
        if not dealers:
            return {}
        company = company or self.env.company
        # sudo: see the docstring; callers read only the terms they need (dates, credit limit)
        contracts = self.sudo().search([
            ("partner_id", "in", dealers.ids),
            ("company_id", "=", company.id),
            ("state", "=", "active"),
            ("date_start", "<=", day),
            ("date_end", ">=", day),
        ], order="date_start desc, id desc")
        found = {}
        for contract in contracts:
            found.setdefault(contract.partner_id, contract.with_env(self.env))
        return found

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_contract_lifecycle(self):
        """Expire contracts past their end date; remind the salesperson of contracts ending soon (once)."""
        today = fields.Date.context_today(self)
        # sudo: the cron expires contracts whatever its user's groups; action_expire checks the end date
        self.search([("state", "=", "active"), ("date_end", "<", today)]).sudo().action_expire()
        days = int(self.env["ir.config_parameter"].sudo().get_param(REMINDER_DAYS_PARAM, 30) or 0)
        ending = self.search([
            ("state", "=", "active"), ("expiry_reminder_sent", "=", False),
            ("date_end", "<=", today + timedelta(days=days)),
        ])
        for contract in ending:
            contract.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=contract.date_end,
                user_id=(contract.user_id or self.env.user).id,
                summary=_("Contract %(name)s ends on %(date)s: renew it or let it expire.",
                          name=contract.name, date=contract.date_end),
            )
        ending._dealer_trusted().write({"expiry_reminder_sent": True})

    # ------------------------------------------------------------------ buttons
    def _open_wizard(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": model, "name": name, "view_mode": "form",
            "target": "new", "context": {"default_contract_id": self.id},
        }

    def action_open_amend_wizard(self):
        """Open the amendment wizard."""
        return self._open_wizard("dealer.contract.amend.wizard", _("Amend Contract"))

    def action_open_renew_wizard(self):
        """Open the renewal wizard."""
        return self._open_wizard("dealer.contract.renew.wizard", _("Renew Contract"))

    def action_view_versions(self):
        """List all versions of this contract."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_management.action_dealer_contract")
        action["domain"] = [("origin_id", "=", self.origin_id.id)]
        action["context"] = {"create": False}
        return action
