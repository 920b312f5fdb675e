from datetime import datetime, time, timedelta

from odoo import api, fields, models

VISIT_FIELDS = (
    "visit_done_count", "visit_planned_count", "visit_missed_count",
    "visit_finding_open_count", "visit_finding_overdue_count",
)


class DealerBusinessReview(models.Model):
    _inherit = "dealer.business.review"

    visit_done_count = fields.Integer(string="Visits Done", readonly=True, copy=False,
                                      help="Visits of the dealer planned in the quarter and done.")
    visit_planned_count = fields.Integer(
        string="Visits Planned", readonly=True, copy=False,
        help="Visits of the dealer planned in the quarter and still to come (or under way) when the figures "
             "were taken.",
    )
    visit_missed_count = fields.Integer(
        string="Visits Missed", readonly=True, copy=False,
        help="Visits of the dealer planned in the quarter that were cancelled, or whose planned day passed "
             "without a check-in.",
    )
    visit_finding_open_count = fields.Integer(
        string="Open Visit Findings", readonly=True, copy=False,
        help="Findings of the dealer's done visits not closed yet (open or answered by the dealer).",
    )
    visit_finding_overdue_count = fields.Integer(string="Overdue Visit Findings", readonly=True, copy=False)

    @api.model
    def _review_figure_fields(self):
        return (*super()._review_figure_fields(), *VISIT_FIELDS)

    def _review_figures(self):
        """Add the quarter's visits by outcome and the open visit findings: two grouped counts."""
        result = super()._review_figures()
        if not self:
            return result
        today = fields.Date.context_today(self)
        start = datetime.combine(min(self.mapped("date_from")), time.min)
        end = datetime.combine(max(self.mapped("date_to")) + timedelta(days=1), time.min)
        # sudo: the visits and findings are read for the review's figures only (counts, no content)
        visits = self.env["dealer.visit"].sudo()._read_group(
            [("dealer_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
             ("date_planned", ">=", start), ("date_planned", "<", end)],
            ["dealer_id", "company_id", "date_planned:day", "state"], ["__count"],
        )
        findings = self.env["dealer.visit.finding"].sudo()._read_group(
            [("dealer_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
             ("state", "in", ("open", "answered")), ("visit_id.state", "=", "done")],
            ["dealer_id", "company_id", "deadline:day"], ["__count"],
        )
        for review in self:
            key = (review.partner_id, review.company_id)
            done = planned = missed = 0
            for dealer, company, day, state, count in visits:
                day = fields.Date.to_date(day)
                if (dealer, company) != key or not review.date_from <= day <= review.date_to:
                    continue
                if state == "done":
                    done += count
                elif state == "cancelled" or (state == "planned" and day < today):
                    missed += count
                else:
                    planned += count
            own = [(deadline, count) for dealer, company, deadline, count in findings if (dealer, company) == key]
            result[review.id].update({
                "visit_done_count": done,
                "visit_planned_count": planned,
                "visit_missed_count": missed,
                "visit_finding_open_count": sum(count for _deadline, count in own),
                "visit_finding_overdue_count": sum(count for deadline, count in own if deadline < today),
            })
        return result
