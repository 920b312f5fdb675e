from odoo import fields, models


class DealerGrade(models.Model):
    _inherit = "dealer.grade"

    marketing_fund_budget = fields.Monetary(
        string="Yearly Marketing Support Budget", currency_field="currency_id",
        help="Marketing support a dealer of this grade may apply for in a calendar year when its contract grants no "
             "Marketing Support Budget of its own (0: none).",
    )
