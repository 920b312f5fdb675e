from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerMarketingActivityType(models.Model):
    _inherit = "dealer.marketing.activity.type"

    sellout_window_days = fields.Integer(
        string="Sell-out Window (days)", default=14, required=True,
        help="How many days from the activity date count as its sell-out; the same number of days before it is "
             "shown for comparison.",
    )

    @api.constrains("sellout_window_days")
    def _check_sellout_window_days(self):
        if any(activity_type.sellout_window_days < 1 for activity_type in self):
            raise ValidationError(_("The sell-out window of an activity type must be at least one day."))
