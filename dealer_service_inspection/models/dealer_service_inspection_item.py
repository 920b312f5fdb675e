from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .dealer_service_inspection_template import SERVICE_CATEGORIES


class DealerServiceInspectionItem(models.Model):
    """One checked point of a checklist, with its weight in the inspection score."""

    _name = "dealer.service.inspection.item"
    _description = "Service Inspection Checklist Item"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "dealer.service.inspection.template", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Checked Point", required=True, translate=True)
    category = fields.Selection(SERVICE_CATEGORIES, required=True, default="aftersales")
    weight = fields.Float(required=True, default=1.0, help="Share of the item in the weighted inspection score.")

    @api.constrains("weight")
    def _check_weight(self):
        for item in self:
            if item.weight <= 0:
                raise ValidationError(_(
                    "The weight of checklist item %(item)s must be positive.", item=item.name))
