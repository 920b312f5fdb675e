from odoo import fields, models


class DealerGrade(models.Model):
    _inherit = "dealer.grade"

    portal_auto_confirm = fields.Boolean(
        string="Confirm Portal Orders Automatically",
        help="Orders the dealers of this grade submit on the portal are confirmed at once when the dealer checks "
             "pass. Otherwise they wait as quotations for the salesperson, who gets a to-do.",
    )
