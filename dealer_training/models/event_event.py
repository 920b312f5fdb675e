from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.dealer_management.tools.period import dealer_period_bounds

DEALER_TRAINING_TOPICS = [
    ("product", "Product knowledge"),
    ("sales", "Sales skills"),
    ("market", "Market analysis"),
    ("culture", "Company culture and rules"),
]


class EventEvent(models.Model):
    _inherit = "event.event"

    is_dealer_training = fields.Boolean(
        string="Dealer Training", compute="_compute_is_dealer_training", store=True, readonly=False,
        index=True, help="A training for the dealer network (培训), counted in dealer assessments.",
    )
    dealer_training_topic = fields.Selection(DEALER_TRAINING_TOPICS, string="Training Topic")
    dealer_required_grade_ids = fields.Many2many(
        "dealer.grade", "dealer_event_required_grade_rel", "event_id", "grade_id",
        string="Required for Grades",
        help="Dealers of these grades are expected to attend this training (training completion).",
    )
    dealer_portal_published = fields.Boolean(
        string="Published on Dealer Portal", copy=False,
        help="Show this training on the dealer portal so that dealers can register their people.",
    )

    @api.depends("event_type_id")
    def _compute_is_dealer_training(self):
        for event in self:
            if event.event_type_id:
                event.is_dealer_training = event.event_type_id.is_dealer_training
            elif not event.is_dealer_training:
                event.is_dealer_training = False

    # ------------------------------------------------------------------ figures for assessments
    @api.model
    def _dealer_attendance_domain(self, dealers, date_from, date_to):
        """Attended registrations of the dealers' people to dealer trainings ending in the period."""
        start, end = dealer_period_bounds(date_from, date_to)
        return [
            ("dealer_partner_id", "in", dealers.ids),
            ("state", "=", "done"),
            ("event_id.is_dealer_training", "=", True),
            ("event_id.date_end", ">=", start),
            ("event_id.date_end", "<", end),
        ]

    @api.model
    def _dealer_trainings_attended(self, dealers, date_from, date_to):
        """Number of distinct dealer trainings ending in the period attended by each dealer's people."""
        groups = self.env["event.registration"]._read_group(
            self._dealer_attendance_domain(dealers, date_from, date_to),
            ["dealer_partner_id"], ["event_id:count_distinct"],
        )
        counts = {dealer.id: count for dealer, count in groups}
        return {dealer.id: counts.get(dealer.id, 0) for dealer in dealers}

    @api.model
    def _dealer_training_completion(self, dealers, date_from, date_to):
        """Percentage (0-100) of the trainings required for each dealer's grade in the period it attended."""
        start, end = dealer_period_bounds(date_from, date_to)
        required_events = self.search([
            ("is_dealer_training", "=", True),
            ("date_end", ">=", start),
            ("date_end", "<", end),
            ("dealer_required_grade_ids", "in", dealers.dealer_grade_id.ids),
        ])
        required_by_grade = defaultdict(set)
        for event in required_events:
            for grade in event.dealer_required_grade_ids:
                required_by_grade[grade.id].add(event.id)
        attended = defaultdict(set)
        if required_events:
            groups = self.env["event.registration"]._read_group(
                self._dealer_attendance_domain(dealers, date_from, date_to)
                + [("event_id", "in", required_events.ids)],
                ["dealer_partner_id", "event_id"], [],
            )
            for dealer, event in groups:
                attended[dealer.id].add(event.id)
        result = {}
        for dealer in dealers:
            required = required_by_grade.get(dealer.dealer_grade_id.id, set())
            if not required:
                result[dealer.id] = 100.0
            else:
                result[dealer.id] = round(100.0 * len(required & attended[dealer.id]) / len(required), 2)
        return result
