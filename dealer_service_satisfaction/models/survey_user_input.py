from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    dealer_sellout_id = fields.Many2one(
        "dealer.sellout", string="Retail Sale", index="btree_not_null", readonly=True, copy=False,
        ondelete="set null", help="The retail sale the end customer rates the dealer for.",
    )
    dealer_repair_id = fields.Many2one(
        "repair.order", string="Repair", index="btree_not_null", readonly=True, copy=False, ondelete="set null",
        help="The repair the end customer rates the dealer for.",
    )
