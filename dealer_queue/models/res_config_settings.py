from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_queue_line_threshold = fields.Integer(
        related="company_id.dealer_queue_line_threshold", readonly=False,
    )
    dealer_queue_document_threshold = fields.Integer(
        related="company_id.dealer_queue_document_threshold", readonly=False,
    )
