from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SERVICE_CATEGORIES = [
    ("presale", "Pre-sale Consultation"),
    ("purchase", "Purchase Service"),
    ("aftersales", "After-sales Service"),
]
# a checked point scored under this (60 % of the maximum score, 100) gets a proposed finding
DEFAULT_FINDING_THRESHOLD = 60.0


class DealerServiceInspectionTemplate(models.Model):
    """A checklist of a service inspection (售后服务监管): weighted items per category."""

    _name = "dealer.service.inspection.template"
    _description = "Service Inspection Checklist"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="The first active checklist is used by scheduled inspections.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty: shared by every company.")
    item_ids = fields.One2many("dealer.service.inspection.item", "template_id", string="Items", copy=True)
    total_weight = fields.Float(compute="_compute_total_weight")
    finding_threshold = fields.Float(
        string="Findings Under Score", default=DEFAULT_FINDING_THRESHOLD, digits=(5, 2),
        help="A checked point scored under this score (0-100) gets a proposed finding when the inspection is "
             "completed, for the inspector to confirm or discard.",
    )

    @api.depends("item_ids.weight")
    def _compute_total_weight(self):
        for template in self:
            template.total_weight = sum(template.item_ids.mapped("weight"))

    def _dealer_inspection_line_commands(self):
        """Commands creating one inspection line per item of the checklist."""
        self.ensure_one()
        return [fields.Command.create({
            "sequence": item.sequence, "name": item.name, "category": item.category, "weight": item.weight,
            "finding_threshold": self.finding_threshold,
        }) for item in self.item_ids]

    @api.constrains("finding_threshold")
    def _check_finding_threshold(self):
        for template in self:
            if not 0.0 <= template.finding_threshold <= 100.0:
                raise ValidationError(_(
                    "The score under which checklist %(name)s proposes findings must lie between 0 and 100.",
                    name=template.name))
