from odoo import _, fields, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows
from odoo.addons.dealer_portal.controllers.portal import DealerPortal


class DealerTrainingPortal(DealerPortal):
    """Dealer trainings on the portal: upcoming trainings, the dealer's registrations, registering a person."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_training_count" in counters:
            values["dealer_training_count"] = (
                len(self._dealer_training_events()) if self._dealer_training_dealer() else 0
            )
        return values

    # ------------------------------------------------------------------ helpers
    def _dealer_training_dealer(self):
        """The logged-in user's dealer (res.users._dealer_portal_dealer) if it is an active dealer, else None.

        A suspended dealer keeps the portal but registers nobody to trainings.
        """
        # sudo: the user's own dealer only, read for its status and shown on the page (portal users may not
        # read the dealer fields)
        dealer = request.env.user._dealer_portal_dealer().sudo()
        return dealer if dealer.dealer_state == "active" else None

    @staticmethod
    def _dealer_training_open_domain():
        """Published dealer trainings that are not over, cancelled or ended."""
        return [
            ("is_dealer_training", "=", True),
            ("dealer_portal_published", "=", True),
            ("date_end", ">", fields.Datetime.now()),
            ("stage_id.pipe_end", "=", False),
        ]

    def _dealer_training_events(self):
        # sudo: portal users have no right on event.event; the domain limits it to published dealer trainings
        return request.env["event.event"].sudo().search(self._dealer_training_open_domain(), order="date_begin")

    def _dealer_training_people(self, dealer):
        """The people of the dealer who may be registered: its individual contacts and the user's partner."""
        # sudo: contacts of the user's own dealer only (a portal user cannot read its colleagues otherwise)
        people = request.env["res.partner"].sudo().search([
            ("commercial_partner_id", "=", dealer.id), ("is_company", "=", False), ("type", "=", "contact"),
        ], order="name")
        return request.env.user.partner_id.sudo() | people

    def _prepare_dealer_training_values(self, error=None, success=None):
        values = self._prepare_portal_layout_values()
        dealer = self._dealer_training_dealer()
        registrations = request.env["event.registration"]
        events = request.env["event.event"]
        people = request.env["res.partner"]
        if dealer:
            events = self._dealer_training_events()
            people = self._dealer_training_people(dealer)
            # sudo: portal users have no right on event.registration; only the user's own dealer's
            # registrations to dealer trainings are read
            registrations = request.env["event.registration"].sudo().search([
                ("dealer_partner_id", "=", dealer.id), ("event_id.is_dealer_training", "=", True),
            ], order="event_begin_date desc, id desc")
        values.update({
            "page_name": "dealer_trainings",
            "dealer": dealer,
            "training_events": events,
            "training_registrations": registrations,
            "training_people": people,
            "default_person": request.env.user.partner_id,
            "training_error": error,
            "training_success": success,
        })
        return values

    def _render_dealer_trainings(self, error=None, success=None, status=200):
        values = self._prepare_dealer_training_values(error=error, success=success)
        return request.render("dealer_portal_training.portal_my_trainings", values, status=status)

    # ------------------------------------------------------------------ routes
    @http.route("/my/trainings", type="http", auth="user", website=True, readonly=DealerPortal._dealer_readonly_page)
    def portal_my_trainings(self, registered=None, **kw):
        success = _("The registration is confirmed.") if registered else None
        return self._render_dealer_trainings(success=success)

    @http.route("/my/trainings/<int:event_id>/register", type="http", auth="user", methods=["POST"], website=True)
    def portal_dealer_training_register(self, event_id, partner_id=None, **kw):
        dealer = self._dealer_training_dealer()
        if not dealer:
            return self._render_dealer_trainings(
                error=_("Only the people of an active dealer can register to dealer trainings."), status=403,
            )
        # sudo: portal users have no right on event.event; only an open published dealer training is found
        event = request.env["event.event"].sudo().search([("id", "=", event_id)] + self._dealer_training_open_domain())
        if not event or not event.event_registrations_started:
            return self._render_dealer_trainings(error=_("This training is closed for registration."))
        person = request.env.user.partner_id
        if partner_id:
            try:
                # sudo: read only to check below that the person belongs to the user's own dealer
                person = request.env["res.partner"].sudo().browse(int(partner_id)).exists()
            except ValueError:
                person = request.env["res.partner"]
        if not person or person.commercial_partner_id != dealer:
            return self._render_dealer_trainings(
                error=_("You can only register people of your own dealer."), status=403,
            )
        # sudo: checked above that the event is an open dealer training and the person is of the user's dealer
        Registration = request.env["event.registration"].sudo()
        # registrations to the training at the same moment (a double click, two colleagues taking the last seat):
        # the second waits for the first, is aborted and run again, and sees it below or in the seats limit
        lock_rows(event)
        if Registration.search_count([
            ("event_id", "=", event.id), ("partner_id", "=", person.id), ("state", "!=", "cancel"),
        ], limit=1):
            return self._render_dealer_trainings(
                error=_("%(person)s is already registered to %(event)s.", person=person.name, event=event.name),
            )
        try:
            # Odoo's own checks apply (seats limit constraint). No savepoint here: on success Odoo's
            # registration mail scheduler may commit, which would release it.
            Registration.create({"event_id": event.id, "partner_id": person.id})
        except UserError as error:
            # nothing else was written by this request: drop the half-created registration
            request.env.cr.rollback()
            return self._render_dealer_trainings(error=str(error))
        return request.redirect("/my/trainings?registered=1")
