from odoo import models


class EventRegistration(models.Model):
    _name = "event.registration"
    # dealer_partner_id: the dealer the attendee belongs to
    _inherit = ["event.registration", "dealer.person.mixin"]
