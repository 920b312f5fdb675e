"""Sell-out KPIs, computed by the dealer_sellout addon when it is installed (not applicable otherwise)."""
from odoo import models

SELLOUT_MODEL = "dealer.sellout"


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _sellout_kpi(self, method, dealers, date_from, date_to, company):
        """{dealer id: value} from dealer_sellout's set-based ``method``; {} when dealer_sellout is absent."""
        if SELLOUT_MODEL not in self.env:
            return {}
        # sudo: sell-out figures for the assessment only
        return getattr(self.env[SELLOUT_MODEL].sudo(), method)(dealers, date_from, date_to, company)

    def _kpi_sellout_volume_available(self):
        return SELLOUT_MODEL in self.env

    def _kpi_sellout_volume(self, dealers, date_from, date_to, company):
        """Units sold to end customers (confirmed sell-outs) in the period."""
        return self._sellout_kpi("_dealer_kpi_sellout_volume", dealers, date_from, date_to, company)

    def _kpi_sell_through_available(self):
        return SELLOUT_MODEL in self.env

    def _kpi_sell_through(self, dealers, date_from, date_to, company):
        """Sell-out in % of the net sell-in of the period's months; no sell-in, no value."""
        return self._sellout_kpi("_dealer_kpi_sell_through", dealers, date_from, date_to, company)

    def _kpi_sellout_compliance_available(self):
        return SELLOUT_MODEL in self.env

    def _kpi_sellout_compliance(self, dealers, date_from, date_to, company):
        """Share (%) of the period's sell-outs without a violation; no sell-out, no value."""
        return self._sellout_kpi("_dealer_kpi_compliance", dealers, date_from, date_to, company)

    def _kpi_forecast_accuracy_available(self):
        return SELLOUT_MODEL in self.env

    def _kpi_forecast_accuracy(self, dealers, date_from, date_to, company):
        """100 − MAPE of the submitted forecasts of the period's months against the orders, floored at 0."""
        return self._sellout_kpi("_dealer_kpi_forecast_accuracy", dealers, date_from, date_to, company)
