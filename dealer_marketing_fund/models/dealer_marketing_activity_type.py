from odoo import fields, models


class DealerMarketingActivityType(models.Model):
    """A kind of marketing activity a dealer applies for support for (门店活动、广告、展会、物料/陈列)."""

    _name = "dealer.marketing.activity.type"
    _description = "Marketing Activity Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True, help="What the company expects as proof for this kind of activity.")

    _sql_constraints = [("code_uniq", "unique(code)", "An activity type's code must be unique.")]
