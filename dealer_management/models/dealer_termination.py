from odoo import fields, models


class DealerTermination(models.Model):
    """Exit of a dealer (skeleton, completed by the termination work)."""

    _name = "dealer.termination"
    _description = "Dealer Termination"
    _inherit = ["mail.thread", "mail.activity.mixin"]

    name = fields.Char(default="/", copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Dealer", required=True)
