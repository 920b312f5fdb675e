from odoo import api, fields, models

from odoo.addons.dealer_management.tools.period import dealer_period_bounds


class SlideChannelPartner(models.Model):
    _name = "slide.channel.partner"
    _inherit = ["slide.channel.partner", "dealer.person.mixin"]

    dealer_partner_id = fields.Many2one(
        index="btree_not_null",
        help="The dealer the attendee works for (their commercial partner, when it is a dealer).",
    )
    dealer_completed_on = fields.Date(
        string="Completed On", compute="_compute_dealer_completed_on", store=True,
        help="Day the attendee finished the course (for the training figures per period).",
    )

    @api.depends("member_status")
    def _compute_dealer_completed_on(self):
        today = fields.Date.context_today(self)
        for membership in self:
            if membership.member_status != "completed":
                membership.dealer_completed_on = False
            elif not membership.dealer_completed_on:
                membership.dealer_completed_on = today

    # ------------------------------------------------------------------ figures for assessments
    @api.model
    def _dealer_courses_completed(self, dealers, date_from, date_to):
        """Number of course completions by each dealer's people in the period."""
        date_from, date_to = (dt.date() for dt in dealer_period_bounds(date_from, date_to))
        groups = self._read_group([
            ("dealer_partner_id", "in", dealers.ids),
            ("member_status", "=", "completed"),
            ("dealer_completed_on", ">=", date_from),
            ("dealer_completed_on", "<", date_to),
        ], ["dealer_partner_id"], ["__count"])
        counts = {dealer.id: count for dealer, count in groups}
        return {dealer.id: counts.get(dealer.id, 0) for dealer in dealers}

    @api.model
    def _dealer_course_counts(self, dealers, on_date):
        """(completed, enrolled) per dealer with staff enrolled by `on_date` in the courses of its grade: its people's
        memberships of those courses, and those completed by that day."""
        domain = [
            ("dealer_partner_id", "in", dealers.ids),
            ("channel_id.dealer_grade_ids", "!=", False),
            ("create_date", "<", fields.Date.add(fields.Date.to_date(on_date), days=1)),
        ]
        completed_domain = domain + [("member_status", "=", "completed"), ("dealer_completed_on", "<=", on_date)]
        counts = {}
        for index, part in enumerate((domain, completed_domain)):
            for dealer, channel, count in self._read_group(part, ["dealer_partner_id", "channel_id"], ["__count"]):
                if dealer.dealer_grade_id not in channel.dealer_grade_ids:
                    continue  # a course of another grade followed on the side: not required of this dealer
                pair = counts.setdefault(dealer.id, [0, 0])
                pair[1 - index] += count
        return {dealer_id: tuple(pair) for dealer_id, pair in counts.items()}
