from odoo import fields, models


class DealerVisitChecklistItem(models.Model):
    """One point of a visit checklist, answered yes or no at each visit."""

    _name = "dealer.visit.checklist.item"
    _description = "Dealer Visit Checklist Point"
    _order = "checklist_id, sequence, id"

    checklist_id = fields.Many2one("dealer.visit.checklist", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Point", required=True, translate=True)
