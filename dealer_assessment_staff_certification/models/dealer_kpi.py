"""The staff certifications' part of the training completion KPI (dealer_assessment_training)."""
from odoo import models


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _dealer_training_completion_parts(self, dealers, date_from, date_to):
        """Plus the required staff certifications held and valid on the period's last day."""
        parts = super()._dealer_training_completion_parts(dealers, date_from, date_to)
        # sudo: qualification figures for the assessment only
        return parts + [self.env["dealer.staff.qualification"].sudo()._dealer_qualification_counts(dealers, date_to)]
