from odoo import fields, models


class DealerViolation(models.Model):
    _inherit = "dealer.violation"

    violation_type = fields.Selection(
        selection_add=[("other_dealer_goods", "Goods of another dealer")],
        ondelete={"other_dealer_goods": "set default"},
    )
    dealer_sellout_id = fields.Many2one(
        "dealer.sellout", string="Sell-out", index="btree_not_null", copy=False, check_company=True,
        ondelete="set null", help="The retail sale in which the violation was detected.",
    )
