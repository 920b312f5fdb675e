import math
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows

VISIT_STATES = [("planned", "Planned"), ("checked_in", "Checked In"), ("done", "Done"), ("cancelled", "Cancelled")]
# the hour (the salesperson's time zone) at which the daily job plans a visit
PLANNED_HOUR = 9
EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between two positions in degrees (haversine formula)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


class DealerVisit(models.Model):
    """A salesperson's visit of a dealer (拜访): planned, checked in on site, checklist, photos, findings, done."""

    _name = "dealer.visit"
    _description = "Dealer Visit"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin", "dealer.unique.mixin"]
    _order = "date_planned, id"
    _check_company_auto = True

    # the status, the times and positions of the check-in and check-out come from the buttons only
    _dealer_protected_fields = (
        "state", "checkin_time", "checkin_latitude", "checkin_longitude", "checkin_distance", "checkin_far",
        "checkout_time", "checkout_latitude", "checkout_longitude", "calendar_event_id",
    )
    # one planned visit per dealer at a time: the daily job plans the next one when it is done or cancelled
    _dealer_unique_indexes = {
        "planned_dealer_uniq": (("dealer_id", "state"), "dealer_id", "state = 'planned'",
                                "_check_single_planned_visit"),
    }
    _sql_constraints = [("planned_dealer_uniq", "", "This dealer already has a planned visit.")]

    name = fields.Char(default="/", copy=False, readonly=True, required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    dealer_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True, check_company=True,
        domain=[("is_dealer", "=", True)],
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, tracking=True, check_company=True,
        default=lambda self: self.env.user,
    )
    date_planned = fields.Datetime(string="Planned Time", required=True, index=True, tracking=True,
                                   default=fields.Datetime.now)
    duration = fields.Float(default=1.0, help="Planned length of the visit, in hours.")
    state = fields.Selection(VISIT_STATES, string="Status", default="planned", required=True, readonly=True,
                             copy=False, tracking=True, index=True)
    checklist_id = fields.Many2one(
        "dealer.visit.checklist", check_company=True,
        help="Choosing a checklist on a visit not yet done replaces its points by the checklist's.",
    )
    line_ids = fields.One2many("dealer.visit.line", "visit_id", string="Checklist Points", copy=True)
    finding_ids = fields.One2many("dealer.visit.finding", "visit_id", string="Findings")
    photo_ids = fields.Many2many(
        "ir.attachment", "dealer_visit_photo_rel", "visit_id", "attachment_id", string="Photos",
        help="Photos taken during the visit (display, POSM, price tags, stock).",
    )
    note = fields.Text(string="Summary")
    checkin_time = fields.Datetime(string="Checked In At", readonly=True, copy=False)
    checkin_latitude = fields.Float(string="Check-in Latitude", digits=(10, 7), readonly=True, copy=False)
    checkin_longitude = fields.Float(string="Check-in Longitude", digits=(10, 7), readonly=True, copy=False)
    checkin_distance = fields.Float(
        string="Distance to the Dealer (km)", digits=(10, 3), readonly=True, copy=False,
        help="From the check-in position to the dealer's address; only when both positions are known.",
    )
    checkin_far = fields.Boolean(
        string="Checked In Far Away", readonly=True, copy=False,
        help="Checked in farther from the dealer's address than the company allows (Settings > Dealers).",
    )
    checkout_time = fields.Datetime(string="Checked Out At", readonly=True, copy=False)
    checkout_latitude = fields.Float(string="Check-out Latitude", digits=(10, 7), readonly=True, copy=False)
    checkout_longitude = fields.Float(string="Check-out Longitude", digits=(10, 7), readonly=True, copy=False)
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False, ondelete="set null")
    coverage = fields.Float(
        string="Coverage (%)", compute="_compute_coverage", store=True, aggregator="avg",
        help="100 for a visit done, 0 otherwise: its average over the visits planned is the visit coverage.",
    )
    finding_count = fields.Integer(compute="_compute_finding_count")

    @api.depends("state")
    def _compute_coverage(self):
        for visit in self:
            visit.coverage = 100.0 if visit.state == "done" else 0.0

    @api.depends("finding_ids")
    def _compute_finding_count(self):
        for visit in self:
            visit.finding_count = len(visit.finding_ids)

    @api.onchange("checklist_id")
    def _onchange_checklist_id(self):
        if self.checklist_id and self.state in ("planned", "checked_in"):
            self.line_ids = [fields.Command.clear()] + self.checklist_id._dealer_visit_line_commands()

    @api.onchange("dealer_id")
    def _onchange_dealer_id(self):
        if self.dealer_id.user_id:
            self.user_id = self.dealer_id.user_id

    # ------------------------------------------------------------------ create / write
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.visit") or "/"
            if not vals.get("checklist_id") and not vals.get("line_ids"):
                vals["checklist_id"] = self.env["dealer.visit.checklist"].search([
                    ("company_id", "in", [vals.get("company_id") or self.env.company.id, False])], limit=1).id
            if vals.get("checklist_id") and not vals.get("line_ids"):
                checklist = self.env["dealer.visit.checklist"].browse(vals["checklist_id"])
                vals["line_ids"] = checklist._dealer_visit_line_commands()
        visits = super().create(vals_list)
        visits._dealer_sync_calendar_event()
        return visits

    def write(self, vals):
        if not self._dealer_is_trusted() and any(not fname.startswith(("message_", "activity_")) for fname in vals):
            closed = self.filtered(lambda v: v.state in ("done", "cancelled"))
            if closed:
                raise UserError(_("Visit %(name)s is %(state)s: it can no longer be changed.",
                                  name=closed[0].display_name, state=closed[0]._state_label()))
            if {"dealer_id", "company_id"} & set(vals) and self.filtered(lambda v: v.state != "planned"):
                raise UserError(_("The dealer of a visit checked in cannot change: cancel it and plan another."))
        result = super().write(vals)
        if {"date_planned", "duration", "user_id", "dealer_id"} & set(vals):
            self._dealer_sync_calendar_event()
        return result

    def _check_single_planned_visit(self):
        """Refuse a second planned visit of a dealer, naming the first (run on the values about to be written)."""
        planned = self.filtered(lambda v: v.state == "planned")
        if not planned:
            return
        # sudo: whether the dealer has a planned visit, whoever may read it (the message names only its number)
        other = self.sudo().search([
            ("dealer_id", "in", planned.dealer_id.ids), ("state", "=", "planned"),
            ("id", "not in", [v._origin.id for v in self if v._origin]),
        ], limit=1)
        if other:
            raise ValidationError(_("Dealer %(dealer)s already has planned visit %(visit)s.",
                                    dealer=other.dealer_id.display_name, visit=other.name))

    def _dealer_lines_locked(self):
        """A visit's checklist and findings are locked once it is done or cancelled."""
        return self.filtered(lambda v: v.state in ("done", "cancelled"))

    def _dealer_lines_locked_message(self, lines):
        return _("Visit %(name)s is %(state)s: its checklist and findings can no longer change.",
                 name=self.display_name, state=self._state_label())

    # ------------------------------------------------------------------ calendar
    def _dealer_sync_calendar_event(self):
        """Put each planned visit on its salesperson's calendar (one event per visit, kept in step)."""
        Event = self.env["calendar.event"].with_context(no_mail_to_attendees=True)
        model = self.env["ir.model"]._get_id(self._name)
        for visit in self.filtered(lambda v: v.state == "planned"):
            vals = {
                "name": _("Visit: %(dealer)s", dealer=visit.dealer_id.display_name),
                "start": visit.date_planned,
                "stop": visit.date_planned + timedelta(hours=visit.duration or 1.0),
                "user_id": visit.user_id.id,
                "partner_ids": [fields.Command.set(visit.user_id.partner_id.ids)],
                "location": visit.dealer_id._display_address(without_company=True).replace("\n", " "),
                "res_model_id": model, "res_id": visit.id,
            }
            if visit.calendar_event_id:
                visit.calendar_event_id.with_context(no_mail_to_attendees=True).write(vals)
            else:
                visit._dealer_trusted().calendar_event_id = Event.create(vals)

    # ------------------------------------------------------------------ transitions
    def _dealer_position(self, latitude, longitude):
        """(latitude, longitude) as floats, or None when the browser gave none; refuse an impossible one."""
        if latitude in (None, False) or longitude in (None, False):
            return None
        try:
            position = float(latitude), float(longitude)
        except (TypeError, ValueError):
            raise ValidationError(_("The position sent by the browser is not a valid position.")) from None
        if not (-90.0 <= position[0] <= 90.0 and -180.0 <= position[1] <= 180.0):
            raise ValidationError(_("The position sent by the browser is not a valid position."))
        return position

    def _dealer_distance_vals(self, position):
        """Distance to the dealer's address and the far-away flag, when both positions are known."""
        dealer = self.dealer_id
        if not position or not (dealer.partner_latitude or dealer.partner_longitude):
            return {"checkin_distance": 0.0, "checkin_far": False}
        distance = distance_km(*position, dealer.partner_latitude, dealer.partner_longitude)
        return {"checkin_distance": round(distance, 3),
                "checkin_far": distance > self.company_id.dealer_visit_max_distance}

    def action_check_in(self, latitude=None, longitude=None):
        """Planned → checked in, now, at the browser's position (if it gave one): its distance to the dealer is
        stored and a check-in too far away flagged, not refused."""
        self.ensure_one()
        lock_rows(self)  # a double tap: the second waits, is retried and finds the visit checked in
        self._check_state(("planned",), _("Visit %(name)s cannot be checked in: it is %(state)s."))
        position = self._dealer_position(latitude, longitude)
        vals = {"state": "checked_in", "checkin_time": fields.Datetime.now(), **self._dealer_distance_vals(position)}
        if position:
            vals.update(checkin_latitude=position[0], checkin_longitude=position[1])
        self._dealer_trusted().write(vals)
        if vals["checkin_far"]:
            distance = "%.2f" % vals["checkin_distance"]
            limit = "%g" % self.company_id.dealer_visit_max_distance
            self.message_post(body=_(
                "Checked in %(distance)s km from the dealer's address (more than %(limit)s km).",
                distance=distance, limit=limit))
        return True

    def action_check_out(self, latitude=None, longitude=None):
        """Checked in → done: every checklist point answered; each finding becomes a to-do on the dealer."""
        self.ensure_one()
        lock_rows(self)
        self._check_state(("checked_in",), _("Visit %(name)s cannot be checked out: it is %(state)s."))
        unanswered = self.line_ids.filtered(lambda line: not line.answer)
        if unanswered:
            raise UserError(_("Answer every point of the checklist before checking out (%(point)s is not).",
                              point=unanswered[0].name))
        position = self._dealer_position(latitude, longitude)
        vals = {"state": "done", "checkout_time": fields.Datetime.now()}
        if position:
            vals.update(checkout_latitude=position[0], checkout_longitude=position[1])
        self._dealer_trusted().write(vals)
        self.finding_ids._dealer_schedule_activity()
        return True

    def action_cancel(self):
        """Planned or checked in → cancelled; the visit leaves the salesperson's calendar."""
        lock_rows(self)
        self._check_state(("planned", "checked_in"), _("Visit %(name)s cannot be cancelled: it is %(state)s."))
        events = self.calendar_event_id
        self._dealer_trusted().write({"state": "cancelled", "calendar_event_id": False})
        events.unlink()
        return True

    # ------------------------------------------------------------------ planning
    @api.model
    def _cron_plan_visits(self):
        """Plan the next visit of each active dealer whose grade has a visit interval and which has no visit
        planned or in progress: its last visit's check-in plus the interval (today at the latest).

        A fixed number of queries and one create, whatever the number of dealers; the partial unique index
        keeps a second run at the same moment from planning any visit twice.
        """
        today = fields.Date.context_today(self)
        dealers = self.env["res.partner"].search([
            ("is_dealer", "=", True), ("dealer_state", "=", "active"), ("dealer_grade_id.visit_interval", ">", 0),
        ])
        if not dealers:
            return self.browse()
        groups = self._read_group([("dealer_id", "in", dealers.ids), ("state", "!=", "cancelled")],
                                  ["dealer_id", "state"], ["checkin_time:max"])
        last_visit, busy = {}, set()
        for dealer, state, checkin in groups:
            if state in ("planned", "checked_in"):
                busy.add(dealer.id)
            elif checkin:
                last_visit[dealer.id] = max(checkin, last_visit.get(dealer.id, checkin))
        checklists = self.env["dealer.visit.checklist"].search([])
        vals_list = []
        for dealer in dealers.filtered(lambda d: d.id not in busy):
            company = dealer.company_id or self.env.company
            user = dealer.user_id or self.env.user
            day = today
            if dealer.id in last_visit:
                day = max(today, last_visit[dealer.id].date() + dealer.dealer_grade_id._dealer_visit_delta())
            checklist = checklists.filtered(lambda c, co=company: not c.company_id or c.company_id == co)[:1]
            vals_list.append({
                "dealer_id": dealer.id, "company_id": company.id, "user_id": user.id,
                "date_planned": self._dealer_planned_datetime(day, user), "checklist_id": checklist.id,
            })
        return self.create(vals_list)

    @api.model
    def _dealer_planned_datetime(self, day, user):
        """``PLANNED_HOUR`` o'clock of ``day`` in the user's time zone, as a UTC datetime."""
        local = pytz.timezone(user.tz or "UTC").localize(datetime.combine(day, time(PLANNED_HOUR)))
        return local.astimezone(pytz.UTC).replace(tzinfo=None)
