from odoo import fields, models


class DealerStaffPosition(models.Model):
    _name = "dealer.staff.position"
    _description = "Dealer Staff Position"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    requirement_ids = fields.One2many(
        "dealer.staff.requirement", "position_id", string="Required Certifications",
        help="Certifications every dealer staff member in this position must hold (人才培养).",
    )
    staff_count = fields.Integer(string="Staff", compute="_compute_staff_count")

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A staff position with this name already exists."),
    ]

    def _compute_staff_count(self):
        groups = self.env["res.partner"]._read_group(
            [("dealer_staff_position_id", "in", self.ids)], ["dealer_staff_position_id"], ["__count"],
        )
        counts = {position.id: count for position, count in groups}
        for position in self:
            position.staff_count = counts.get(position.id, 0)
