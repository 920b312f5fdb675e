from datetime import date, datetime

from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestPortalBusinessReviewVisit(DealerPortalCase):
    """Dealer A's owner reads the visits of its held Q1 2025 review; B's review (two missed visits) stays B's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a = cls._create_portal_user(cls.dealer_a, "brv_owner_a", "Olga Owner A")
        cls.owner_a.partner_id.dealer_portal_role = "owner"
        Visit = cls.env["dealer.visit"]
        visit = Visit.create({"dealer_id": cls.dealer_a.id, "date_planned": datetime(2025, 2, 3, 10)})
        visit.action_check_in()
        visit.line_ids.write({"answer": "yes"})
        cls.env["dealer.visit.finding"].create({
            "visit_id": visit.id, "name": "Display not set", "deadline": date(2025, 2, 20),
        })
        visit.action_check_out()
        for day in (5, 6):
            Visit.create({"dealer_id": cls.dealer_b.id, "date_planned": datetime(2025, 3, day, 10)}).action_cancel()
        cls.review_a, cls.review_b = cls.env["dealer.business.review"].create([
            {"partner_id": dealer.id, "date_from": date(2025, 1, 1)} for dealer in (cls.dealer_a, cls.dealer_b)
        ])
        (cls.review_a | cls.review_b).action_hold()
        cls.env.flush_all()

    def test_owner_reads_the_visits_of_its_review(self):
        self.assertRecordValues(self.review_b, [{"visit_missed_count": 2, "visit_done_count": 0}])
        self.authenticate(self.owner_a.login, self.owner_a.login)
        response = self.url_open(f"/my/business-reviews/{self.review_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_business_review_visits", response.text)
        self.assertIn("Visit findings to put right", response.text)
        self.assertIn("1 <span>overdue</span>", response.text)
        self.assertIn('href="/my/visit-findings"', response.text)

    def test_another_dealer_s_review_is_not_shown(self):
        self.authenticate(self.owner_a.login, self.owner_a.login)
        response = self.url_open(f"/my/business-reviews/{self.review_b.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("o_dealer_business_review_visits", response.text)
        _result, error = self._call_kw("dealer.business.review", "write",
                                       [self.review_a.ids, {"visit_finding_open_count": 0}])
        self.assertRpcRefused(error, "AccessError")
        self.env.invalidate_all()
        self.assertEqual(self.review_a.visit_finding_open_count, 1)
