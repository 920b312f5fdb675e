from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError


class DealerApplicationCriterion(models.Model):
    """The score (0-100) an application gets on one evaluation criterion, with the criterion's weight."""

    _name = "dealer.application.criterion"
    _description = "Dealer Application Evaluation Line"
    _inherit = ["dealer.workflow.mixin", "dealer.workflow.line.mixin"]
    _order = "application_id, sequence, id"
    # the weight comes from the criterion master (which only Dealer Managers edit), taken when the line is made
    _dealer_protected_fields = ("weight",)
    # locked with the approved application (its _dealer_lines_locked)
    _dealer_line_parent_field = "application_id"

    application_id = fields.Many2one("dealer.application", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="application_id.company_id", store=True, index=True)
    criterion_id = fields.Many2one("dealer.criterion", required=True, ondelete="restrict")
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    weight = fields.Float(
        compute="_compute_weight", store=True, precompute=True,
        help="Relative weight of this criterion in the application's score, from the criterion.",
    )
    score = fields.Float(digits=(5, 2), help="Score from 0 (poor) to 100 (excellent).")
    note = fields.Char()

    _sql_constraints = [
        ("criterion_uniq", "unique(application_id, criterion_id)",
         "A criterion is evaluated only once per application."),
    ]

    @api.depends("criterion_id")
    def _compute_weight(self):
        for line in self:
            line.weight = line.criterion_id.weight

    @api.constrains("score", "weight")
    def _check_score(self):
        for line in self:
            if not 0.0 <= line.score <= 100.0:
                raise ValidationError(_(
                    "The score of criterion %(criterion)s must lie between 0 and 100 (got %(score)s).",
                    criterion=line.criterion_id.name, score=line.score,
                ))
            if line.weight < 0.0:
                raise ValidationError(_(
                    "The weight of criterion %(criterion)s cannot be negative.", criterion=line.criterion_id.name,
                ))

    def write(self, vals):
        if {"application_id", "criterion_id"} & set(vals) and not self._dealer_is_trusted():
            raise AccessError(_(
                "An evaluation line keeps its application and criterion: score it, or ask a Dealer Manager to "
                "change the criteria."
            ))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_by_manager(self):
        """Dropping a criterion would change the weighted score: only a Dealer Manager removes lines."""
        if not (self._dealer_is_trusted() or self._is_dealer_manager()):
            raise AccessError(_(
                "Only a Dealer Manager may remove an evaluation line: every criterion counts in the score."
            ))
