from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDealerAnnouncement(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "ann_manager", groups="dealer_management.group_dealer_manager")
        Grade = cls.env["dealer.grade"]
        cls.grade_gold = Grade.create({"name": "Gold", "code": "ANN_G"})
        cls.grade_silver = Grade.create({"name": "Silver", "code": "ANN_S"})
        Territory = cls.env["dealer.territory"]
        cls.east = Territory.create({"name": "East", "level": "region"})
        cls.zhejiang = Territory.create({"name": "Zhejiang", "level": "province", "parent_id": cls.east.id})
        cls.hangzhou = Territory.create({"name": "Hangzhou", "level": "city", "parent_id": cls.zhejiang.id})
        cls.west = Territory.create({"name": "West", "level": "region"})
        Partner = cls.env["res.partner"]
        cls.dealer_a = Partner.create({
            "name": "Dealer A", "is_company": True, "is_dealer": True, "dealer_state": "active",
            "dealer_grade_id": cls.grade_gold.id, "dealer_territory_ids": [(6, 0, cls.hangzhou.ids)],
        })
        cls.dealer_b = Partner.create({
            "name": "Dealer B", "is_company": True, "is_dealer": True, "dealer_state": "active",
            "dealer_grade_id": cls.grade_silver.id, "dealer_territory_ids": [(6, 0, cls.west.ids)],
        })
        cls.contact_a = Partner.create({"name": "Alice", "parent_id": cls.dealer_a.id})
        cls.contact_b = Partner.create({"name": "Bob", "parent_id": cls.dealer_b.id})
        cls.portal_a = new_test_user(
            cls.env, "ann_portal_a", groups="base.group_portal", partner_id=cls.contact_a.id,
        )
        cls.portal_a2 = new_test_user(
            cls.env, "ann_portal_a2", groups="base.group_portal",
            partner_id=Partner.create({"name": "Ann", "parent_id": cls.dealer_a.id}).id,
        )
        cls.portal_b = new_test_user(
            cls.env, "ann_portal_b", groups="base.group_portal", partner_id=cls.contact_b.id,
        )
        cls.Announcement = cls.env["dealer.announcement"].with_user(cls.manager)

    def _announcement(self, **vals):
        return self.Announcement.create({"name": "Notice", "body": "<p>Hello</p>", **vals})

    def _visible(self, partner):
        return self.env["dealer.announcement"].search(self.env["dealer.announcement"]._dealer_visible_domain(partner))

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
        user = new_test_user(self.env, "ann_user", groups="dealer_management.group_dealer_user")
        with self.assertRaises(AccessError):
            self.env["dealer.announcement"].with_user(user).create({"name": "Not allowed"})

    # ------------------------------------------------------------------ audience
    def test_audience_all(self):
        announcement = self._announcement()
        announcement.action_publish()
        self.assertIn(announcement, self._visible(self.contact_a))
        self.assertIn(announcement, self._visible(self.dealer_b))

    def test_audience_grade(self):
        announcement = self._announcement(audience="grade", grade_ids=[(6, 0, self.grade_gold.ids)])
        announcement.action_publish()
        self.assertIn(announcement, self._visible(self.contact_a))
        self.assertNotIn(announcement, self._visible(self.contact_b))
        self.assertEqual(announcement.audience_dealer_count, 1)

    def test_audience_territory_includes_sub_territories(self):
        announcement = self._announcement(audience="territory", territory_ids=[(6, 0, self.east.ids)])
        announcement.action_publish()
        self.assertTrue(self.east._contains(self.hangzhou))
        self.assertIn(announcement, self._visible(self.dealer_a), "Hangzhou lies below East")
        self.assertNotIn(announcement, self._visible(self.dealer_b))

    def test_audience_territory_below_the_dealer_not_matched(self):
        """An announcement for Hangzhou does not reach a dealer holding the whole East region."""
        self.dealer_b.dealer_territory_ids = [(6, 0, self.east.ids)]
        announcement = self._announcement(audience="territory", territory_ids=[(6, 0, self.hangzhou.ids)])
        announcement.action_publish()
        self.assertIn(announcement, self._visible(self.dealer_a))
        self.assertNotIn(announcement, self._visible(self.dealer_b))

    def test_draft_archived_and_terminated_not_visible(self):
        draft = self._announcement()
        archived = self._announcement()
        archived.action_publish()
        archived.action_archive_announcement()
        self.assertFalse((draft | archived) & self._visible(self.dealer_a))
        published = self._announcement()
        published.action_publish()
        self.dealer_a.dealer_state = "terminated"
        self.assertNotIn(published, self._visible(self.dealer_a))

    def test_publish_window(self):
        announcement = self._announcement(date_publish="2030-03-01", date_expire="2030-03-31")
        with freeze_time("2030-02-15"):
            announcement.action_publish()
            self.assertNotIn(announcement, self._visible(self.dealer_a), "not yet published")
        with freeze_time("2030-03-15"):
            self.assertIn(announcement, self._visible(self.dealer_a))
        with freeze_time("2030-04-01"):
            self.assertNotIn(announcement, self._visible(self.dealer_a), "expired")
            self.env["dealer.announcement"]._cron_archive_expired()
        self.assertEqual(announcement.state, "archived")

    def test_portal_rule_hides_other_audience(self):
        gold = self._announcement(audience="grade", grade_ids=[(6, 0, self.grade_gold.ids)])
        draft = self._announcement()
        gold.action_publish()
        as_b = self.env["dealer.announcement"].with_user(self.portal_b)
        self.assertFalse(as_b.search([("id", "in", (gold | draft).ids)]))
        with self.assertRaises(AccessError):
            gold.with_user(self.portal_b).read(["name"])
        self.assertEqual(gold.with_user(self.portal_a).read(["name"])[0]["name"], "Notice")

    # ------------------------------------------------------------------ read receipts
    def test_read_receipts_and_unread_count(self):
        first = self._announcement(name="First")
        second = self._announcement(name="Second")
        (first | second).action_publish()
        Announcement = self.env["dealer.announcement"]
        self.assertEqual(Announcement._dealer_unread_count(self.portal_a), 2)
        first.with_user(self.portal_a)._mark_read()
        first.with_user(self.portal_a)._mark_read()  # once per user
        self.assertEqual(len(first.read_ids), 1)
        receipt = first.read_ids
        self.assertEqual(receipt.user_id, self.portal_a)
        self.assertEqual(receipt.partner_id, self.dealer_a, "the receipt is counted for the dealer")
        self.assertEqual(Announcement._dealer_unread_count(self.portal_a), 1)
        self.assertEqual(Announcement._dealer_unread_count(self.portal_a2), 2, "receipts are per user")
        first.with_user(self.portal_a2)._mark_read()
        first.invalidate_recordset()
        self.assertEqual(first.read_count, 2)
        self.assertEqual(first.read_dealer_count, 1)

    def test_portal_sees_only_own_receipts(self):
        announcement, unread = self._announcement() | self._announcement()
        (announcement | unread).action_publish()
        announcement.with_user(self.portal_a)._mark_read()
        announcement.with_user(self.portal_b)._mark_read()
        Read = self.env["dealer.announcement.read"]
        self.assertEqual(Read.with_user(self.portal_a).search([]).user_id, self.portal_a)
        with self.assertRaises(AccessError):
            Read.with_user(self.portal_a).create({"announcement_id": unread.id, "user_id": self.portal_b.id})
        self.assertFalse(unread.read_ids)

    def test_read_receipts_action_grouped_by_dealer(self):
        announcement = self._announcement()
        action = announcement.action_view_read_receipts()
        self.assertEqual(action["domain"], [("announcement_id", "=", announcement.id)])
        self.assertTrue(action["context"].get("search_default_group_partner"))
