from odoo import fields, models

ANSWERS = [("yes", "Yes"), ("no", "No")]


class DealerVisitLine(models.Model):
    """One checklist point of a visit (stock seen, display and POSM, price tags ...), answered yes or no."""

    _name = "dealer.visit.line"
    _description = "Dealer Visit Checklist Point"
    _inherit = ["dealer.workflow.line.mixin"]
    _order = "visit_id, sequence, id"
    # what was seen on site is locked with the visit once done (its _dealer_lines_locked)
    _dealer_line_parent_field = "visit_id"

    visit_id = fields.Many2one("dealer.visit", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    dealer_id = fields.Many2one(related="visit_id.dealer_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Point", required=True)
    answer = fields.Selection(ANSWERS)
    note = fields.Char()
