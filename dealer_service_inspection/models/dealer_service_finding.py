from odoo import _, fields, models
from odoo.exceptions import ValidationError

FINDING_STATES = [("draft", "Proposed"), ("open", "Open"), ("closed", "Corrected"), ("discarded", "Discarded")]


class DealerServiceFinding(models.Model):
    """A shortcoming found by a service inspection, for the dealer to correct by a deadline (整改)."""

    _name = "dealer.service.finding"
    _description = "Service Inspection Finding"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "dealer.workflow.mixin", "dealer.workflow.line.mixin",
        "dealer.unique.mixin", "dealer.finding.mixin",
    ]
    _order = "deadline, id"
    _check_company_auto = True

    # the checked point of a proposed finding is set by the inspection's proposal only
    _dealer_protected_fields = ("state", "date_closed", "inspection_line_id")
    # what was found, what is required and by when are locked with the done inspection (its
    # _dealer_lines_locked); its follow-up user, its status (buttons) and its chatter still change
    _dealer_line_parent_field = "inspection_id"
    _dealer_line_locked_fields = ("name", "action", "deadline")
    # one finding per checked point: a point is proposed once, whatever its finding became
    _dealer_unique_indexes = {
        "inspection_line_uniq": (("inspection_line_id",), "inspection_line_id", "inspection_line_id IS NOT NULL",
                                 "_check_single_finding_per_point"),
    }
    _sql_constraints = [("inspection_line_uniq", "", "This checked point already has a finding.")]

    inspection_id = fields.Many2one(
        "dealer.service.inspection", required=True, index=True, ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="inspection_id.company_id", store=True, index=True)
    dealer_id = fields.Many2one(related="inspection_id.dealer_id", store=True, index=True)
    inspection_line_id = fields.Many2one(
        "dealer.service.inspection.line", string="Proposed From", readonly=True, copy=False,
        index="btree_not_null", ondelete="set null",
        help="The checked point scored under its threshold that proposed this finding.",
    )
    action = fields.Text(string="Correction Required")
    user_id = fields.Many2one(
        help="Gets the to-do of the correction, due on the deadline (default: the dealer's salesperson).",
    )
    state = fields.Selection(FINDING_STATES, string="Status", default="open", required=True, readonly=True,
                             copy=False, tracking=True, index=True)
    date_closed = fields.Date(string="Corrected On")

    def _dealer_open_correction(self):
        """A to-do for the follow-up user, due on the deadline, for each open finding."""
        for finding in self.filtered(lambda f: f.state == "open"):
            user = finding._dealer_finding_user(finding.inspection_id.inspector_id)
            finding.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=finding.deadline, user_id=user.id,
                summary=_("Correct: %(finding)s", finding=finding.name),
            )

    def _check_single_finding_per_point(self):
        """Refuse a second finding of a checked point, naming the first (run on the values about to be written)."""
        lines = self.inspection_line_id
        if not lines:
            return
        # sudo: whether the point already has a finding, whoever may read it (the message names only its title)
        other = self.sudo().search([
            ("inspection_line_id", "in", lines.ids), ("id", "not in", [f._origin.id for f in self if f._origin]),
        ], limit=1)
        if other:
            raise ValidationError(_(
                "Checked point %(point)s already has finding %(finding)s.",
                point=other.inspection_line_id.name, finding=other.name,
            ))

    def _dealer_line_changes_locked(self, fnames):
        """A proposed finding stays editable on a done inspection until the inspector confirms or discards it."""
        if self and all(finding.state == "draft" for finding in self) and self._dealer_line_parent_field not in fnames:
            return False
        return super()._dealer_line_changes_locked(fnames)

    def action_confirm(self):
        """Proposed → open: the inspector keeps the finding; its correction to-do opens once the inspection is
        done (at once if it is)."""
        self._check_state(("draft",), _("Finding %(name)s cannot be confirmed: it is %(state)s, not proposed."))
        self._dealer_trusted().write({"state": "open"})
        self.filtered(lambda f: f.inspection_id.state == "done")._dealer_open_correction()
        return True

    def action_discard(self):
        """Proposed → discarded: no shortcoming after all. Kept, so that its checked point is not proposed again."""
        self._check_state(("draft",), _("Finding %(name)s cannot be discarded: it is %(state)s, not proposed."))
        self._dealer_trusted().write({"state": "discarded"})
        return True

    def _dealer_finding_todo_done(self):
        """Corrected: the correction to-dos are done."""
        self.activity_feedback(["mail.mail_activity_data_todo"], feedback=_("Corrected."))

    def _dealer_finding_schedule_todo(self):
        """Reopened: a new correction to-do."""
        self._dealer_open_correction()
