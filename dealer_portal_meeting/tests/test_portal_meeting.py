from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestPortalMeeting(DealerTestCommon, HttpCase):
    """A conference to which dealer A (core grade) is invited and dealer B (regular grade) is not."""

    run_as_superuser = True
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_a = cls._create_dealer("Portal Meeting Dealer A", state="active", grade=cls.grade_core)
        cls.dealer_b = cls._create_dealer("Portal Meeting Dealer B", state="active", grade=cls.grade_regular)
        cls.colleague_a = cls.Partner.create({"name": "Colleague of A", "parent_id": cls.dealer_a.id})
        cls.user_a = cls._create_portal_user(cls.dealer_a, "portal_meeting_a")
        cls.user_b = cls._create_portal_user(cls.dealer_b, "portal_meeting_b")
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=10)
        cls.meeting = cls.env["event.event"].create({
            "name": "Core dealers conference", "date_begin": start, "date_end": start + timedelta(hours=8),
            "event_type_id": cls.env.ref("dealer_meeting.event_type_dealer_meeting").id,
            "dealer_invite_grade_ids": [(6, 0, cls.grade_core.ids)],
        })
        cls.meeting.action_dealer_invite()

    def _register(self, login, person):
        self.authenticate(login, login)
        return self.url_open(f"/my/trainings/{self.meeting.id}/register", data={
            "csrf_token": http.Request.csrf_token(self), "partner_id": person.id,
        })

    def _registrations(self):
        return self.env["event.registration"].search([("event_id", "=", self.meeting.id)])

    def test_invited_dealer_sees_and_registers(self):
        self.authenticate("portal_meeting_a", "portal_meeting_a")
        self.assertIn("Core dealers conference", self.url_open("/my/trainings").text)
        response = self._register("portal_meeting_a", self.colleague_a)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._registrations().partner_id, self.colleague_a)
        page = self.url_open("/my/trainings").text
        self.assertIn("Colleague of A", page)

    def test_dealer_not_invited(self):
        self.authenticate("portal_meeting_b", "portal_meeting_b")
        self.assertNotIn("Core dealers conference", self.url_open("/my/trainings").text)
        response = self._register("portal_meeting_b", self.user_b.partner_id)
        self.assertIn("closed for registration", response.text)
        self.assertFalse(self._registrations())

    def test_other_dealer_s_person(self):
        response = self._register("portal_meeting_a", self.user_b.partner_id)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self._registrations())
