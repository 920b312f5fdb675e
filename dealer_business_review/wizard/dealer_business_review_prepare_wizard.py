from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_management.tools.period import period_bounds, previous_period


class DealerBusinessReviewPrepareWizard(models.TransientModel):
    """Prepare the business reviews of one quarter for the active dealers, or for some grades or territories."""

    _name = "dealer.business.review.prepare.wizard"
    _description = "Prepare Dealer Business Reviews"

    date = fields.Date(
        string="Quarter", required=True,
        default=lambda self: previous_period(fields.Date.context_today(self), "quarter")[0],
        help="Any day of the quarter to review.",
    )
    grade_ids = fields.Many2many("dealer.grade", string="Grades", help="Leave empty for every grade.")
    territory_ids = fields.Many2many(
        "dealer.territory", string="Territories", help="Leave empty for every territory.",
    )

    def action_prepare(self):
        """Create the missing reviews and open the quarter's reviews of these dealers."""
        self.ensure_one()
        date_from = period_bounds(self.date, "quarter")[0]
        Review = self.env["dealer.business.review"]
        dealers = Review._reviewable_dealers(self.grade_ids, self.territory_ids)
        if not dealers:
            raise UserError(_("No active dealer matches these grades and territories."))
        Review._prepare_reviews(date_from, dealers)
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_business_review.action_dealer_business_review")
        action["domain"] = [("partner_id", "in", dealers.ids), ("date_from", "=", date_from)]
        return action
