from dateutil.relativedelta import relativedelta

from odoo import fields, models

VISIT_INTERVAL_UNITS = [("days", "Days"), ("months", "Months")]


class DealerGrade(models.Model):
    _inherit = "dealer.grade"

    visit_interval = fields.Integer(
        default=3,
        help="The dealers of this grade get their next visit planned this long after their last one "
             "(core dealers monthly, the others quarterly by default). 0: no planned visit.",
    )
    visit_interval_unit = fields.Selection(VISIT_INTERVAL_UNITS, default="months", required=True)

    def _dealer_visit_delta(self):
        """The time between two visits of a dealer of this grade."""
        self.ensure_one()
        return relativedelta(**{self.visit_interval_unit: self.visit_interval})
