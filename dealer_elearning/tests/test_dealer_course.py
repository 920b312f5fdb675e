from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


@tagged("post_install", "-at_install", "dealer_elearning")
class TestDealerCourse(DealerTestCommon):
    """Courses published to dealers by grade; completion per person and per dealer."""

    run_as_superuser = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_core = cls._create_dealer("Course Core Dealer", state="active", grade=cls.grade_core)
        cls.dealer_regular = cls._create_dealer("Course Regular Dealer", state="active", grade=cls.grade_regular)
        cls.core_user = cls._create_portal_user(cls.dealer_core, "course_core_t")
        cls.regular_user = cls._create_portal_user(cls.dealer_regular, "course_regular_t")
        cls.course = cls.env["slide.channel"].create({
            "name": "Model L for sales advisers",
            "visibility": "members",
            "enroll": "invite",
            "is_published": True,
            "dealer_grade_ids": [Command.set(cls.grade_core.ids)],
            "slide_ids": [Command.create({"name": "Walk-around", "slide_category": "document",
                                          "is_published": True})],
        })
        cls.Membership = cls.env["slide.channel.partner"]

    def _members(self):
        return self._memberships().partner_id

    def _memberships(self):
        """The dealer staff's memberships of the course (its responsible is a member too)."""
        return self.Membership.search([("channel_id", "=", self.course.id), ("dealer_partner_id", "!=", False)])

    def test_enroll_staff_of_the_grades(self):
        self.course.with_user(self.dealer_manager).action_dealer_enroll()
        self.assertEqual(self._members(), self.core_user.partner_id)
        membership = self._memberships()
        self.assertEqual(membership.dealer_partner_id, self.dealer_core)
        # the core dealer's user sees the course, the regular dealer's does not
        Channel = self.env["slide.channel"]
        self.assertIn(self.course, Channel.with_user(self.core_user).search([]))
        self.assertNotIn(self.course, Channel.with_user(self.regular_user).search([]))

    def test_daily_job_enrolls_new_staff(self):
        self.course.action_dealer_enroll()
        newcomer = self._create_portal_user(self.dealer_core, "course_newcomer_t")
        self.dealer_regular.sudo().dealer_grade_id = self.grade_core
        self.env["slide.channel"]._cron_dealer_enroll()
        expected = self.core_user.partner_id | newcomer.partner_id | self.regular_user.partner_id
        self.assertEqual(self._members(), expected)

    def test_completion_per_dealer_and_period(self):
        self.course.action_dealer_enroll()
        membership = self._memberships()
        self.assertFalse(membership.dealer_completed_on)
        self.course.slide_ids.with_user(self.core_user).action_mark_completed()
        self.assertEqual(membership.member_status, "completed")
        self.assertEqual(membership.dealer_completed_on, self.today)
        dealers = self.dealer_core | self.dealer_regular
        Membership = self.env["slide.channel.partner"]
        self.assertEqual(Membership._dealer_courses_completed(dealers, self.today - timedelta(days=7), self.today),
                         {self.dealer_core.id: 1, self.dealer_regular.id: 0})
        self.assertEqual(Membership._dealer_courses_completed(
            dealers, self.today - timedelta(days=60), self.today - timedelta(days=30)),
            {self.dealer_core.id: 0, self.dealer_regular.id: 0})

    def test_only_managers_enroll(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager may enroll"):
            self.course.with_user(self.dealer_user).action_dealer_enroll()
        with self.assertRefused(AccessError, "Only a Dealer Manager may enroll"):
            self.course.with_user(self.regular_user).action_dealer_enroll()
        self.assertFalse(self._members())

    def test_portal_user_cannot_forge_a_completion(self):
        self.course.action_dealer_enroll()
        membership = self._memberships()
        with self.assertRefused(AccessError, "not allowed to modify"):
            membership.with_user(self.core_user).write({"member_status": "completed", "completion": 100})
        with self.assertRefused(AccessError, "not allowed to modify"):
            self.course.with_user(self.core_user).write({"dealer_grade_ids": [Command.set(self.grade_regular.ids)]})
        self.assertEqual(membership.member_status, "joined")
        self.assertEqual(self.course.dealer_grade_ids, self.grade_core)

    def test_dealer_user_reads_completion(self):
        self.course.action_dealer_enroll()
        Membership = self.env["slide.channel.partner"].with_user(self.dealer_user)
        self.assertEqual(Membership.search([("dealer_partner_id", "=", self.dealer_core.id)]).partner_id,
                         self.core_user.partner_id)

    def test_course_counts_on_a_day(self):
        self.course.action_dealer_enroll()
        Membership = self.env["slide.channel.partner"]
        dealers = self.dealer_core | self.dealer_regular
        self.assertEqual(Membership._dealer_course_counts(dealers, self.today), {self.dealer_core.id: (0, 1)})
        self.course.slide_ids.with_user(self.core_user).action_mark_completed()
        self.assertEqual(Membership._dealer_course_counts(dealers, self.today), {self.dealer_core.id: (1, 1)})
        self.assertEqual(Membership._dealer_course_counts(dealers, self.today - timedelta(days=1)), {},
                         "not enrolled yet the day before")
