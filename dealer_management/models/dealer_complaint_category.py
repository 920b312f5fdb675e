from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerComplaintCategory(models.Model):
    """Kind of after-sales case (return/exchange, repair, quality, complaint, rights protection) and its SLA."""

    _name = "dealer.complaint.category"
    _description = "Dealer Complaint Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    sla_hours = fields.Float(
        string="SLA (hours)", default=48.0,
        help="Hours from the report within which a complaint of this category must be resolved.",
    )
    user_id = fields.Many2one(
        "res.users", string="Default Assignee", domain=[("share", "=", False)],
        help="Assigned to new complaints of this category; receives escalations when the assignee has no manager.",
    )
    description = fields.Text(translate=True)
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    @api.constrains("sla_hours")
    def _check_sla_hours(self):
        if self.filtered(lambda category: category.sla_hours < 0):
            raise ValidationError(_("The SLA of a complaint category cannot be negative."))

    def _compute_complaint_count(self):
        counts = dict(self.env["dealer.complaint"]._read_group(
            [("category_id", "in", self.ids)], ["category_id"], ["__count"],
        ))
        for category in self:
            category.complaint_count = counts.get(category, 0)
