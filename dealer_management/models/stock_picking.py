from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    dealer_tracking_ref = fields.Char(
        string="Tracking Reference", copy=False, tracking=True,
        help="The carrier's tracking number of this delivery, shown to the dealer on its portal order page.",
    )
