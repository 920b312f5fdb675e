"""The eLearning part of the training completion KPI (dealer_assessment_training)."""
from odoo import models


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _dealer_training_completion_parts(self, dealers, date_from, date_to):
        """Plus the memberships of the courses of the dealer's grade its people had finished by the period's end."""
        parts = super()._dealer_training_completion_parts(dealers, date_from, date_to)
        # sudo: course figures for the assessment only
        return parts + [self.env["slide.channel.partner"].sudo()._dealer_course_counts(dealers, date_to)]
