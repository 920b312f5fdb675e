from odoo import fields, models


class DealerApplicationDocument(models.Model):
    _name = "dealer.application.document"
    _description = "Dealer Application Document"

    application_id = fields.Many2one("dealer.application", required=True, ondelete="cascade")
