from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_rank_level = fields.Selection(related="company_id.dealer_rank_level", readonly=False)
