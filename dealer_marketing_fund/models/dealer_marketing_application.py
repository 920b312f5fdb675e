from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows

APPLICATION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("changes_requested", "Changes Requested"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("proof_submitted", "Proof Submitted"),
    ("verified", "Verified"),
    ("settled", "Settled"),
    ("lapsed", "Lapsed"),
]
# what the dealer fills in, by the states in which it may still change
PLAN_FIELDS = frozenset({"partner_id", "marketing_type_id", "date_planned", "amount_requested", "plan",
                         "attachment_ids", "company_id"})
PROOF_FIELDS = frozenset({"proof_note", "proof_attachment_ids"})
PLAN_STATES = ("draft", "changes_requested")
PROOF_STATES = ("approved",)


class DealerMarketingApplication(models.Model):
    """An application for marketing support (费用申请): draft → submitted → approved (an amount never over what
    the fund has left) / rejected (a reason) / changes requested → proof submitted → verified (核销, an amount ≤ the
    approved one) → settled through accounting; an approval without proof long after the activity lapses."""

    _name = "dealer.marketing.application"
    _description = "Marketing Support Application"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin",
                "dealer.marketing.application.settlement.mixin", "dealer.queue.mixin"]
    _order = "id desc"

    # the state, the fund, the amounts granted and the decisions are written by the application's own code only
    _dealer_protected_fields = (
        "state", "fund_id", "amount_approved", "amount_verified", "decision_note", "move_id",
        "date_submitted", "date_approved", "date_proof", "date_verified", "date_settled", "approved_by_id",
    )

    name = fields.Char(string="Number", default="/", copy=False, readonly=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, tracking=True,
        domain=[("is_dealer", "=", True)], check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    fund_id = fields.Many2one("dealer.marketing.fund", readonly=True, index=True, copy=False, check_company=True,
                              tracking=True)
    marketing_type_id = fields.Many2one("dealer.marketing.activity.type", string="Activity Type", required=True,
                                       tracking=True)
    date_planned = fields.Date(string="Activity Date", required=True, tracking=True)
    amount_requested = fields.Monetary(currency_field="currency_id", tracking=True)
    plan = fields.Text(help="What the dealer will do, where, for whom, and what it will cost.")
    attachment_ids = fields.Many2many(
        "ir.attachment", "dealer_marketing_application_plan_rel", "application_id", "attachment_id",
        string="Plan Files", copy=False,
    )
    state = fields.Selection(APPLICATION_STATES, default="draft", required=True, tracking=True, index=True,
                             copy=False, readonly=True)
    amount_approved = fields.Monetary(currency_field="currency_id", readonly=True, copy=False, tracking=True)
    amount_verified = fields.Monetary(currency_field="currency_id", readonly=True,
                                      copy=False, tracking=True, help="核销: what the proof supports, ≤ approved.")
    amount_reserved = fields.Monetary(
        string="Held on the Fund", currency_field="currency_id", compute="_compute_amount_reserved", store=True,
        help="What this application holds of its fund: the approved amount until verified, then the verified one.",
    )
    decision_note = fields.Text(readonly=True, copy=False, tracking=True,
                                help="The reason of a rejection, or the changes asked for.")
    proof_note = fields.Text(copy=False,
                             help="How the activity went: what was done, visitors, sales during the activity.")
    proof_attachment_ids = fields.Many2many(
        "ir.attachment", "dealer_marketing_application_proof_rel", "application_id", "attachment_id",
        string="Proof Files", copy=False, help="Photos of the activity, invoices of its costs.",
    )
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False)
    date_submitted = fields.Date(readonly=True, copy=False)
    date_approved = fields.Date(readonly=True, copy=False)
    date_proof = fields.Date(string="Proof Date", readonly=True, copy=False)
    date_verified = fields.Date(readonly=True, copy=False)
    date_settled = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        ("amounts_positive", "CHECK(amount_requested >= 0 AND amount_approved >= 0 AND amount_verified >= 0)",
         "Marketing support amounts cannot be negative."),
        ("verified_within_approved", "CHECK(amount_verified <= amount_approved)",
         "The verified amount cannot exceed the approved amount."),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("state", "amount_approved", "amount_verified")
    def _compute_amount_reserved(self):
        for application in self:
            if application.state in ("verified", "settled"):
                application.amount_reserved = application.amount_verified
            elif application.state in ("approved", "proof_submitted"):
                application.amount_reserved = application.amount_approved
            else:
                application.amount_reserved = 0.0

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.marketing.application") or "/"
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_check_editable(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for application in self.filtered(lambda a: a.state != "draft"):
            raise UserError(_(
                "Marketing support application %(name)s is %(state)s and cannot be deleted.",
                name=application.name, state=application._state_label(),
            ))

    def _dealer_check_editable(self, vals):
        """The plan changes only while draft or sent back for changes, the proof only while approved."""
        if self._dealer_is_trusted():
            return
        if PLAN_FIELDS.intersection(vals):
            self._check_state(PLAN_STATES, _(
                "Marketing support application %(name)s is %(state)s: its plan, date and amount can no longer be "
                "changed."))
        if PROOF_FIELDS.intersection(vals):
            self._check_state(PROOF_STATES, _(
                "Marketing support application %(name)s is %(state)s: proof is submitted once, after the approval."))

    def _dealer_lines_locked(self):
        """The files of a submitted application stay as they were sent (ir.attachment asks here)."""
        return self.filtered(lambda a: a.state not in PLAN_STATES)

    @api.constrains("amount_requested", "state")
    def _check_amount_requested(self):
        for application in self.filtered(lambda a: a.state != "draft"):
            if application.currency_id.compare_amounts(application.amount_requested, 0.0) <= 0:
                raise ValidationError(_("Enter the amount of marketing support you apply for."))

    # ------------------------------------------------------------------ transitions
    def action_submit(self):
        """Draft / changes requested → submitted: into the fund of the activity's date, within what it has left."""
        self._check_state(PLAN_STATES, _("Marketing support application %(name)s cannot be submitted: it is "
                                         "%(state)s."))
        today = fields.Date.context_today(self)
        for application in self:
            if application.currency_id.compare_amounts(application.amount_requested, 0.0) <= 0:
                raise UserError(_("Enter the amount of marketing support you apply for."))
            fund = self.env["dealer.marketing.fund"].with_company(application.company_id)._dealer_fund_for(
                application.partner_id.commercial_partner_id, application.date_planned)
            if not fund:
                raise UserError(_(
                    "%(dealer)s has no marketing support budget for %(date)s: neither its contract nor its grade "
                    "grants one.", dealer=application.partner_id.display_name, date=application.date_planned,
                ))
            # sudo: the fund's figures are read to refuse an application over the budget; nothing is written
            if application.currency_id.compare_amounts(application.amount_requested, fund.sudo().amount_left) > 0:
                raise UserError(fund.sudo()._dealer_left_message(application.amount_requested))
            application._dealer_trusted().write({
                "state": "submitted", "fund_id": fund.id, "date_submitted": today, "decision_note": False,
            })
        return True

    def action_approve(self, amount=None):
        """Submitted → approved for ``amount`` (default: the amount requested), never over what the fund has left.

        The fund rows are locked first: of two approvals racing for the last budget, the second waits for the first
        and is checked on what the first left."""
        self._check_dealer_manager(_("Only a Dealer Manager may approve marketing support."))
        self._check_state(("submitted",), _("Marketing support application %(name)s cannot be approved: it is "
                                            "%(state)s, not submitted."))
        self.fund_id._dealer_lock()
        today = fields.Date.context_today(self)
        for application in self:
            granted = application.amount_requested if amount is None else amount
            currency = application.currency_id
            if currency.compare_amounts(granted, 0.0) <= 0:
                raise UserError(_("Approve an amount above zero, or reject the application."))
            if currency.compare_amounts(granted, application.amount_requested) > 0:
                raise UserError(_(
                    "%(amount)s is more than the %(requested)s applied for: approve at most the amount requested.",
                    amount=format_amount(self.env, granted, currency),
                    requested=format_amount(self.env, application.amount_requested, currency),
                ))
            fund = application.fund_id
            if currency.compare_amounts(granted, fund.amount_left) > 0:
                raise UserError(fund._dealer_left_message(granted))
            application._dealer_trusted().write({
                "state": "approved", "amount_approved": granted, "date_approved": today,
                "approved_by_id": self.env.user.id,
            })
            fund.invalidate_recordset(["amount_committed", "amount_spent", "amount_left"])
        return True

    def _dealer_decide(self, state, note, verb):
        self._check_dealer_manager(_("Only a Dealer Manager may decide on marketing support."))
        self._check_state(("submitted",), verb)
        if not (note or "").strip():
            raise UserError(_("Give the dealer the reason."))
        self._dealer_trusted().write({"state": state, "decision_note": note.strip()})
        for application in self:
            application.message_post(body=note.strip())
        return True

    def action_reject(self, reason):
        """Submitted → rejected, with the reason the dealer reads."""
        return self._dealer_decide("rejected", reason, _(
            "Marketing support application %(name)s cannot be rejected: it is %(state)s, not submitted."))

    def action_request_changes(self, note):
        """Submitted → changes requested: the dealer changes the plan and submits it again."""
        return self._dealer_decide("changes_requested", note, _(
            "Marketing support application %(name)s cannot be sent back: it is %(state)s, not submitted."))

    def action_submit_proof(self):
        """Approved → proof submitted: the activity happened, its photos and invoices are attached."""
        self._check_state(PROOF_STATES, _("Proof of marketing support application %(name)s cannot be submitted: "
                                          "it is %(state)s, not approved."))
        for application in self:
            if not application.proof_attachment_ids:
                raise UserError(_("Attach the photos and invoices of the activity as proof."))
        self._dealer_trusted().write({"state": "proof_submitted", "date_proof": fields.Date.context_today(self)})
        return True

    def action_verify(self, amount=None):
        """Proof submitted → verified (核销) for ``amount`` (default: the approved amount), never more."""
        self._check_dealer_manager(_("Only a Dealer Manager may verify marketing support."))
        self._check_state(("proof_submitted",), _("Marketing support application %(name)s cannot be verified: it "
                                                  "is %(state)s, the dealer's proof is not in."))
        for application in self:
            verified = application.amount_approved if amount is None else amount
            currency = application.currency_id
            if currency.compare_amounts(verified, 0.0) <= 0 \
                    or currency.compare_amounts(verified, application.amount_approved) > 0:
                raise UserError(_(
                    "Verify an amount above zero and at most the %(approved)s approved.",
                    approved=format_amount(self.env, application.amount_approved, currency),
                ))
            application._dealer_trusted().write({
                "state": "verified", "amount_verified": verified, "date_verified": fields.Date.context_today(self),
            })
        return True

    # ------------------------------------------------------------------ lapse
    @api.model
    def _cron_lapse(self):
        """Approvals whose activity is long past (Settings > Dealers) without proof lapse and free their budget.

        Run twice, the second run finds nothing: only approved applications lapse."""
        for company in self.env["res.company"].search([]):
            days = company.dealer_marketing_lapse_days
            if days <= 0:
                continue
            limit = fields.Date.context_today(self) - timedelta(days=days)
            expired = self.search([
                ("company_id", "=", company.id), ("state", "=", "approved"), ("date_planned", "<", limit),
            ])
            if expired:
                lock_rows(expired)
                expired = expired.filtered(lambda a: a.state == "approved")
                expired._dealer_trusted().write({"state": "lapsed"})
                for application in expired:
                    application.message_post(body=_(
                        "Lapsed: no proof was submitted within %(days)s days of the activity; the approved amount "
                        "is back in the fund.", days=days))
        return True

    # ------------------------------------------------------------------ buttons
    def action_open_decision_wizard(self):
        """Ask the Dealer Manager for the amount or the reason of the decision the button names."""
        self.ensure_one()
        decision = self.env.context.get("dealer_marketing_decision")
        self._check_dealer_manager(_("Only a Dealer Manager may decide on marketing support."))
        amount = self.amount_approved if decision == "verify" else self.amount_requested
        wizard = self.env["dealer.marketing.decision.wizard"].create({
            "application_id": self.id, "decision": decision, "amount": amount,
        })
        return {"type": "ir.actions.act_window", "res_model": wizard._name, "res_id": wizard.id, "view_mode": "form",
                "target": "new", "name": _("Marketing Support Decision")}
