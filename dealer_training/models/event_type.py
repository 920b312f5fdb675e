from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    is_dealer_training = fields.Boolean(
        string="Dealer Training", help="Events of this template are trainings for the dealer network.",
    )
