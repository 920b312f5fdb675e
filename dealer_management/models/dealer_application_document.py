from odoo import api, fields, models


class DealerApplicationDocument(models.Model):
    """One qualification document of an application (营业执照, financial statements...) and its files."""

    _name = "dealer.application.document"
    _description = "Dealer Application Document"
    _order = "application_id, required desc, sequence, id"

    application_id = fields.Many2one("dealer.application", required=True, ondelete="cascade", index=True)
    document_type_id = fields.Many2one("dealer.document.type", string="Document", required=True, ondelete="restrict")
    sequence = fields.Integer(related="document_type_id.sequence", store=True)
    required = fields.Boolean(help="Required by the proposed grade: the application cannot be approved without it.")
    attachment_ids = fields.Many2many(
        "ir.attachment", "dealer_application_document_attachment_rel", "document_id", "attachment_id",
        string="Files",
    )
    is_provided = fields.Boolean(string="Provided", compute="_compute_is_provided", store=True)
    note = fields.Char()

    _sql_constraints = [
        ("document_type_uniq", "unique(application_id, document_type_id)",
         "A document type appears only once per application."),
    ]

    @api.depends("attachment_ids")
    def _compute_is_provided(self):
        for line in self:
            line.is_provided = bool(line.attachment_ids)

    @api.depends("document_type_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = line.document_type_id.display_name or ""
