from odoo import fields
from odoo.http import request
from odoo.osv import expression

from odoo.addons.dealer_portal_training.controllers.training import DealerTrainingPortal


class DealerMeetingPortal(DealerTrainingPortal):
    """Dealer meetings on the portal's training page (/my/trainings): the meetings the user's dealer is invited to
    are listed and open for registration with the trainings, through the training page's own route and checks."""

    def _dealer_training_open_domain(self):
        """The trainings of the page, and the meetings the user's dealer is invited to that are not over."""
        dealer = request.env.user._dealer_portal_dealer()
        meetings = [
            ("is_dealer_meeting", "=", True),
            ("dealer_invited_ids", "in", dealer.ids or [0]),
            ("date_end", ">", fields.Datetime.now()),
            ("stage_id.pipe_end", "=", False),
        ]
        return expression.OR([super()._dealer_training_open_domain(), meetings])

    def _prepare_dealer_training_values(self, error=None, success=None):
        values = super()._prepare_dealer_training_values(error=error, success=success)
        dealer = values.get("dealer")
        if dealer:
            # sudo: portal users have no right on event.registration; only the user's own dealer's registrations
            # to dealer meetings are read
            meetings = request.env["event.registration"].sudo().search([
                ("dealer_partner_id", "=", dealer.id), ("event_id.is_dealer_meeting", "=", True),
            ], order="event_begin_date desc, id desc")
            values["training_registrations"] = (meetings | values["training_registrations"]).sorted(
                lambda registration: (registration.event_begin_date, registration.id), reverse=True,
            )
        return values
