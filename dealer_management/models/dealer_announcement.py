from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .res_users import DEALER_PORTAL_STATES

ANNOUNCEMENT_CATEGORIES = [
    ("product", "Product Information"),
    ("price", "Price Change"),
    ("promotion", "Promotion"),
    ("market", "Market News"),
    ("policy", "Policy Notice"),
]

AUDIENCES = [
    ("all", "All Dealers"),
    ("grade", "Selected Grades"),
    ("territory", "Selected Territories"),
]


class DealerAnnouncement(models.Model):
    """A notice to dealers (product information, price changes, market news ...) with read receipts."""

    _name = "dealer.announcement"
    _description = "Dealer Announcement"
    _check_company_auto = True
    _inherit = ["dealer.workflow.mixin", "mail.thread"]
    _order = "date_publish desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True, translate=True)
    body = fields.Html(translate=True, sanitize_attributes=True)
    category = fields.Selection(ANNOUNCEMENT_CATEGORIES, required=True, default="product", tracking=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    audience = fields.Selection(AUDIENCES, required=True, default="all", tracking=True)
    grade_ids = fields.Many2many("dealer.grade", string="Grades", check_company=True)
    territory_ids = fields.Many2many(
        "dealer.territory", string="Territories",
        help="Dealers holding one of these territories or a territory below them see the announcement.",
        check_company=True,
    )
    date_publish = fields.Date(
        string="Publish From", tracking=True, help="Empty: set to the publishing day.",
    )
    date_expire = fields.Date(string="Visible Until", tracking=True, help="Empty: never expires.")
    attachment_ids = fields.Many2many(
        "ir.attachment", "dealer_announcement_attachment_rel", "announcement_id", "attachment_id",
        string="Attachments",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("scheduled", "Scheduled"), ("published", "Published"), ("archived", "Archived")],
        required=True, default="draft", copy=False, tracking=True, index=True,
        help="Scheduled: published, waiting for its publishing date. Only published announcements are readable "
             "by dealers: the daily job publishes the scheduled ones whose date has come and archives the expired "
             "ones, so that the record rule (which cannot hold today's date) enforces the publishing window.",
    )
    user_id = fields.Many2one("res.users", string="Author", default=lambda self: self.env.user)
    read_ids = fields.One2many("dealer.announcement.read", "announcement_id", string="Read Receipts")
    read_count = fields.Integer(compute="_compute_read_stats", string="Read By (users)")
    read_dealer_count = fields.Integer(compute="_compute_read_stats", string="Read By (dealers)")
    audience_dealer_count = fields.Integer(compute="_compute_read_stats", string="Dealers Addressed")

    @api.depends("read_ids", "audience", "grade_ids", "territory_ids")
    def _compute_read_stats(self):
        receipts = self.env["dealer.announcement.read"]._read_group(
            [("announcement_id", "in", self.ids)], ["announcement_id"], ["__count", "partner_id:count_distinct"],
        )
        stats = {announcement: (count, dealers) for announcement, count, dealers in receipts}
        for announcement in self:
            count, dealers = stats.get(announcement, (0, 0))
            announcement.read_count = count
            announcement.read_dealer_count = dealers
            announcement.audience_dealer_count = len(announcement._audience_dealers())

    # ------------------------------------------------------------------ audience
    def _audience_partner_domain(self):
        """Domain on res.partner selecting the dealers this announcement addresses."""
        self.ensure_one()
        domain = [("is_dealer", "=", True), ("dealer_state", "in", DEALER_PORTAL_STATES)]
        if self.audience == "grade":
            domain.append(("dealer_grade_id", "in", self.grade_ids.ids))
        elif self.audience == "territory":
            domain.append(("dealer_territory_ids", "child_of", self.territory_ids.ids))
        return domain

    def _audience_dealers(self):
        """The dealers this announcement addresses."""
        self.ensure_one()
        if self.audience != "all" and not (self.grade_ids if self.audience == "grade" else self.territory_ids):
            return self.env["res.partner"]
        return self.env["res.partner"].sudo().search(self._audience_partner_domain())  # sudo: counting only

    @api.model
    def _dealer_audience_domain(self, dealer):
        """Domain on announcements whose audience includes `dealer` (from res.users._dealer_portal_dealer)."""
        if not dealer:
            return expression.FALSE_DOMAIN
        dealer = dealer.sudo()  # sudo: grade and territories of the dealer itself only
        # the territories t with t._contains(one of the dealer's territories): those territories and their
        # ancestors, read from parent_path (a 'parent_of' search would need read access on territories)
        territory_ids = {
            int(ancestor) for territory in dealer.dealer_territory_ids
            for ancestor in territory.parent_path.split("/") if ancestor
        }
        return [
            "|", "|",
            ("audience", "=", "all"),
            "&", ("audience", "=", "grade"), ("grade_ids", "in", dealer.dealer_grade_id.ids),
            "&", ("audience", "=", "territory"), ("territory_ids", "in", sorted(territory_ids)),
        ]

    @api.model
    def _dealer_visible_domain(self, user):
        """Published announcements, within their window today, addressed to the user's dealer."""
        today = fields.Date.context_today(self)
        return [
            ("state", "=", "published"),
            "|", ("date_publish", "=", False), ("date_publish", "<=", today),
            "|", ("date_expire", "=", False), ("date_expire", ">=", today),
            *self._dealer_audience_domain(user._dealer_portal_dealer()),
        ]

    @api.model
    def _dealer_unread_domain(self, user):
        """Visible announcements the user has not opened yet."""
        return [
            *self._dealer_visible_domain(user),
            ("read_ids", "not any", [("user_id", "=", user.id)]),
        ]

    @api.model
    def _dealer_unread_count(self, user):
        """Number of announcements visible to the user's dealer that this user has not read."""
        return self.search_count(self._dealer_unread_domain(user))

    def _is_read_by(self, user):
        """True when `user` has a read receipt on this announcement."""
        self.ensure_one()
        return bool(self.read_ids.filtered(lambda receipt: receipt.user_id == user))

    def _mark_read(self):
        """Record that the current user read these announcements (once per user); returns the new ones.

        Only announcements the user may read today (record rules and publishing window) get a receipt.
        Portal users have no create right on receipts: they are written here, for the user itself only.
        """
        user = self.env.user
        readable = self._filtered_access("read") if not self.env.su else self
        if user.share:
            # sudo: the audience fields (grades, territories) are not readable by portal users; the records
            # were filtered with the user's rights above
            readable = readable.browse(readable.sudo().filtered_domain(self._dealer_visible_domain(user)).ids)
        Receipt = self.env["dealer.announcement.read"].sudo()  # sudo: the user's own receipts, checked above
        done = Receipt.search([("announcement_id", "in", readable.ids), ("user_id", "=", user.id)]).announcement_id
        todo = readable - done.with_env(self.env)
        if todo:
            Receipt.create([{"announcement_id": announcement.id, "user_id": user.id} for announcement in todo])
        return todo

    # ------------------------------------------------------------------ workflow
    def _check_publishable(self):
        today = fields.Date.context_today(self)
        for announcement in self:
            if announcement.audience == "grade" and not announcement.grade_ids:
                raise UserError(_(
                    "Announcement %(name)s is addressed to selected grades but no grade is selected. "
                    "Select at least one grade or address it to all dealers.", name=announcement.name,
                ))
            if announcement.audience == "territory" and not announcement.territory_ids:
                raise UserError(_(
                    "Announcement %(name)s is addressed to selected territories but no territory is selected. "
                    "Select at least one territory or address it to all dealers.", name=announcement.name,
                ))
            start = announcement.date_publish or today
            if announcement.date_expire and announcement.date_expire < start:
                raise UserError(_(
                    "Announcement %(name)s would expire (%(expire)s) before it is published (%(publish)s). "
                    "Correct the publishing window.",
                    name=announcement.name, expire=announcement.date_expire, publish=start,
                ))
            if announcement.date_expire and announcement.date_expire < today:
                raise UserError(_(
                    "Announcement %(name)s expired on %(expire)s: set a later 'Visible Until' date to publish it.",
                    name=announcement.name, expire=announcement.date_expire,
                ))

    def _dealer_window_state(self):
        """The state a scheduled/published announcement has today: scheduled, published or archived."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.date_expire and self.date_expire < today:
            return "archived"
        if self.date_publish and self.date_publish > today:
            return "scheduled"
        return "published"

    def _dealer_sync_window(self):
        """Move scheduled/published announcements to the state their publishing window gives today."""
        for announcement in self.filtered(lambda a: a.state in ("scheduled", "published")):
            state = announcement._dealer_window_state()
            if state != announcement.state:
                announcement._dealer_trusted().write({"state": state})

    def write(self, vals):
        res = super().write(vals)
        if {"date_publish", "date_expire"} & set(vals):
            self._dealer_sync_window()
        return res

    def action_publish(self):
        """Draft → published (scheduled until its publishing date): dealers of the audience see it from then."""
        self._check_state(("draft",), _("Announcement %(name)s cannot be published: it is %(state)s."))
        self._check_publishable()
        today = fields.Date.context_today(self)
        for announcement in self:
            announcement._dealer_trusted().write({
                "state": "scheduled", "date_publish": announcement.date_publish or today,
            })
        self._dealer_sync_window()

    def action_archive_announcement(self):
        """Scheduled/published → archived: dealers no longer see it."""
        self._check_state(
            ("scheduled", "published"), _("Announcement %(name)s cannot be archived: it is %(state)s."),
        )
        self._dealer_trusted().write({"state": "archived"})

    def action_reset_draft(self):
        """Scheduled/archived → draft, to correct and publish again."""
        self._check_state(
            ("scheduled", "archived"), _("Announcement %(name)s cannot be set back to draft: it is %(state)s."),
        )
        self._dealer_trusted().write({"state": "draft"})

    def action_view_read_receipts(self):
        """Open the read receipts of this announcement, grouped by dealer."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_management.action_dealer_announcement_read")
        action["domain"] = [("announcement_id", "=", self.id)]
        action["context"] = {"search_default_group_partner": 1}
        return action

    @api.model
    def _cron_sync_publication(self):
        """Publish the scheduled announcements whose date has come; archive the expired ones."""
        self.search([("state", "in", ("scheduled", "published"))])._dealer_sync_window()
