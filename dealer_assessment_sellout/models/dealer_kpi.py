"""The sell-out KPIs: computed from dealer_sellout's confirmed retail sales, analysis and forecasts."""
from odoo import models


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _sellout_domain(self, dealers, date_from, date_to, company):
        """The dealers' confirmed sell-outs dated in the period, in the assessed company."""
        return [("dealer_id", "in", dealers.ids), ("company_id", "=", company.id), ("state", "=", "confirmed"),
                ("date", ">=", date_from), ("date", "<=", date_to)]

    def _kpi_sellout_volume(self, dealers, date_from, date_to, company):
        """Units sold to end customers (confirmed sell-outs) in the period; 0 without any."""
        # sudo: a sum over the dealers' sell-outs, for the assessment only
        groups = self.env["dealer.sellout"].sudo()._read_group(
            self._sellout_domain(dealers, date_from, date_to, company), ["dealer_id"], ["quantity:sum"],
        )
        result = dict.fromkeys(dealers.ids, 0.0)
        result.update({dealer.id: quantity for dealer, quantity in groups})
        return result

    def _kpi_sell_through(self, dealers, date_from, date_to, company):
        """Sell-out in % of the net sell-in of the period's months; no sell-in, no value."""
        # sudo: sums of the sell-in/sell-out analysis, for the assessment only
        groups = self.env["dealer.sellout.analysis"].sudo()._read_group(
            [("dealer_id", "in", dealers.ids), ("company_id", "=", company.id),
             ("month", ">=", date_from.replace(day=1)), ("month", "<=", date_to)],
            ["dealer_id"], ["sell_in_qty:sum", "sellout_qty:sum"],
        )
        return {dealer.id: round(100.0 * sold / sell_in, 2) for dealer, sell_in, sold in groups if sell_in > 0}

    def _kpi_sellout_compliance(self, dealers, date_from, date_to, company):
        """Share (%) of the period's confirmed sell-outs without a violation (other than a cancelled one); no
        sell-out, no value."""
        domain = self._sellout_domain(dealers, date_from, date_to, company)
        # sudo: counts of the dealers' sell-outs, for the assessment only
        sellouts = self.env["dealer.sellout"].sudo()
        totals = dict(sellouts._read_group(domain, ["dealer_id"], ["__count"]))
        flagged = dict(sellouts._read_group(
            domain + [("violation_ids.state", "!=", "cancelled")], ["dealer_id"], ["__count"]))
        return {
            dealer.id: round(100.0 * (total - flagged.get(dealer, 0)) / total, 2)
            for dealer, total in totals.items()
        }

    def _kpi_forecast_accuracy(self, dealers, date_from, date_to, company):
        """100 − MAPE of the submitted forecasts of the period's months against the orders, floored at 0
        (dealer.sellout.forecast.analysis._dealer_forecast_accuracy)."""
        # sudo: forecast figures for the assessment only
        return self.env["dealer.sellout.forecast.analysis"].sudo()._dealer_forecast_accuracy(
            dealers, date_from, date_to, company)
