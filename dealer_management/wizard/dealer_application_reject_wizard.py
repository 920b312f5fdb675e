from odoo import fields, models


class DealerApplicationRejectWizard(models.TransientModel):
    _name = "dealer.application.reject.wizard"
    _description = "Reject Dealer Application"

    application_id = fields.Many2one("dealer.application", required=True)
    reason = fields.Text(required=True)
