from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

from odoo.addons.dealer_management.tools.html import text_to_html
from odoo.addons.dealer_management.tools.period import period_label

PROPOSAL_TYPES = [
    ("upgrade", "Upgrade"),
    ("downgrade", "Downgrade"),
    ("reward", "Reward"),
    ("warning", "Warning Letter"),
    ("interview", "Interview"),
    ("correction", "Correction Plan"),
    ("suspension", "Suspension"),
    ("termination", "Termination"),
    ("credit", "Credit Rating"),
]
PROPOSAL_STATES = [("proposed", "Proposed"), ("applied", "Applied"), ("dismissed", "Dismissed")]


class DealerAssessmentProposal(models.Model):
    """A consequence (奖惩) an approved assessment proposes for a dealer; a Dealer Manager applies or dismisses it.

    Created only by the approval of the assessment and decided only through the decision wizard: every field is
    written by this code (``_dealer_trusted()``). Applying goes through dealer_management's own actions (grade
    change wizard, rebate adjustment, dealer suspension, termination); nothing is applied automatically.
    """

    _name = "dealer.assessment.proposal"
    _description = "Dealer Assessment Proposal"
    _inherit = ["dealer.workflow.mixin", "dealer.unique.mixin"]
    _check_company_auto = True
    _order = "id desc"
    # a consequence applies once per dealer, type and period, whichever assessment proposed it (see _apply)
    _dealer_unique_indexes = {
        "applied_uniq": (
            ("state", "partner_id", "proposal_type"), "partner_id, company_id, proposal_type, date_from, date_to",
            "state = 'applied'", None,
        ),
    }
    _sql_constraints = [(
        "applied_uniq", "",
        "This consequence was already applied to the dealer for this period: dismiss this proposal.",
    )]

    name = fields.Char(compute="_compute_name")
    assessment_id = fields.Many2one(
        "dealer.assessment", required=True, ondelete="cascade", index=True, readonly=True,
    )
    scorecard_id = fields.Many2one("dealer.scorecard", ondelete="set null", readonly=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    date_from = fields.Date(related="assessment_id.date_from", store=True, string="Period Start")
    date_to = fields.Date(related="assessment_id.date_to", store=True, string="Period End")
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, index=True, readonly=True)
    proposal_type = fields.Selection(PROPOSAL_TYPES, string="Type", required=True, readonly=True, index=True)
    state = fields.Selection(PROPOSAL_STATES, string="Status", default="proposed", required=True, readonly=True,
                             index=True)
    rating = fields.Selection(related="scorecard_id.rating")
    reason = fields.Text(readonly=True, help="Why the assessment proposes it, with the figures.")
    old_grade_id = fields.Many2one("dealer.grade", string="Grade at Proposal", readonly=True)
    new_grade_id = fields.Many2one("dealer.grade", string="Proposed Grade", readonly=True)
    amount = fields.Monetary(currency_field="currency_id", readonly=True, help="Bonus added to the rebate.")
    credit_rating_id = fields.Many2one("dealer.credit.rating", readonly=True)
    credit_limit = fields.Monetary(string="Proposed Credit Limit", currency_field="currency_id", readonly=True)
    payment_term_id = fields.Many2one("account.payment.term", string="Proposed Payment Terms", readonly=True)
    rebate_line_id = fields.Many2one("dealer.rebate.line", string="Rebate Bonus", readonly=True, ondelete="set null")
    rebate_id = fields.Many2one(related="rebate_line_id.rebate_id", string="Rebate")
    correction_plan_id = fields.Many2one("dealer.correction.plan", readonly=True)
    termination_id = fields.Many2one("dealer.termination", readonly=True)
    activity_user_id = fields.Many2one("res.users", string="Interviewer", readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_on = fields.Datetime(readonly=True)
    decision_note = fields.Text(readonly=True)

    @api.depends("partner_id", "proposal_type")
    def _compute_name(self):
        for proposal in self:
            proposal.name = "%s: %s" % (
                proposal.partner_id.display_name or "", proposal._selection_label("proposal_type") or "",
            )

    # ------------------------------------------------------------------ written by this code only
    def _dealer_check_protected(self, fnames):
        """Every field is the assessment's or the decision's: refuse any create or write from elsewhere."""
        if fnames and not self._dealer_is_trusted():
            raise AccessError(_(
                "Consequence proposals are created by the approval of an assessment and decided with their Apply "
                "and Dismiss buttons, not by hand.",
            ))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_trusted(self):
        self._dealer_check_protected({"id"})

    # ------------------------------------------------------------------ buttons
    def _open_decision_wizard(self, decision):
        return {
            "type": "ir.actions.act_window", "res_model": "dealer.assessment.proposal.wizard", "view_mode": "form",
            "target": "new", "context": {"active_model": self._name, "active_ids": self.ids,
                                         "default_decision": decision},
        }

    def action_open_apply_wizard(self):
        return self._open_decision_wizard("apply")

    def action_open_dismiss_wizard(self):
        return self._open_decision_wizard("dismiss")

    # ------------------------------------------------------------------ decisions (called by the wizard)
    def _check_decidable(self):
        self._check_dealer_manager(_("Only a Dealer Manager may apply or dismiss a consequence proposal."))
        self._check_state(("proposed",), _("Proposal %(name)s has already been decided: it is %(state)s."))

    def _decision_vals(self, state, note):
        return {"state": state, "decided_by_id": self.env.uid, "decided_on": fields.Datetime.now(),
                "decision_note": note or False}

    def _apply(self, note=None):
        """Apply the proposals through dealer_management's own actions, then mark them applied."""
        self._check_decidable()
        for proposal in self:
            proposal._check_not_applied_yet()
            vals = proposal._apply_method()() or {}
            proposal._dealer_trusted().write(dict(proposal._decision_vals("applied", note), **vals))
        return True

    def _check_not_applied_yet(self):
        """Refuse a consequence already applied to the dealer for the period (by another assessment of it)."""
        self.ensure_one()
        # sudo: the rule holds across the assessments, whatever the user may see of them
        applied = self.sudo().search([
            ("partner_id", "=", self.partner_id.id), ("company_id", "=", self.company_id.id),
            ("proposal_type", "=", self.proposal_type), ("date_from", "=", self.date_from),
            ("date_to", "=", self.date_to), ("state", "=", "applied"), ("id", "!=", self.id),
        ], limit=1)
        if applied:
            raise UserError(_(
                "%(consequence)s was already applied to dealer %(dealer)s for %(period)s by assessment "
                "%(assessment)s: dismiss this proposal.",
                consequence=self._selection_label("proposal_type"), dealer=self.partner_id.display_name,
                period=period_label(self.date_from, self.assessment_id.period_type),
                assessment=applied.assessment_id.name,
            ))

    def _dismiss(self, reason):
        """Dismiss the proposals, keeping the reason."""
        self._check_decidable()
        if not (reason or "").strip():
            raise UserError(_("Give the reason for dismissing the proposal."))
        self._dealer_trusted().write(self._decision_vals("dismissed", reason))
        return True

    # ------------------------------------------------------------------ one method per type
    def _apply_methods(self):
        """The method applying each proposal type: the one list of them.

        Each returns the values to write on the applied proposal (or None). An addon adding a type to
        ``proposal_type`` adds its method here, overriding this method and calling super().
        """
        return {
            "upgrade": self._apply_grade_change,
            "downgrade": self._apply_grade_change,
            "reward": self._apply_reward,
            "warning": self._apply_warning,
            "interview": self._apply_interview,
            "correction": self._apply_correction,
            "suspension": self._apply_suspension,
            "termination": self._apply_termination,
            "credit": self._apply_credit,
        }

    def _apply_method(self):
        """The method applying this proposal's type; refuse a type no method applies."""
        self.ensure_one()
        method = self._apply_methods().get(self.proposal_type)
        if not method:
            raise UserError(_(
                "Proposal %(name)s cannot be applied: no method applies a consequence of type %(type)s.",
                name=self.display_name, type=self.proposal_type,
            ))
        return method

    def _apply_grade_change(self):
        if self.partner_id.dealer_grade_id != self.old_grade_id:
            raise UserError(_(
                "The grade of dealer %(dealer)s changed since the proposal (now %(grade)s): dismiss the proposal.",
                dealer=self.partner_id.display_name, grade=self.partner_id.dealer_grade_id.name or "-",
            ))
        wizard = self.env["dealer.grade.change.wizard"].create({
            "partner_id": self.partner_id.id, "new_grade_id": self.new_grade_id.id, "reason": self.reason,
        })
        wizard.action_apply()

    def _apply_reward(self):
        rebate = self._reward_rebate()
        line = rebate._add_adjustment_line("bonus", _(
            "Assessment reward: %(assessment)s, rating %(rating)s",
            assessment=self.assessment_id.name, rating=self.rating or "-",
        ), self.amount)
        self._send_letter("dealer_assessment.mail_template_commendation")
        return {"rebate_line_id": line.id}

    def _reward_rebate(self):
        """The dealer's draft rebate of the assessed period, created on its active contract when it has none."""
        assessment = self.assessment_id
        domain = [
            ("partner_id", "=", self.partner_id.id), ("company_id", "=", self.company_id.id),
            ("date_from", "<=", assessment.date_to), ("date_to", ">=", assessment.date_from),
        ]
        Rebate = self.env["dealer.rebate"]
        rebates = Rebate.search(domain + [("state", "!=", "cancelled")], order="date_from, id")
        draft = rebates.filtered(lambda r: r.state == "draft")[:1]
        if draft:
            return draft
        if rebates:
            raise UserError(_(
                "Rebate %(rebate)s of dealer %(dealer)s for this period is %(state)s: reset it to draft to add the "
                "reward, then apply the proposal again.",
                rebate=rebates[0].display_name, dealer=self.partner_id.display_name, state=rebates[0]._state_label(),
            ))
        contract = self.env["dealer.contract"]._find_active(self.partner_id, assessment.date_to, self.company_id)
        contract = contract.get(self.partner_id.commercial_partner_id)
        if not contract:
            raise UserError(_(
                "Dealer %(dealer)s has no active contract on %(date)s to carry the reward: create its rebate for "
                "the period, then apply the proposal again.",
                dealer=self.partner_id.display_name, date=assessment.date_to,
            ))
        return Rebate.create({
            "contract_id": contract.id, "date_from": max(assessment.date_from, contract.date_start),
            "date_to": min(assessment.date_to, contract.date_end),
        })

    def _send_letter(self, template_xmlid):
        """Post the letter on the dealer's chatter and e-mail it to the dealer."""
        template = self.env.ref(template_xmlid)
        self.partner_id.with_context(dealer_assessment_proposal=self.id).message_post_with_source(
            template, message_type="comment", subtype_xmlid="mail.mt_comment",
        )

    def _apply_warning(self):
        self._send_letter("dealer_assessment.mail_template_warning")

    def _apply_interview(self):
        user = self.partner_id.user_id or self.env.user
        self.partner_id.activity_schedule(
            "dealer_assessment.mail_activity_type_interview",
            date_deadline=fields.Date.context_today(self) + timedelta(days=7),
            summary=_("Interview after assessment %(assessment)s", assessment=self.assessment_id.name),
            note=text_to_html(self.reason), user_id=user.id,
        )
        return {"activity_user_id": user.id}

    def _apply_correction(self):
        template = self.scorecard_id.template_id
        days = template.correction_days if template else 30
        plan = self.env["dealer.correction.plan"].create({
            "partner_id": self.partner_id.id, "company_id": self.company_id.id,
            "assessment_id": self.assessment_id.id, "user_id": (self.partner_id.user_id or self.env.user).id,
            "deadline": fields.Date.context_today(self) + timedelta(days=days), "description": self.reason,
        })
        return {"correction_plan_id": plan.id}

    def _apply_suspension(self):
        self.partner_id.action_dealer_suspend()

    def _apply_termination(self):
        termination = self.env["dealer.termination"].create({
            "partner_id": self.partner_id.id, "company_id": self.company_id.id, "reason_code": "under_target",
            "reason": self.reason,
        })
        return {"termination_id": termination.id}

    def _apply_credit(self):
        vals = {"credit_limit": self.credit_limit}
        if self.payment_term_id:
            vals["property_payment_term_id"] = self.payment_term_id.id
        dealer = self.partner_id.with_company(self.company_id)._dealer_trusted()
        # sudo: credit limit and payment terms are accounting fields, set here as the grade policy sets them;
        # the Dealer Manager right was checked by _check_decidable()
        dealer.sudo().write(vals)
        dealer.message_post(body=_(
            "Credit rating %(rating)s applied: credit limit %(limit)s.",
            rating=self.credit_rating_id.name, limit=format_amount(self.env, self.credit_limit, self.currency_id),
        ))
