from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_visit_max_distance = fields.Float(related="company_id.dealer_visit_max_distance", readonly=False)
