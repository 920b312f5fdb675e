from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    is_dealer_meeting = fields.Boolean(
        string="Dealer Meeting", help="Events of this template are meetings or conferences of the dealer network.",
    )
