from datetime import timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_staff_certification.tests.common import DealerStaffCertificationCommon


@tagged("post_install", "-at_install")
class TestPortalStaffQualification(DealerStaffCertificationCommon, HttpCase):
    """The owner's page of its people's certifications: its own dealer only, owners only, read only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_a = cls._create_dealer("Staff Portal Dealer A", state="active")
        cls.dealer_b = cls._create_dealer("Staff Portal Dealer B", state="active")
        cls.owner_a = cls._create_portal_user(cls.dealer_a, "staff_owner_a", "Owner A")
        cls.owner_a.partner_id.dealer_portal_role = "owner"
        cls.staff_a = cls._create_portal_user(cls.dealer_a, "staff_user_a", "Staff A")
        cls.adviser_a = cls.Partner.create({"name": "Adviser Anna", "parent_id": cls.dealer_a.id,
                                            "dealer_staff_position_id": cls.position_sales.id})
        cls.adviser_b = cls.Partner.create({"name": "Adviser Bruno", "parent_id": cls.dealer_b.id,
                                            "dealer_staff_position_id": cls.position_sales.id})
        cls._take_certification(cls.adviser_a, cls.today - timedelta(days=20))

    def test_owner_sees_own_people_only(self):
        self.authenticate("staff_owner_a", "staff_owner_a")
        response = self.url_open("/my/staff-qualification")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Adviser Anna", response.text)
        self.assertIn("Current Models Certification", response.text)
        self.assertIn("Qualified", response.text)
        self.assertNotIn("Adviser Bruno", response.text)

    def test_staff_user_is_refused(self):
        self.authenticate("staff_user_a", "staff_user_a")
        response = self.url_open("/my/staff-qualification")
        self.assertEqual(response.status_code, 403)
        self.assertIn("Only your dealer&#39;s owner sees", response.text)
        self.assertNotIn("Adviser Anna", response.text)

    def test_home_counter_counts_missing_for_the_owner(self):
        self.adviser_a.copy({"name": "Adviser Alex"})  # a second adviser of A, not certified
        self.authenticate("staff_owner_a", "staff_owner_a")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["dealer_staff_missing_count"]})
        self.assertEqual(counters["dealer_staff_missing_count"], 1)
        self.authenticate("staff_user_a", "staff_user_a")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["dealer_staff_missing_count"]})
        self.assertEqual(counters["dealer_staff_missing_count"], 0)
