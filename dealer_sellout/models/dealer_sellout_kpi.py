from odoo import api, models


class DealerSellout(models.Model):
    """Sell-out figures of many dealers at once, for the assessment KPIs (dealer_assessment)."""

    _inherit = "dealer.sellout"

    def _dealer_kpi_domain(self, dealers, date_from, date_to, company):
        return [("dealer_id", "in", dealers.ids), ("company_id", "=", company.id), ("state", "=", "confirmed"),
                ("date", ">=", date_from), ("date", "<=", date_to)]

    @api.model
    def _dealer_kpi_sellout_volume(self, dealers, date_from, date_to, company):
        """{dealer id: units sold to end customers (confirmed sell-outs) in the period}; 0 without any."""
        groups = self._read_group(self._dealer_kpi_domain(dealers, date_from, date_to, company),
                                  ["dealer_id"], ["quantity:sum"])
        result = dict.fromkeys(dealers.ids, 0.0)
        result.update({dealer.id: quantity for dealer, quantity in groups})
        return result

    @api.model
    def _dealer_kpi_sell_through(self, dealers, date_from, date_to, company):
        """{dealer id: sell-out ÷ net sell-in (%)} over the months of the period; no sell-in, no value."""
        groups = self.env["dealer.sellout.analysis"]._read_group(
            [("dealer_id", "in", dealers.ids), ("company_id", "=", company.id),
             ("month", ">=", date_from.replace(day=1)), ("month", "<=", date_to)],
            ["dealer_id"], ["sell_in_qty:sum", "sellout_qty:sum"],
        )
        return {dealer.id: round(100.0 * sold / sell_in, 2) for dealer, sell_in, sold in groups if sell_in > 0}

    @api.model
    def _dealer_kpi_compliance(self, dealers, date_from, date_to, company):
        """{dealer id: share (%) of its confirmed sell-outs of the period without a violation (other than a
        cancelled one)}; no sell-out, no value."""
        domain = self._dealer_kpi_domain(dealers, date_from, date_to, company)
        totals = dict(self._read_group(domain, ["dealer_id"], ["__count"]))
        flagged = dict(self._read_group(
            domain + [("violation_ids.state", "!=", "cancelled")], ["dealer_id"], ["__count"]))
        return {
            dealer.id: round(100.0 * (total - flagged.get(dealer, 0)) / total, 2)
            for dealer, total in totals.items()
        }

    @api.model
    def _dealer_kpi_forecast_accuracy(self, dealers, date_from, date_to, company):
        """{dealer id: forecast accuracy (%)}: see dealer.sellout.forecast.analysis._dealer_forecast_accuracy."""
        return self.env["dealer.sellout.forecast.analysis"]._dealer_forecast_accuracy(
            dealers, date_from, date_to, company)
