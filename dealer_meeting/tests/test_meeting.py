from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerMeeting(DealerTestCommon):
    """A dealer conference for the core dealers of East China: who is invited, once, and by whom."""

    run_as_superuser = True
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting_type = cls.env.ref("dealer_meeting.event_type_dealer_meeting")
        cls.core_hz = cls._create_dealer("Meeting Core Hangzhou", state="active", grade=cls.grade_core,
                                         territories=cls.hangzhou, email="core.hz@example.com")
        cls.core_west = cls._create_dealer("Meeting Core West", state="active", grade=cls.grade_core,
                                           territories=cls.west, email="core.west@example.com")
        cls.regular_sz = cls._create_dealer("Meeting Regular Suzhou", state="active", grade=cls.grade_regular,
                                            territories=cls.suzhou, email="regular.sz@example.com")
        cls.prospect = cls._create_dealer("Meeting Prospect", grade=cls.grade_core, territories=cls.hangzhou)
        begin = datetime.now() + timedelta(days=30)
        cls.meeting = cls.env["event.event"].create({
            "name": "2026 Dealer Conference", "event_type_id": cls.meeting_type.id,
            "date_begin": begin, "date_end": begin + timedelta(hours=8),
        })

    def _invite(self, user=None):
        return self.meeting.with_user(user or self.dealer_manager).action_dealer_invite()

    def test_meeting_type(self):
        self.assertTrue(self.meeting.is_dealer_meeting)
        self.assertFalse(self.meeting.is_dealer_training)

    def test_invite_by_grade_and_territory(self):
        self.meeting.write({
            "dealer_invite_grade_ids": [(6, 0, self.grade_core.ids)],
            "dealer_invite_territory_ids": [(6, 0, self.east.ids)],
        })
        result = self._invite()
        self.assertIn("1 dealer(s) invited", result["params"]["message"])
        self.assertEqual(self.meeting.dealer_invited_ids, self.core_hz)
        message = self.meeting.message_ids.filtered(lambda m: self.core_hz in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("Register your people on the dealer portal", message.body)

    def test_invite_again_adds_only_new_dealers(self):
        self.meeting.dealer_invite_grade_ids = self.grade_core
        self._invite()
        self.assertEqual(self.meeting.dealer_invited_ids, self.core_hz | self.core_west)
        with self.assertRefused(UserError, "already invited"):
            self._invite()
        self.meeting.dealer_invite_grade_ids = False  # every grade: only Suzhou's regular dealer is new
        self._invite()
        self.assertEqual(self.meeting.dealer_invited_ids, self.core_hz | self.core_west | self.regular_sz)
        self.assertEqual(self.meeting.dealer_invited_count, 3)
        invitations = self.meeting.message_ids.filtered(lambda m: m.partner_ids)
        self.assertEqual(len(invitations), 2)
        self.assertEqual(invitations.partner_ids, self.core_hz | self.core_west | self.regular_sz)

    def test_only_a_manager_invites(self):
        with self.assertRefused(UserError, "Only a Dealer Manager"):
            self._invite(self.salesman)
        with self.assertRefused(AccessError, ""):
            self.meeting.with_user(self.salesman).write({"dealer_invite_grade_ids": [(6, 0, self.grade_core.ids)]})
        self.assertFalse(self.meeting.dealer_invited_ids)
        self.assertFalse(self.meeting.dealer_invite_grade_ids)

    def test_invited_dealers_are_the_button_s_own(self):
        with self.assertRefused(AccessError, "only through its Invite Dealers button"):
            self.meeting.with_user(self.dealer_manager).write({"dealer_invited_ids": [(6, 0, self.prospect.ids)]})
        self.assertFalse(self.meeting.dealer_invited_ids)

    def test_not_a_meeting_or_over(self):
        training = self.env["event.event"].create({
            "name": "Not a meeting", "date_begin": datetime.now() + timedelta(days=1),
            "date_end": datetime.now() + timedelta(days=2),
        })
        with self.assertRefused(UserError, "is not a dealer meeting"):
            training.with_user(self.dealer_manager).action_dealer_invite()
        self.meeting.write({"date_begin": datetime.now() - timedelta(days=3),
                            "date_end": datetime.now() - timedelta(days=2)})
        with self.assertRefused(UserError, "is over"):
            self._invite()
        self.assertFalse(self.meeting.dealer_invited_ids | training.dealer_invited_ids)
