from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .dealer_service_inspection_template import DEFAULT_FINDING_THRESHOLD, SERVICE_CATEGORIES


class DealerServiceInspectionLine(models.Model):
    """One checked point of an inspection, scored 0-100."""

    _name = "dealer.service.inspection.line"
    _description = "Dealer Service Inspection Line"
    _inherit = ["dealer.workflow.line.mixin"]
    _order = "inspection_id, sequence, id"
    # the score of a done inspection counts in the assessments: locked with it (its _dealer_lines_locked)
    _dealer_line_parent_field = "inspection_id"

    inspection_id = fields.Many2one("dealer.service.inspection", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="inspection_id.company_id", store=True, index=True)
    dealer_id = fields.Many2one(related="inspection_id.dealer_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Checked Point", required=True)
    category = fields.Selection(SERVICE_CATEGORIES, required=True, default="aftersales")
    weight = fields.Float(required=True, default=1.0)
    score = fields.Float(digits=(5, 2), help="0 (not met) to 100 (fully met).")
    finding_threshold = fields.Float(
        string="Findings Under Score", default=DEFAULT_FINDING_THRESHOLD, digits=(5, 2),
        help="Scored under this, the point gets a proposed finding (from the checklist).",
    )
    weighted_score = fields.Float(compute="_compute_weighted_score", store=True)
    note = fields.Char()

    @api.depends("score", "weight")
    def _compute_weighted_score(self):
        for line in self:
            line.weighted_score = line.score * line.weight

    @api.constrains("score", "weight", "finding_threshold")
    def _check_score(self):
        for line in self:
            if not 0.0 <= line.score <= 100.0:
                raise ValidationError(_(
                    "The score of %(item)s must lie between 0 and 100.", item=line.name))
            if not 0.0 <= line.finding_threshold <= 100.0:
                raise ValidationError(_(
                    "The score under which %(item)s gets a proposed finding must lie between 0 and 100.",
                    item=line.name))
            if line.weight <= 0:
                raise ValidationError(_("The weight of %(item)s must be positive.", item=line.name))

    def _weighted_score(self):
        """Σ weight × score / Σ weight of these lines (0 without lines)."""
        weight = sum(self.mapped("weight"))
        return round(sum(line.score * line.weight for line in self) / weight, 2) if weight else 0.0
