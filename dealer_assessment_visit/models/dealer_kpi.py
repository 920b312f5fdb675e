"""The visit KPIs: computed from dealer_visit's visits and their findings."""
from datetime import datetime, time, timedelta

from odoo import models


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _kpi_visit_coverage(self, dealers, date_from, date_to, company):
        """Visits done in % of the visits planned in the period (the cancelled ones count as not done); no visit
        planned, no value."""
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        # sudo: an average over the dealers' visits, for the assessment only
        groups = self.env["dealer.visit"].sudo()._read_group(
            [("dealer_id", "in", dealers.ids), ("company_id", "=", company.id),
             ("date_planned", ">=", start), ("date_planned", "<", end)],
            ["dealer_id"], ["coverage:avg"],
        )
        return {dealer.id: round(coverage, 2) for dealer, coverage in groups}

    def _kpi_visit_findings_followup(self, dealers, date_from, date_to, company):
        """Findings closed by their deadline in % of the findings of done visits due in the period; none due, no
        value."""
        # sudo: an average over the dealers' findings, for the assessment only
        groups = self.env["dealer.visit.finding"].sudo()._read_group(
            [("dealer_id", "in", dealers.ids), ("company_id", "=", company.id), ("visit_id.state", "=", "done"),
             ("deadline", ">=", date_from), ("deadline", "<=", date_to)],
            ["dealer_id"], ["followed_up:avg"],
        )
        return {dealer.id: round(followed_up, 2) for dealer, followed_up in groups}
