"""The training KPI: from the dealer trainings of dealer_training (Odoo events), and the parts link modules add."""
from odoo import models


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _kpi_training_completion(self, dealers, date_from, date_to, company):
        """Training completion (%): of all that each dealer's people had to complete in the period (the parts of
        `_dealer_training_completion_parts`), what they did; 100 when nothing was required."""
        done, required = dict.fromkeys(dealers.ids, 0), dict.fromkeys(dealers.ids, 0)
        for part in self._dealer_training_completion_parts(dealers, date_from, date_to):
            for dealer_id, (part_done, part_required) in part.items():
                done[dealer_id] += part_done
                required[dealer_id] += part_required
        return {dealer_id: round(100.0 * done[dealer_id] / required[dealer_id], 2) if required[dealer_id] else 100.0
                for dealer_id in dealers.ids}

    def _dealer_training_completion_parts(self, dealers, date_from, date_to):
        """What the training completion counts, as a list of {dealer id: (done, required)}: here the required
        trainings attended (event.event._dealer_training_counts). A link module adds its part by extending it
        (dealer_assessment_staff_certification: the staff certifications; dealer_assessment_elearning: the
        eLearning courses)."""
        # sudo: attendance figures for the assessment only
        return [self.env["event.event"].sudo()._dealer_training_counts(dealers, date_from, date_to)]
