from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from odoo.addons.dealer_management.tools.period import PERIOD_TYPES

RATINGS = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]
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


class DealerAssessmentTemplateLine(models.Model):
    """One KPI of a template and its weight (the weights of a template add up to 100)."""

    _name = "dealer.assessment.template.line"
    _description = "Dealer Assessment Template KPI"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "dealer.assessment.template", required=True, ondelete="cascade", index=True,
    )
    sequence = fields.Integer(default=10)
    kpi_id = fields.Many2one("dealer.kpi", string="KPI", required=True, ondelete="restrict")
    weight = fields.Float(required=True, digits=(16, 2))

    def _lines_checked_by_template(self):
        return self.env.context.get("dealer_template_writing") is _TEMPLATE_WRITING

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self._lines_checked_by_template():
            lines.template_id._check_weights()
        return lines

    def write(self, vals):
        templates = self.template_id
        result = super().write(vals)
        if not self._lines_checked_by_template():
            (templates | self.template_id)._check_weights()
        return result

    def unlink(self):
        templates = self.template_id
        result = super().unlink()
        if not self._lines_checked_by_template():
            templates.exists()._check_weights()
        return result

    _sql_constraints = [
        ("kpi_unique", "unique(template_id, kpi_id)", "A KPI appears once per template."),
        ("weight_positive", "CHECK(weight > 0)", "A KPI weight must be positive."),
    ]
