from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class DealerApplicationDocument(models.Model):
    """One qualification document of an application (营业执照, financial statements...) and its files."""

    _name = "dealer.application.document"
    _description = "Dealer Application Document"
    _inherit = ["dealer.workflow.mixin", "dealer.workflow.line.mixin"]
    _order = "application_id, required desc, sequence, id"
    # set from the application's proposed grade (required) or from the files (provided), never by hand
    _dealer_protected_fields = ("required", "is_provided")
    # locked with the approved application (its _dealer_lines_locked)
    _dealer_line_parent_field = "application_id"

    application_id = fields.Many2one("dealer.application", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="application_id.company_id", store=True, index=True)
    document_type_id = fields.Many2one("dealer.document.type", string="Document", required=True, ondelete="restrict")
    sequence = fields.Integer(related="document_type_id.sequence", store=True)
    required = fields.Boolean(
        readonly=True, help="Required by the proposed grade: the application cannot be approved without it.",
    )
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

    def write(self, vals):
        if {"application_id", "document_type_id"} & set(vals) and not self._dealer_may_remove_required():
            self._check_required_kept(_(
                "Document %(document)s is required by the proposed grade of application %(application)s: "
                "replace or update its files, but keep the line. A Dealer Manager may change it."
            ))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_required(self):
        if not self._dealer_may_remove_required():
            self._check_required_kept(_(
                "Document %(document)s is required by the proposed grade of application %(application)s and "
                "cannot be removed: replace or update its files instead. A Dealer Manager may remove it."
            ))

    def _dealer_may_remove_required(self):
        return self._dealer_is_trusted() or self._is_dealer_manager()

    def _check_required_kept(self, message):
        """Raise AccessError(message) for the first required line among these."""
        for line in self.filtered("required"):
            raise AccessError(message % {
                "document": line.document_type_id.display_name, "application": line.application_id.name,
            })
