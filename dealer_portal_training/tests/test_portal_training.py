from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestPortalTraining(DealerTestCommon, HttpCase):
    """Dealer trainings on the portal: listing and registering people of the user's own dealer."""

    run_as_superuser = True  # the set-up and the checks act as the administrator (HttpCase's own user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_a = cls._create_dealer("Portal Training Dealer A", state="active")
        cls.dealer_b = cls._create_dealer("Portal Training Dealer B", state="active")
        cls.colleague_a = cls.Partner.create({"name": "Colleague of A", "parent_id": cls.dealer_a.id})
        cls.user_a = cls._create_portal_user(cls.dealer_a, "portal_training_a")
        cls.user_b = cls._create_portal_user(cls.dealer_b, "portal_training_b")

        training_type = cls.env.ref("dealer_training.event_type_dealer_training")
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=7)
        values = {
            "event_type_id": training_type.id, "date_begin": start, "date_end": start + timedelta(hours=8),
            "dealer_training_topic": "product", "dealer_portal_published": True,
        }
        Event = cls.env["event.event"]
        cls.training = Event.create(dict(values, name="Product knowledge for dealers", seats_max=10))
        cls.full_training = Event.create(dict(values, name="Sales skills masterclass", seats_max=1))
        cls.env["event.registration"].create({"event_id": cls.full_training.id, "partner_id": cls.dealer_b.id})
        cls.unpublished = Event.create(dict(values, name="Draft market analysis", dealer_portal_published=False))
        cls.cancelled = Event.create(dict(
            values, name="Cancelled culture day", stage_id=cls.env.ref("event.event_stage_cancelled").id,
        ))

    def _register(self, event, person=None):
        data = {"csrf_token": http.Request.csrf_token(self)}
        if person:
            data["partner_id"] = person.id
        return self.url_open(f"/my/trainings/{event.id}/register", data=data)

    def _registrations(self, event):
        return self.env["event.registration"].search([("event_id", "=", event.id)])

    def test_trainings_page_lists_published_trainings(self):
        self.authenticate("portal_training_a", "portal_training_a")
        response = self.url_open("/my/trainings")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Product knowledge for dealers", response.text)
        self.assertIn("Colleague of A", response.text)
        self.assertNotIn("Draft market analysis", response.text)
        self.assertNotIn("Cancelled culture day", response.text)

    def test_register_colleague(self):
        self.authenticate("portal_training_a", "portal_training_a")
        response = self._register(self.training, self.colleague_a)
        self.assertEqual(response.status_code, 200)
        self.assertIn("The registration is confirmed.", response.text)
        registration = self._registrations(self.training)
        self.assertEqual(registration.partner_id, self.colleague_a)
        self.assertEqual(registration.dealer_partner_id, self.dealer_a)
        self.assertEqual(registration.state, "open")

    def test_register_self_by_default(self):
        self.authenticate("portal_training_a", "portal_training_a")
        response = self._register(self.training)
        self.assertEqual(response.status_code, 200)
        registration = self._registrations(self.training)
        self.assertEqual(registration.partner_id, self.user_a.partner_id)
        self.assertEqual(registration.dealer_partner_id, self.dealer_a)

    def test_register_past_capacity_shows_error(self):
        self.authenticate("portal_training_a", "portal_training_a")
        response = self._register(self.full_training, self.colleague_a)
        self.assertEqual(response.status_code, 200)
        self.assertIn("There are not enough seats available", response.text)
        self.assertEqual(self._registrations(self.full_training).partner_id, self.dealer_b)

    def test_register_closed_training_shows_error(self):
        self.authenticate("portal_training_a", "portal_training_a")
        response = self._register(self.cancelled, self.colleague_a)
        self.assertEqual(response.status_code, 200)
        self.assertIn("This training is closed for registration.", response.text)
        self.assertFalse(self._registrations(self.cancelled))

    def test_cannot_register_person_of_other_dealer(self):
        self.authenticate("portal_training_b", "portal_training_b")
        response = self._register(self.training, self.colleague_a)
        self.assertEqual(response.status_code, 403)
        self.assertIn("You can only register people of your own dealer.", response.text)
        self.assertFalse(self._registrations(self.training))
