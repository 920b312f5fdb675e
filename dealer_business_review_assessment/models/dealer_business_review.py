from odoo import api, fields, models

from odoo.addons.dealer_assessment.models.dealer_assessment_template import RATINGS

SCORECARD_FIELDS = (
    "scorecard_id", "scorecard_total", "scorecard_rank", "scorecard_rank_count", "scorecard_rating",
)


class DealerBusinessReview(models.Model):
    _inherit = "dealer.business.review"

    scorecard_id = fields.Many2one(
        "dealer.scorecard", string="Last Scorecard", readonly=True, copy=False,
        help="The dealer's last approved scorecard of a period ending by the end of the quarter.",
    )
    scorecard_period_end = fields.Date(related="scorecard_id.date_to", string="Scorecard Period End")
    scorecard_total = fields.Float(string="Score", digits=(16, 2), readonly=True, copy=False)
    scorecard_rank = fields.Integer(string="Rank", readonly=True, copy=False)
    scorecard_rank_count = fields.Integer(string="Dealers Ranked", readonly=True, copy=False)
    scorecard_rating = fields.Selection(RATINGS, string="Rating", readonly=True, copy=False)

    @api.model
    def _review_figure_fields(self):
        return (*super()._review_figure_fields(), *SCORECARD_FIELDS)

    def _review_figures(self):
        """Add the last approved scorecard: one search for all the reviews' dealers."""
        result = super()._review_figures()
        if not self:
            return result
        # sudo: the scorecards are read for the review's figures only
        scorecards = self.env["dealer.scorecard"].sudo().search([
            ("partner_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids),
            ("assessment_state", "=", "approved"), ("date_to", "<=", max(self.mapped("date_to"))),
        ], order="date_to desc, id desc")
        for review in self:
            card = next((
                card for card in scorecards
                if card.partner_id == review.partner_id and card.company_id == review.company_id
                and card.date_to <= review.date_to
            ), scorecards.browse())
            result[review.id].update({
                "scorecard_id": card.id,
                "scorecard_total": card.total,
                "scorecard_rank": card.rank,
                "scorecard_rank_count": card.rank_count,
                "scorecard_rating": card.rating,
            })
        return result
