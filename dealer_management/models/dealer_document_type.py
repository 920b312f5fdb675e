from odoo import fields, models


class DealerDocumentType(models.Model):
    """A qualification document an applicant may have to provide (business licence, financial statements...)."""

    _name = "dealer.document.type"
    _description = "Dealer Qualification Document Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    grade_ids = fields.Many2many(
        "dealer.grade", "dealer_grade_document_type_rel", "document_type_id", "grade_id",
        string="Required For Grades",
        help="Grades whose applicants must provide this document.",
    )
