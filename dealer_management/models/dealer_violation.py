from odoo import fields, models


class DealerViolation(models.Model):
    """Register of a dealer's breaches (skeleton, completed by the order-enforcement work)."""

    _name = "dealer.violation"
    _description = "Dealer Violation"
    _inherit = ["mail.thread", "mail.activity.mixin"]

    name = fields.Char(default="/", copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, index=True)
