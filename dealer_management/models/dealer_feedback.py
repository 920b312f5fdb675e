from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

FEEDBACK_TYPES = [
    ("competitor_price", "Competitor Price"),
    ("demand", "Market Demand"),
    ("request", "Request / Suggestion"),
    ("other", "Other"),
]
FEEDBACK_STATES = [
    ("new", "New"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("rejected", "Rejected"),
]


class DealerFeedback(models.Model):
    """Market feedback from a dealer: competitor prices, demand, requests; triaged by the back office."""

    _name = "dealer.feedback"
    _description = "Dealer Market Feedback"
    _check_company_auto = True
    _inherit = ["dealer.relation.mixin", "dealer.workflow.mixin", "mail.thread"]
    _order = "create_date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, tracking=True, index=True,
        domain=[("is_dealer", "=", True), ("is_company", "=", True)],
        default=lambda self: self.env.user._dealer_portal_dealer(), check_company=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Submitted By", default=lambda self: self.env.user, readonly=True, index=True,
    )
    feedback_type = fields.Selection(FEEDBACK_TYPES, string="Type", required=True, default="demand", tracking=True)
    description = fields.Text(required=True)
    product_id = fields.Many2one("product.product", check_company=True)
    competitor_name = fields.Char(string="Competitor")
    competitor_price = fields.Monetary(currency_field="currency_id", help="Price observed at the competitor.")
    attachment_ids = fields.Many2many(
        "ir.attachment", "dealer_feedback_attachment_rel", "feedback_id", "attachment_id", string="Attachments",
    )
    assigned_user_id = fields.Many2one(
        "res.users", string="Assigned To", tracking=True, index=True, domain=[("share", "=", False)],
    )
    response = fields.Text(help="Answer shown to the dealer on the portal.")
    state = fields.Selection(
        FEEDBACK_STATES, required=True, default="new", copy=False, tracking=True, index=True, group_expand=True,
    )
    color = fields.Integer()

    @api.constrains("competitor_price")
    def _check_competitor_price(self):
        if self.filtered(lambda feedback: feedback.competitor_price < 0):
            raise ValidationError(_("A competitor price cannot be negative."))

    def action_start(self):
        """New → in progress; the current user takes it if nobody has it."""
        self._check_state(("new",), _("Feedback %(name)s cannot be started: it is %(state)s."))
        for feedback in self:
            feedback._dealer_trusted().write({
                "state": "in_progress", "assigned_user_id": feedback.assigned_user_id.id or self.env.user.id,
            })

    def action_done(self):
        """New/in progress → done."""
        self._check_state(("new", "in_progress"), _("Feedback %(name)s cannot be marked done: it is %(state)s."))
        self._dealer_trusted().write({"state": "done"})

    def action_reject(self):
        """New/in progress → rejected (not actionable)."""
        self._check_state(("new", "in_progress"), _("Feedback %(name)s cannot be rejected: it is %(state)s."))
        self._dealer_trusted().write({"state": "rejected"})

    def action_reset(self):
        """Done/rejected → in progress again."""
        self._check_state(("done", "rejected"), _("Feedback %(name)s cannot be reopened: it is %(state)s."))
        self._dealer_trusted().write({"state": "in_progress"})
