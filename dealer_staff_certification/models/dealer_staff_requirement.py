from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DealerStaffRequirement(models.Model):
    _name = "dealer.staff.requirement"
    _description = "Dealer Staff Certification Requirement"
    _order = "position_id, sequence, id"
    _rec_name = "survey_id"

    position_id = fields.Many2one("dealer.staff.position", required=True, ondelete="cascade",
                                  index=True)
    sequence = fields.Integer(default=10)
    survey_id = fields.Many2one(
        "survey.survey", string="Certification", required=True, ondelete="restrict",
        domain=[("certification", "=", True)],
        help="A survey marked as certification: passing it (its success score) certifies the person.",
    )
    validity_months = fields.Integer(
        string="Validity (months)", default=12,
        help="How long a passed certification stays valid; 0: it never expires.",
    )
    grade_ids = fields.Many2many(
        "dealer.grade", "dealer_staff_requirement_grade_rel", "requirement_id", "grade_id",
        string="Only for Grades", help="Leave empty when every dealer's staff in this position needs it.",
    )

    _sql_constraints = [
        ("position_survey_uniq", "unique (position_id, survey_id)",
         "This certification is already required for this position."),
        ("validity_positive", "CHECK (validity_months >= 0)", "The validity cannot be negative."),
    ]

    @api.constrains("survey_id")
    def _check_survey_is_certification(self):
        """Only a certification survey (with a success score) can be required."""
        if any(not requirement.survey_id.certification for requirement in self):
            raise ValidationError(self.env._(
                "A required certification must be a survey marked as certification (Is a Certification)."))
