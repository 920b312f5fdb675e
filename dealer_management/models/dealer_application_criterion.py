from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerApplicationCriterion(models.Model):
    """The score (0-100) an application gets on one evaluation criterion, with the criterion's weight."""

    _name = "dealer.application.criterion"
    _description = "Dealer Application Evaluation Line"
    _order = "application_id, sequence, id"

    application_id = fields.Many2one("dealer.application", required=True, ondelete="cascade", index=True)
    criterion_id = fields.Many2one("dealer.criterion", string="Criterion", required=True, ondelete="restrict")
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    weight = fields.Float(
        compute="_compute_weight", store=True, readonly=False, precompute=True,
        help="Relative weight of this criterion in the application's score (defaults to the criterion's).",
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
