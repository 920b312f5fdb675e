from odoo import fields, models


class DealerVisitChecklist(models.Model):
    """The points a salesperson checks at each visit of a dealer (stock, display, price tags ...)."""

    _name = "dealer.visit.checklist"
    _description = "Dealer Visit Checklist"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty: the checklist of every company.")
    item_ids = fields.One2many("dealer.visit.checklist.item", "checklist_id", string="Points", copy=True)

    def _dealer_visit_line_commands(self):
        """Commands creating one visit line per point of this checklist."""
        self.ensure_one()
        return [fields.Command.create({"sequence": item.sequence, "name": item.name}) for item in self.item_ids]
