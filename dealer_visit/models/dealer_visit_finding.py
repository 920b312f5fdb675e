from odoo import _, api, fields, models

FINDING_STATES = [("open", "Open"), ("answered", "Answered"), ("closed", "Closed")]


class DealerVisitFinding(models.Model):
    """Something a visit found that the dealer must put right by a deadline; a to-do on the dealer for its
    salesperson once the visit is done, answered by the dealer on the portal."""

    _name = "dealer.visit.finding"
    _description = "Dealer Visit Finding"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "dealer.workflow.mixin", "dealer.workflow.line.mixin",
        "dealer.finding.mixin",
    ]
    _order = "deadline, id"
    _check_company_auto = True

    # the status and the dealer's answer change through the buttons and the portal only
    _dealer_protected_fields = ("state", "date_closed", "dealer_answer", "answer_date", "activity_id")
    # what was found, what is expected and by when are locked with the done visit (its _dealer_lines_locked);
    # the follow-up user, the status (buttons) and the chatter still change
    _dealer_line_parent_field = "visit_id"
    _dealer_line_locked_fields = ("name", "action", "deadline")
    # an answered finding still waits for the salesperson to close it: overdue after its deadline
    _dealer_finding_open_states = ("open", "answered")

    visit_id = fields.Many2one("dealer.visit", required=True, index=True, ondelete="cascade", check_company=True)
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    dealer_id = fields.Many2one(related="visit_id.dealer_id", store=True, index=True)
    visit_state = fields.Selection(related="visit_id.state", string="Visit Status")
    action = fields.Text(string="Expected from the Dealer")
    user_id = fields.Many2one(
        help="Gets the to-do on the dealer, due on the deadline (default: the dealer's salesperson).",
    )
    state = fields.Selection(FINDING_STATES, string="Status", default="open", required=True, readonly=True,
                             copy=False, tracking=True, index=True)
    dealer_answer = fields.Text(readonly=True, copy=False, help="What the dealer did, as it wrote on the portal.")
    answer_date = fields.Datetime(string="Answered On", readonly=True, copy=False)
    answer_attachment_ids = fields.Many2many(
        "ir.attachment", "dealer_visit_finding_answer_rel", "finding_id", "attachment_id", string="Answer Photos",
        readonly=True, copy=False,
    )
    activity_id = fields.Many2one("mail.activity", string="To-do", readonly=True, copy=False, ondelete="set null")
    followed_up = fields.Float(
        string="Followed Up (%)", compute="_compute_followed_up", store=True, aggregator="avg",
        help="100 for a finding closed by its deadline, 0 otherwise: its average over the findings due is the "
             "findings' follow-up.",
    )

    @api.depends("state", "date_closed", "deadline")
    def _compute_followed_up(self):
        for finding in self:
            finding.followed_up = 100.0 if finding.state == "closed" and finding.date_closed \
                and finding.date_closed <= finding.deadline else 0.0

    def _dealer_schedule_activity(self):
        """A to-do on the dealer for the follow-up user (default: the dealer's salesperson), due on the deadline,
        for each finding not closed that has none."""
        for finding in self.filtered(lambda f: f.state != "closed" and not f.activity_id):
            user = finding._dealer_finding_user(finding.visit_id.user_id)
            activity = finding.dealer_id.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=finding.deadline, user_id=user.id,
                summary=_("Visit finding: %(finding)s", finding=finding.name), note=finding.action or "",
            )
            finding._dealer_trusted().activity_id = activity

    def _dealer_answer(self, answer, attachments=None, author=None):
        """The dealer's answer (from the portal, written by ``author``): open or answered → answered, the
        salesperson is told."""
        self.ensure_one()
        self._check_state(("open", "answered"), _("Finding %(name)s is %(state)s: it takes no answer."))
        self._dealer_trusted().write({
            "state": "answered", "dealer_answer": answer, "answer_date": fields.Datetime.now(),
            "answer_attachment_ids": [fields.Command.link(a.id) for a in attachments or []],
        })
        self.message_post(body=_("The dealer answered: %(answer)s", answer=answer),
                          attachment_ids=(attachments or self.env["ir.attachment"]).ids,
                          author_id=(author or self.env.user.partner_id).id,
                          message_type="comment", subtype_xmlid="mail.mt_comment")
        return True

    def _dealer_finding_todo_done(self):
        """Closed: the to-dos on the dealer are done."""
        self.activity_id.action_feedback(feedback=_("Finding closed."))

    def _dealer_finding_schedule_todo(self):
        """Reopened: a new to-do, once the visit is done."""
        self.filtered(lambda f: f.visit_id.state == "done")._dealer_schedule_activity()
