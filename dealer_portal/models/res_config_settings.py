from odoo import fields, models

from .dealer_portal_catalog import DEFAULT_NEW_PRODUCT_DAYS, NEW_PRODUCT_DAYS_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_portal_new_product_days = fields.Integer(
        string="New Products (days)", default=DEFAULT_NEW_PRODUCT_DAYS, config_parameter=NEW_PRODUCT_DAYS_PARAM,
        help="The dealer portal's catalog flags products created within this many days as new.",
    )
