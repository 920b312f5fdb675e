from odoo import _, api, fields, models
from odoo.tools import format_date

ACTION_STATES = [("open", "Open"), ("done", "Done"), ("cancel", "Cancelled")]
ACTION_OWNERS = [("company", "Our Company"), ("dealer", "The Dealer")]


class DealerBusinessReviewAction(models.Model):
    """An action agreed at a business review: what, who, by when; followed up until the review is closed.

    A line of its review (``dealer.workflow.line.mixin``): locked once the review is closed or cancelled. Its
    state changes through its buttons only; an open action past its deadline becomes a to-do of its responsible.
    """

    _name = "dealer.business.review.action"
    _description = "Dealer Business Review Action"
    _inherit = ["dealer.workflow.mixin", "dealer.workflow.line.mixin"]
    _dealer_line_parent_field = "review_id"
    _dealer_protected_fields = ("state", "date_done", "overdue_notified")
    _order = "review_id, sequence, date_deadline, id"

    review_id = fields.Many2one("dealer.business.review", required=True, index=True, ondelete="cascade")
    review_state = fields.Selection(related="review_id.state", string="Review Status")
    partner_id = fields.Many2one(related="review_id.partner_id", store=True, index=True, string="Dealer")
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Action", required=True)
    owner = fields.Selection(
        ACTION_OWNERS, required=True, default="dealer", help="Who carries the action out: the dealer or our company.",
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", required=True, domain=[("share", "=", False)],
        compute="_compute_user_id", store=True, readonly=False, precompute=True,
        help="Follows the action up (for an action of the dealer: the salesperson who checks it is done).",
    )
    date_deadline = fields.Date(string="Deadline", required=True)
    state = fields.Selection(ACTION_STATES, default="open", required=True, readonly=True, copy=False, index=True)
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    overdue_notified = fields.Boolean(readonly=True, copy=False, help="Its overdue to-do was scheduled.")
    note = fields.Text()

    @api.depends("review_id.user_id")
    def _compute_user_id(self):
        for action in self:
            action.user_id = action.user_id or action.review_id.user_id or self.env.user

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(action.state == "open" and action.date_deadline and action.date_deadline < today)

    # ------------------------------------------------------------------ buttons
    def _check_review_open(self):
        """Raise UserError when the review of one of these actions is closed or cancelled."""
        self.review_id._dealer_check_lines_unlocked(self)

    def action_done(self):
        """The action was carried out."""
        self._check_review_open()
        self._check_state(("open",), _("Action %(name)s cannot be marked done: it is %(state)s."))
        self._dealer_trusted().write({"state": "done", "date_done": fields.Date.context_today(self)})

    def action_cancel(self):
        """The action was dropped."""
        self._check_review_open()
        self._check_state(("open",), _("Action %(name)s cannot be cancelled: it is %(state)s."))
        self._dealer_trusted().write({"state": "cancel"})

    def action_reopen(self):
        """The action must be carried out after all."""
        self._check_review_open()
        self._check_state(("done", "cancel"), _("Action %(name)s is already open."))
        self._dealer_trusted().write({"state": "open", "date_done": False})

    # ------------------------------------------------------------------ follow-up
    @api.model
    def _cron_overdue_actions(self):
        """Daily: a to-do on the review for each open action past its deadline (once per action)."""
        actions = self.search([
            ("state", "=", "open"), ("overdue_notified", "=", False),
            ("date_deadline", "<", fields.Date.context_today(self)), ("review_id.state", "=", "held"),
        ])
        actions._schedule_overdue_activities()

    def _schedule_overdue_activities(self):
        """Schedule the overdue to-do of these actions on their reviews."""
        for action in self:
            action.review_id.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=fields.Date.context_today(self),
                summary=_("Overdue action: %(action)s", action=action.name),
                note=_(
                    "The action %(action)s agreed with %(dealer)s at business review %(review)s was due on "
                    "%(deadline)s and is still open. Follow it up with the dealer, then mark it done or cancel it.",
                    action=action.name, dealer=action.partner_id.display_name, review=action.review_id.display_name,
                    deadline=format_date(self.env, action.date_deadline),
                ),
                user_id=action.user_id.id,
            )
        self._dealer_trusted().write({"overdue_notified": True})
