from odoo import fields, models


class DealerCriterion(models.Model):
    """An evaluation criterion of applications (capital, network, experience, credit, fit) with its weight."""

    _name = "dealer.criterion"
    _description = "Dealer Evaluation Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    weight = fields.Float(required=True, default=20.0, help="Relative weight of the criterion in the total.")
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The criterion code must be unique."),
        ("weight_positive", "CHECK(weight > 0)", "A criterion's weight must be positive."),
    ]
