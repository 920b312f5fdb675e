from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerAnnouncement(DealerTestCommon):

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.dealer_manager
        cls.grade_gold = cls.grade_core
        cls.grade_silver = cls.grade_regular
        cls.dealer_a = cls._create_dealer("Dealer A", state="active", grade=cls.grade_gold, territories=cls.hangzhou)
        cls.dealer_b = cls._create_dealer("Dealer B", state="active", grade=cls.grade_silver, territories=cls.west)
        cls.portal_a = cls._create_portal_user(cls.dealer_a, "ann_portal_a", "Alice")
        cls.portal_b = cls._create_portal_user(cls.dealer_b, "ann_portal_b", "Bob")
        cls.contact_a, cls.contact_b = cls.portal_a.partner_id, cls.portal_b.partner_id
        cls.Announcement = cls.env["dealer.announcement"].with_user(cls.manager)

    def _announcement(self, **vals):
        return self.Announcement.create({"name": "Notice", "body": "<p>Hello</p>", **vals})

    def _visible(self, user):
        return self.env["dealer.announcement"].search(self.env["dealer.announcement"]._dealer_visible_domain(user))

    # ------------------------------------------------------------------ publishing guards
    def test_publish_sets_date_and_state(self):
        announcement = self._announcement()
        announcement.action_publish()
        self.assertEqual(announcement.state, "published")
        self.assertEqual(announcement.date_publish, date.today())

    def test_publish_expire_before_publish_refused(self):
        announcement = self._announcement(date_publish="2030-05-10", date_expire="2030-05-01")
        with self.assertRaisesRegex(UserError, "would expire"):
            announcement.action_publish()
        self.assertEqual(announcement.state, "draft")

    def test_publish_already_expired_refused(self):
        announcement = self._announcement(date_publish="2020-01-01", date_expire="2020-02-01")
        with self.assertRaisesRegex(UserError, "expired on"):
            announcement.action_publish()
        self.assertEqual(announcement.state, "draft")

    def test_publish_empty_grade_audience_refused(self):
        announcement = self._announcement(audience="grade")
        with self.assertRaisesRegex(UserError, "no grade is selected"):
            announcement.action_publish()
        self.assertEqual(announcement.state, "draft")

    def test_publish_empty_territory_audience_refused(self):
        announcement = self._announcement(audience="territory")
        with self.assertRaisesRegex(UserError, "no territory is selected"):
            announcement.action_publish()
        self.assertEqual(announcement.state, "draft")

    def test_transitions_guarded(self):
        announcement = self._announcement()
        with self.assertRaises(UserError):
            announcement.action_archive_announcement()
        announcement.action_publish()
        with self.assertRaises(UserError):
            announcement.action_publish()
        announcement.action_archive_announcement()
        self.assertEqual(announcement.state, "archived")
        announcement.action_reset_draft()
        self.assertEqual(announcement.state, "draft")

    def test_publishing_is_for_managers(self):
        with self.assertRaises(AccessError):
            self.env["dealer.announcement"].with_user(self.dealer_user).create({"name": "Not allowed"})

    # ------------------------------------------------------------------ audience
    def test_audience_all(self):
        announcement = self._announcement()
        announcement.action_publish()
        self.assertIn(announcement, self._visible(self.portal_a))
        self.assertIn(announcement, self._visible(self.portal_b))

    def test_audience_grade(self):
        announcement = self._announcement(audience="grade", grade_ids=[(6, 0, self.grade_gold.ids)])
        announcement.action_publish()
        self.assertIn(announcement, self._visible(self.portal_a))
        self.assertNotIn(announcement, self._visible(self.portal_b))
        self.assertEqual(announcement.audience_dealer_count, 1)

    def test_audience_territory_includes_sub_territories(self):
        announcement = self._announcement(audience="territory", territory_ids=[(6, 0, self.east.ids)])
        announcement.action_publish()
        self.assertTrue(self.east._contains(self.hangzhou))
        self.assertIn(announcement, self._visible(self.portal_a), "Hangzhou lies below East")
        self.assertNotIn(announcement, self._visible(self.portal_b))

    def test_audience_territory_below_the_dealer_not_matched(self):
        """An announcement for Hangzhou does not reach a dealer holding the whole East region."""
        self.dealer_b.dealer_territory_ids = [(6, 0, self.east.ids)]
        announcement = self._announcement(audience="territory", territory_ids=[(6, 0, self.hangzhou.ids)])
        announcement.action_publish()
        self.assertIn(announcement, self._visible(self.portal_a))
        self.assertNotIn(announcement, self._visible(self.portal_b))

    def test_draft_archived_and_terminated_not_visible(self):
        draft = self._announcement()
        archived = self._announcement()
        archived.action_publish()
        archived.action_archive_announcement()
        self.assertFalse((draft | archived) & self._visible(self.portal_a))
        published = self._announcement()
        published.action_publish()
        self.dealer_a.dealer_state = "terminated"
        self.assertNotIn(published, self._visible(self.portal_a))

    def test_publish_window(self):
        announcement = self._announcement(date_publish="2030-03-01", date_expire="2030-03-31")
        with freeze_time("2030-02-15"):
            announcement.action_publish()
            self.assertEqual(announcement.state, "scheduled", "published, waiting for its date")
            self.assertNotIn(announcement, self._visible(self.portal_a), "not yet published")
        with freeze_time("2030-03-01"):
            self.env["dealer.announcement"]._cron_sync_publication()
            self.assertEqual(announcement.state, "published")
            self.assertIn(announcement, self._visible(self.portal_a))
        with freeze_time("2030-04-01"):
            self.assertNotIn(announcement, self._visible(self.portal_a), "expired")
            self.env["dealer.announcement"]._cron_sync_publication()
        self.assertEqual(announcement.state, "archived")

    def test_moving_the_dates_moves_the_state(self):
        announcement = self._announcement()
        announcement.action_publish()
        self.assertEqual(announcement.state, "published")
        announcement.date_publish = "2099-01-01"
        self.assertEqual(announcement.state, "scheduled", "a later date takes it off the portal again")
        announcement.date_publish = date.today()
        self.assertEqual(announcement.state, "published")

    def test_state_written_only_through_actions(self):
        announcement = self._announcement()
        with self.assertRaisesRegex(AccessError, "change only through its buttons and wizards"):
            announcement.write({"state": "published"})
        with self.assertRaisesRegex(AccessError, "change only through its buttons and wizards"):
            self.Announcement.with_context(default_state="published").create({"name": "Sneaky"})
        self.assertEqual(announcement.state, "draft")
        self.assertFalse(self.env["dealer.announcement"].search([("name", "=", "Sneaky")]))

    # portal rules and read receipts: dealer_portal/tests/test_portal_announcements.py

    def test_read_receipts_action_grouped_by_dealer(self):
        announcement = self._announcement()
        action = announcement.action_view_read_receipts()
        self.assertEqual(action["domain"], [("announcement_id", "=", announcement.id)])
        self.assertTrue(action["context"].get("search_default_group_partner"))
