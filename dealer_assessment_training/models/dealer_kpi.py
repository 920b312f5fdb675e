"""The training KPI: from the dealer trainings of dealer_training (Odoo events)."""
from odoo import models


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _kpi_training_completion(self, dealers, date_from, date_to, company):
        """Required trainings attended (%), from event.event._dealer_training_completion."""
        # sudo: attendance figures for the assessment only
        return self.env["event.event"].sudo()._dealer_training_completion(dealers, date_from, date_to)
