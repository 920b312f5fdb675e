from odoo import api, fields, models

# approved scorecards drawn on the dashboard's trend chart
TREND_PERIODS = 8
# size of the trend chart (SVG user units)
CHART_WIDTH, CHART_HEIGHT, CHART_MARGIN = 320, 120, 16


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _dealer_portal_owner_figures(self, company, day, contract):
        """The owner's dashboard also shows the latest approved scorecard and the trend (two searches with a
        limit)."""
        values = super()._dealer_portal_owner_figures(company, day, contract)
        values.update(self._dealer_portal_scorecard_figures(company))
        return values

    def _dealer_portal_scorecard_figures(self, company):
        """The latest approved scorecard (with its KPI lines) and the totals of the last approved periods."""
        Scorecard = self.env["dealer.scorecard"].sudo()
        scorecards = Scorecard.search(
            [("partner_id", "=", self.id), ("company_id", "=", company.id), ("assessment_state", "=", "approved")],
            order="date_to desc, id desc", limit=TREND_PERIODS,
        )
        return {"scorecard": scorecards[:1], "trend": self._dealer_portal_trend(scorecards.sorted("date_to"))}

    @api.model
    def _dealer_portal_trend(self, scorecards):
        """The points of the SVG trend chart: [{x, y, total, label}] and the polyline, totals on a 0–100 scale."""
        if not scorecards:
            return {"points": [], "polyline": ""}
        width = CHART_WIDTH - 2 * CHART_MARGIN
        height = CHART_HEIGHT - 2 * CHART_MARGIN
        step = width / max(len(scorecards) - 1, 1)
        points = []
        for index, scorecard in enumerate(scorecards):
            total = max(0.0, min(scorecard.total, 100.0))
            points.append({
                "x": round(CHART_MARGIN + index * step, 1),
                "y": round(CHART_MARGIN + height * (1 - total / 100.0), 1),
                "total": scorecard.total,
                "label": fields.Date.to_string(scorecard.date_from)[:7],
            })
        return {
            "points": points,
            "polyline": " ".join(f"{point['x']},{point['y']}" for point in points),
            "width": CHART_WIDTH, "height": CHART_HEIGHT,
        }
