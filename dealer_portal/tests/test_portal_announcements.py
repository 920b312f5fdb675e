from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestPortalAnnouncements(DealerTestCommon):
    """Record rules and read receipts of announcements for portal users (the portal layer's ACL and rules)."""

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.dealer_manager
        cls.grade_gold = cls.grade_core
        cls.grade_silver = cls.grade_regular
        cls.dealer_a = cls._create_dealer("Dealer A", state="active", grade=cls.grade_gold)
        cls.dealer_b = cls._create_dealer("Dealer B", state="active", grade=cls.grade_silver)
        cls.portal_a, cls.portal_a2, cls.portal_b = (
            cls._create_portal_user(dealer, login) for login, dealer in (
                ("pann_portal_a", cls.dealer_a), ("pann_portal_a2", cls.dealer_a), ("pann_portal_b", cls.dealer_b),
            )
        )
        cls.Announcement = cls.env["dealer.announcement"].with_user(cls.manager)

    def _announcement(self, **vals):
        return self.Announcement.create({"name": "Notice", "body": "<p>Hello</p>", **vals})

    def test_portal_rule_hides_other_audience(self):
        gold = self._announcement(audience="grade", grade_ids=[(6, 0, self.grade_gold.ids)])
        draft = self._announcement()
        gold.action_publish()
        as_b = self.env["dealer.announcement"].with_user(self.portal_b)
        self.assertFalse(as_b.search([("id", "in", (gold | draft).ids)]))
        with self.assertRaises(AccessError):
            gold.with_user(self.portal_b).read(["name"])
        self.assertEqual(gold.with_user(self.portal_a).read(["name"])[0]["name"], "Notice")

    def test_portal_rule_hides_terminated_dealer(self):
        published = self._announcement()
        published.action_publish()
        self.assertTrue(published.with_user(self.portal_a).read(["name"]))
        self.dealer_a.sudo().dealer_state = "terminated"
        self.env.registry.clear_cache()  # record-rule domains are cached per user
        with self.assertRaises(AccessError):
            published.with_user(self.portal_a).read(["name"])

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

    def test_no_receipt_for_an_announcement_the_user_may_not_read(self):
        gold = self._announcement(audience="grade", grade_ids=[(6, 0, self.grade_gold.ids)])
        draft = self._announcement()
        gold.action_publish()
        self.assertFalse((gold | draft).with_user(self.portal_b)._mark_read())
        self.assertFalse((gold | draft).read_ids)

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

    def test_access_url(self):
        announcement = self._announcement()
        self.assertEqual(announcement.access_url, f"/my/announcements/{announcement.id}")
