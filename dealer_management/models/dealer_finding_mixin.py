from odoo import _, api, fields, models


class DealerFindingMixin(models.AbstractModel):
    """Something found at the dealer (a visit's or a service inspection's finding) that the dealer must put right
    by a deadline (整改), followed up by a to-do; closed when put right, reopened when the correction does not hold.

    For models that also inherit ``dealer.workflow.mixin`` and have ``company_id``, ``dealer_id`` and a ``state``
    selection with "open" and "closed". A model says which states still wait for the dealer
    (``_dealer_finding_open_states``) and how its to-dos open and close (``_dealer_finding_schedule_todo``,
    ``_dealer_finding_todo_done``).
    """

    _name = "dealer.finding.mixin"
    _description = "Dealer Finding"

    # the states in which the finding waits for the dealer's correction: overdue after its deadline, closable
    _dealer_finding_open_states = ("open",)

    name = fields.Char(string="Finding", required=True, tracking=True)
    deadline = fields.Date(required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Follow-up by", check_company=True, tracking=True,
        help="Gets the to-do on the finding, due on the deadline (default: the dealer's salesperson).",
    )
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue")

    @api.depends("state", "deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for finding in self:
            finding.is_overdue = finding.state in self._dealer_finding_open_states and finding.deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(_("Unsupported search on overdue findings."))
        domain = [("state", "in", self._dealer_finding_open_states),
                  ("deadline", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    def _dealer_finding_user(self, fallback):
        """Who follows the finding up: its follow-up user, else the dealer's salesperson, else ``fallback``."""
        self.ensure_one()
        return self.user_id or self.dealer_id.user_id or fallback

    def _dealer_finding_schedule_todo(self):
        """Hook: open the follow-up to-dos of these findings (reopened)."""

    def _dealer_finding_todo_done(self):
        """Hook: mark the follow-up to-dos of these findings done (closed)."""

    def action_close(self):
        """Waiting for the dealer → closed: the dealer put it right; its to-do is done."""
        self._check_state(self._dealer_finding_open_states, _("Finding %(name)s cannot be closed: it is %(state)s."))
        self._dealer_trusted().write({"state": "closed", "date_closed": fields.Date.context_today(self)})
        self._dealer_finding_todo_done()
        return True

    def action_reopen(self):
        """Closed → open again, when the correction does not hold; a new to-do."""
        self._check_state(("closed",), _("Finding %(name)s cannot be reopened: it is %(state)s."))
        self._dealer_trusted().write({"state": "open", "date_closed": False})
        self._dealer_finding_schedule_todo()
        return True
