from odoo import _, api, fields, models

PLAN_STATES = [("in_progress", "In Progress"), ("done", "Done"), ("cancelled", "Cancelled")]


class DealerCorrectionPlan(models.Model):
    """A correction plan (整改计划) a dealer carries out after a poor assessment: actions, owners, deadlines."""

    _name = "dealer.correction.plan"
    _description = "Dealer Correction Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin"]
    _check_company_auto = True
    _order = "deadline, id"
    # the status and the overdue flag change only through the buttons and the daily check
    _dealer_protected_fields = ("state", "is_overdue")

    name = fields.Char(string="Reference", default="/", copy=False, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, check_company=True, tracking=True,
        domain=[("is_dealer", "=", True)],
    )
    assessment_id = fields.Many2one("dealer.assessment", check_company=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True,
        domain=[("share", "=", False)],
    )
    deadline = fields.Date(required=True, tracking=True)
    description = fields.Text(string="Findings")
    state = fields.Selection(
        PLAN_STATES, string="Status", default="in_progress", required=True, readonly=True, copy=False,
        tracking=True, index=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue", readonly=True, copy=False, index=True, tracking=True,
        help="Still in progress after its deadline; set by the daily check.",
    )
    line_ids = fields.One2many("dealer.correction.plan.line", "plan_id", string="Actions", copy=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.correction.plan") or "/"
        plans = super().create(vals_list)
        plans._update_overdue()
        return plans

    def write(self, vals):
        res = super().write(vals)
        if "deadline" in vals:
            self._update_overdue()
        return res

    def _update_overdue(self):
        """Set the overdue flag of these plans from their deadline and status (as of today)."""
        today = fields.Date.context_today(self)
        for plan in self:
            overdue = plan.state == "in_progress" and plan.deadline < today
            if overdue != plan.is_overdue:
                plan._dealer_trusted().write({"is_overdue": overdue})
                if overdue:
                    plan.message_post(body=_("The correction plan is overdue: its deadline has passed."))

    def action_done(self):
        """In progress → done: every action was carried out."""
        self._check_dealer_manager(_("Only a Dealer Manager may close a correction plan."))
        self._check_state(("in_progress",), _("Correction plan %(name)s cannot be closed: it is %(state)s."))
        self._dealer_trusted().write({"state": "done"})
        self._update_overdue()
        return True

    def action_cancel(self):
        """In progress → cancelled."""
        self._check_dealer_manager(_("Only a Dealer Manager may cancel a correction plan."))
        self._check_state(("in_progress",), _("Correction plan %(name)s cannot be cancelled: it is %(state)s."))
        self._dealer_trusted().write({"state": "cancelled"})
        self._update_overdue()
        return True

    def action_reopen(self):
        """Done/cancelled → in progress."""
        self._check_dealer_manager(_("Only a Dealer Manager may reopen a correction plan."))
        self._check_state(("done", "cancelled"), _("Correction plan %(name)s cannot be reopened: it is %(state)s."))
        self._dealer_trusted().write({"state": "in_progress"})
        self._update_overdue()
        return True

    def _dealer_lines_locked(self):
        """The actions change while the plan is in progress; a done or cancelled plan is reopened first."""
        return self.filtered(lambda p: p.state != "in_progress")

    def _dealer_lines_locked_message(self, lines):
        self.ensure_one()
        return _(
            "Correction plan %(name)s is %(state)s: its actions can no longer be added, changed or deleted. "
            "A Dealer Manager can reopen it.", name=self.name, state=self._state_label(),
        )

    @api.model
    def _cron_mark_overdue(self):
        """Daily: flag the plans in progress whose deadline has passed."""
        today = fields.Date.context_today(self)
        self.search([("state", "=", "in_progress"), ("deadline", "<", today), ("is_overdue", "=", False)])\
            ._update_overdue()
