import base64
import unittest
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tools.period import period_bounds, previous_period
from odoo.addons.dealer_staff_certification.tests.common import DealerStaffCertificationCommon

# the other portal pages of issue 19 the tour goes through (installed with them in the suite's test database)
TOUR_PAGES = ("dealer_portal_visit", "dealer_portal_staff_certification", "dealer_portal_training_material",
              "dealer_portal_meeting")


@tagged("post_install", "-at_install")
class TestPortalPhoneTour(DealerStaffCertificationCommon, HttpCase):
    """A dealer's owner on a 390 px phone: its held business review, a visit finding answered with a note, its
    certified adviser, a training material downloaded, the adviser registered to a dealer meeting."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        installed = cls.env["ir.module.module"].search_count([("name", "in", TOUR_PAGES), ("state", "=", "installed")])
        if installed < len(TOUR_PAGES):
            raise unittest.SkipTest(f"the tour needs the portal pages of {', '.join(TOUR_PAGES)}")
        cls.dealer = cls._create_dealer("Phone Tour Dealer", state="active", grade=cls.grade_core,
                                        user_id=cls.salesman.id)
        cls.owner = cls._create_portal_user(cls.dealer, "phone_tour_owner", "Olga Owner")
        cls.owner.partner_id.dealer_portal_role = "owner"
        cls.adviser = cls.Partner.create({"name": "Adviser Anna", "parent_id": cls.dealer.id,
                                          "dealer_staff_position_id": cls.position_sales.id})
        cls._take_certification(cls.adviser, cls.today - timedelta(days=20))
        quarter = previous_period(period_bounds(cls.today, "quarter")[0], "quarter")[0]
        visit = cls.env["dealer.visit"].create({
            "dealer_id": cls.dealer.id, "user_id": cls.salesman.id,
            "date_planned": datetime.combine(quarter + timedelta(days=5), time(10)),
        })
        visit.action_check_in()
        visit.line_ids.write({"answer": "yes"})
        cls.finding = cls.env["dealer.visit.finding"].create({
            "visit_id": visit.id, "name": "Price tags missing on the E5", "deadline": cls.today + timedelta(days=14),
        })
        visit.action_check_out()
        cls.review = cls.env["dealer.business.review"].create({"partner_id": cls.dealer.id, "date_from": quarter})
        cls.review.action_hold()
        cls.env["dealer.training.material"].create({
            "name": "Brand handbook", "file_name": "handbook.pdf", "dealer_portal_published": True,
            "file": base64.b64encode(b"%PDF-1.4 HANDBOOK"),
        })
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=10)
        cls.meeting = cls.env["event.event"].create({
            "name": "Phone tour conference", "date_begin": start, "date_end": start + timedelta(hours=8),
            "event_type_id": cls.env.ref("dealer_meeting.event_type_dealer_meeting").id,
            "dealer_invite_grade_ids": [(6, 0, cls.grade_core.ids)],
        })
        cls.meeting.action_dealer_invite()

    def test_owner_on_a_phone(self):
        self.start_tour(f"/my/business-reviews/{self.review.id}", "dealer_portal_phone_tour",
                        login=self.owner.login)
        self.assertRecordValues(self.finding, [{"state": "answered", "dealer_answer": "Price tags put up on every E5"}])
        registration = self.env["event.registration"].search([("event_id", "=", self.meeting.id)])
        self.assertEqual(registration.partner_id, self.adviser)
        self.assertEqual(registration.dealer_partner_id, self.dealer)
