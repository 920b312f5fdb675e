from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_queue_line_threshold = fields.Integer(
        string="Background Work above (lines)", default=5000,
        help="A file upload, an assessment or an export of more lines than this runs in the background "
             "(0: always at once).",
    )
    dealer_queue_document_threshold = fields.Integer(
        string="Background Settlement above (documents)", default=20,
        help="Settling more documents (rebates, claims) than this in one click runs in the background "
             "(0: always at once).",
    )
