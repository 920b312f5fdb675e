from odoo import api, fields, models

from .dealer_assessment_template import _TEMPLATE_WRITING


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
