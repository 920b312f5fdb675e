from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_visit_max_distance = fields.Float(
        string="Visit Check-in Distance (km)", default=1.0, digits=(6, 2),
        help="A visit checked in farther than this from the dealer's address is flagged (not refused).",
    )
