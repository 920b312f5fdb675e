from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

REWARD_MODES = [("amount", "Fixed Amount"), ("percent", "% of Net Sales")]


class DealerAssessmentTemplate(models.Model):
    """What an approved assessment proposes for the dealers of the template (奖惩)."""

    _inherit = "dealer.assessment.template"

    consecutive_periods = fields.Integer(
        string="Consecutive Periods for Grade Change", default=3, tracking=True,
        help="Upgrade proposed after this many consecutive A ratings, downgrade after as many consecutive D "
             "ratings (approved assessments of the same period type, the current one included).",
    )
    suspension_periods = fields.Integer(
        string="Consecutive D Ratings for Suspension", default=4, tracking=True,
        help="Suspension proposed after this many consecutive D ratings; 0 never proposes a suspension.",
    )
    reward_mode = fields.Selection(
        REWARD_MODES, string="Reward", default="percent", required=True, tracking=True,
        help="How the reward added to the dealer's rebate of the period is computed.",
    )
    reward_a = fields.Float(
        string="Reward for A", digits=(16, 2), tracking=True,
        help="Amount (company currency) or % of the period's net sales given to a dealer rated A; 0: no reward.",
    )
    reward_b = fields.Float(
        string="Reward for B", digits=(16, 2), tracking=True,
        help="Amount (company currency) or % of the period's net sales given to a dealer rated B; 0: no reward.",
    )
    correction_days = fields.Integer(
        string="Correction Plan Days", default=30, tracking=True,
        help="Days a dealer rated D gets to carry out its correction plan.",
    )

    @api.constrains("consecutive_periods", "suspension_periods", "reward_a", "reward_b", "correction_days")
    def _check_consequence_settings(self):
        for template in self:
            if template.consecutive_periods < 1 or template.suspension_periods < 0 or template.correction_days < 1:
                raise ValidationError(_(
                    "Template %(name)s: the consecutive periods and the correction plan days must be at least 1, "
                    "the periods before suspension 0 or more.", name=template.name,
                ))
            if template.reward_a < 0 or template.reward_b < 0:
                raise ValidationError(_(
                    "Template %(name)s: a reward cannot be negative; enter 0 for no reward.", name=template.name,
                ))

    def _reward_amount(self, rating, net_sales):
        """Reward of a dealer rated ``rating`` with ``net_sales`` in the period (0.0: none)."""
        self.ensure_one()
        value = {"A": self.reward_a, "B": self.reward_b}.get(rating, 0.0)
        if self.reward_mode == "percent":
            return round(net_sales * value / 100.0, 2) if net_sales > 0 else 0.0
        return value
