from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from odoo.addons.dealer_management.tools.period import PERIOD_TYPES

RATINGS = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]
REWARD_MODES = [("amount", "Fixed Amount"), ("percent", "% of Net Sales")]
# Set by the template while it writes its own lines: the template's constraint then checks the weights once,
# after all lines changed (a form saving two weights at once passes through an intermediate total).
_TEMPLATE_WRITING = object()


class DealerAssessmentTemplate(models.Model):
    """Which KPIs count, with which weight, for the dealers of a grade; and the rating bands of the total."""

    _name = "dealer.assessment.template"
    _description = "Dealer Assessment Template"
    _inherit = ["mail.thread"]
    _check_company_auto = True
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    grade_id = fields.Many2one(
        "dealer.grade", index=True, check_company=True, tracking=True,
        help="Dealers of this grade are assessed with this template; leave empty for the default template.",
    )
    line_ids = fields.One2many("dealer.assessment.template.line", "template_id", string="KPIs", copy=True)
    total_weight = fields.Float(compute="_compute_total_weight", digits=(16, 2))
    rating_a_min = fields.Float(string="A from", default=85.0, tracking=True, help="Lowest total rated A.")
    rating_b_min = fields.Float(string="B from", default=70.0, tracking=True, help="Lowest total rated B.")
    rating_c_min = fields.Float(
        string="C from", default=60.0, tracking=True, help="Lowest total rated C; below it the rating is D.",
    )
    period_type = fields.Selection(
        PERIOD_TYPES, string="Period", default="quarter", required=True,
        help="Period of the assessments the scheduled action creates for this template.",
    )
    auto_create = fields.Boolean(
        string="Create Assessments Automatically",
        help="At the start of each period, create the draft assessment of the template's dealers.",
    )
    # what an approved assessment proposes for the dealers of the template (奖惩)
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

    @api.depends("line_ids.weight")
    def _compute_total_weight(self):
        for template in self:
            template.total_weight = sum(template.line_ids.mapped("weight"))

    @api.constrains("line_ids")
    def _check_weights(self):
        for template in self:
            if float_compare(sum(template.line_ids.mapped("weight")), 100.0, precision_digits=2):
                raise ValidationError(_(
                    "The KPI weights of template %(name)s add up to %(total)s; they must add up to 100.",
                    name=template.name, total=round(sum(template.line_ids.mapped("weight")), 2),
                ))

    @api.model_create_multi
    def create(self, vals_list):
        templates = super(DealerAssessmentTemplate, self.with_context(dealer_template_writing=_TEMPLATE_WRITING))
        return templates.create(vals_list).with_env(self.env)

    def write(self, vals):
        return super(DealerAssessmentTemplate, self.with_context(dealer_template_writing=_TEMPLATE_WRITING)).write(vals)

    def _add_kpi_line(self, kpi_id, from_kpi_id, weight, sequence):
        """Weight the KPI ``kpi_id`` in these templates with ``weight`` points taken from their line of the KPI
        ``from_kpi_id``, in one write (the weights still add up to 100): how a link module adds its KPI to the
        standard template when it is installed (ids, as a data file's ``<function>`` passes them). A template
        already weighting the KPI, or without more than ``weight`` points on the other (its user changed it), is
        left as it is."""
        for template in self:
            source = template.line_ids.filtered(lambda line: line.kpi_id.id == from_kpi_id)
            if kpi_id in template.line_ids.kpi_id.ids or not source or source.weight <= weight:
                continue
            template.write({"line_ids": [
                Command.update(source.id, {"weight": source.weight - weight}),
                Command.create({"kpi_id": kpi_id, "weight": weight, "sequence": sequence}),
            ]})

    @api.constrains("rating_a_min", "rating_b_min", "rating_c_min")
    def _check_rating_bands(self):
        for template in self:
            if not 100.0 >= template.rating_a_min > template.rating_b_min > template.rating_c_min >= 0.0:
                raise ValidationError(_(
                    "Template %(name)s: the rating thresholds must go down from A to C, between 100 and 0.",
                    name=template.name,
                ))

    def _rating(self, total):
        """A, B, C or D for a total score."""
        self.ensure_one()
        if total >= self.rating_a_min:
            return "A"
        if total >= self.rating_b_min:
            return "B"
        if total >= self.rating_c_min:
            return "C"
        return "D"

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
