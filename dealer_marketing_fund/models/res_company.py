from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_marketing_settlement = fields.Selection(
        [("credit_note", "Credit Note"), ("vendor_bill", "Vendor Bill")], string="Marketing Support Settlement",
        default="credit_note", required=True,
        help="Credit Note: the support is deducted from what the dealer owes. Vendor Bill: the company pays the "
             "dealer out.",
    )
    dealer_marketing_lapse_days = fields.Integer(
        string="Marketing Approvals Lapse after (days)", default=60,
        help="An approved application without proof this many days after its activity date lapses and frees its "
             "budget (0: never).",
    )
