"""Back-office attacks on complaints, feedback and announcements: their status moves only through the actions."""
from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerTestCommon

PROTECTED = r"change only through its buttons and wizards, not directly"


@tagged("post_install", "-at_install")
class TestSecurityRelations(DealerTestCommon):

    run_as_superuser = True  # the tests act as the administrator entering data (TransactionCase's user)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer = cls._create_dealer("Relations Dealer", state="active")
        cls.category = cls.env["dealer.complaint.category"].create({"name": "Quality SR", "sla_hours": 24})
        cls.complaint = cls.env["dealer.complaint"].with_user(cls.dealer_user).create({
            "partner_id": cls.dealer.id, "category_id": cls.category.id, "description": "Leaks",
        })
        cls.feedback = cls.env["dealer.feedback"].with_user(cls.dealer_user).create({
            "name": "Demand", "partner_id": cls.dealer.id, "description": "More pumps",
        })

    def test_dealer_user_cannot_close_complaint_by_writing_state(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.complaint.with_user(self.dealer_user).write({"state": "closed"})
        self.assertEqual(self.complaint.state, "new")

    def test_dealer_user_cannot_create_closed_complaint_with_default_state(self):
        Complaint = self.env["dealer.complaint"].with_user(self.dealer_user)
        with self.assertRefused(AccessError, PROTECTED):
            Complaint.with_context(default_state="closed").create({
                "partner_id": self.dealer.id, "category_id": self.category.id, "description": "CLOSED-AT-BIRTH",
            })
        self.assertFalse(Complaint.search([("description", "=", "CLOSED-AT-BIRTH")]))

    def test_dealer_user_cannot_skip_feedback_triage_by_writing_state(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.feedback.with_user(self.dealer_user).write({"state": "done"})
        self.assertEqual(self.feedback.state, "new")

    def test_dealer_manager_cannot_publish_scheduled_announcement_early_by_writing_state(self):
        announcement = self.env["dealer.announcement"].with_user(self.dealer_manager).create({
            "name": "Embargoed", "date_publish": date.today() + timedelta(days=7),
        })
        announcement.action_publish()
        self.assertEqual(announcement.state, "scheduled")
        with self.assertRefused(AccessError, PROTECTED):
            announcement.write({"state": "published"})
        self.assertEqual(announcement.state, "scheduled")

    def test_dealer_manager_cannot_create_published_announcement_with_default_state(self):
        Announcement = self.env["dealer.announcement"].with_user(self.dealer_manager)
        with self.assertRefused(AccessError, PROTECTED):
            Announcement.with_context(default_state="published").create({"name": "BORN-PUBLISHED"})
        self.assertFalse(Announcement.search([("name", "=", "BORN-PUBLISHED")]))
