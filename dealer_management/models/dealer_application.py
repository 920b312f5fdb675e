from odoo import fields, models


class DealerApplication(models.Model):
    """Onboarding application of a would-be dealer (skeleton, completed by the application work)."""

    _name = "dealer.application"
    _description = "Dealer Application"
    _inherit = ["mail.thread", "mail.activity.mixin"]

    name = fields.Char(default="/", copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Dealer", copy=False)
