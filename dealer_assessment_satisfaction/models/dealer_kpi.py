"""The satisfaction KPI: from the dealer satisfaction surveys of dealer_satisfaction (Odoo surveys)."""
from odoo import models


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _kpi_satisfaction(self, dealers, date_from, date_to, company):
        """Average satisfaction score (%), from survey.survey._dealer_satisfaction; no answer, no value."""
        # sudo: survey scores for the assessment only
        return self.env["survey.survey"].sudo()._dealer_satisfaction(dealers, date_from, date_to)
