from odoo import api, fields, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    dealer_partner_id = fields.Many2one(
        "res.partner", string="Dealer", compute="_compute_dealer_partner_id", store=True, index=True,
        help="The dealer the attendee belongs to (commercial partner of the attendee, when it is a dealer).",
    )

    @api.depends("partner_id.commercial_partner_id.is_dealer")
    def _compute_dealer_partner_id(self):
        for registration in self:
            commercial = registration.partner_id.commercial_partner_id
            registration.dealer_partner_id = commercial if commercial.is_dealer else False
