from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestPortalBusinessReview(DealerPortalCase):
    """Dealer A's owner reads A's held reviews; B's reviews, A's prepared one and A's staff get nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a = cls._create_portal_user(cls.dealer_a, "br_owner_a", "Olga Owner A")
        cls.owner_a.partner_id.dealer_portal_role = "owner"
        Review = cls.env["dealer.business.review"]
        cls.review_a, cls.review_b = Review.create([
            {"partner_id": dealer.id, "date_from": date(2025, 1, 1)} for dealer in (cls.dealer_a, cls.dealer_b)
        ])
        for review, key in ((cls.review_a, "A"), (cls.review_b, "B")):
            review.action_hold()
            review.write({
                "minutes": f"<p>MINUTES-{key}</p>",
                "action_ids": [Command.create({"name": f"ACTION-{key}", "date_deadline": date(2025, 5, 31)})],
            })
        cls.prepared_a = Review.create({"partner_id": cls.dealer_a.id, "date_from": date(2025, 4, 1)})
        cls.env.flush_all()

    def _get(self, user, url):
        self.authenticate(user.login, user.login)
        return self.url_open(url)

    def test_owner_lists_its_held_reviews(self):
        response = self._get(self.owner_a, "/my/business-reviews")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/business-reviews/{self.review_a.id}", response.text)
        self.assertNotIn(f"/my/business-reviews/{self.review_b.id}", response.text)
        self.assertNotIn(f"/my/business-reviews/{self.prepared_a.id}", response.text)

    def test_owner_reads_a_review(self):
        response = self._get(self.owner_a, f"/my/business-reviews/{self.review_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("MINUTES-A", response.text)
        self.assertIn("ACTION-A", response.text)
        pdf = self._get(self.owner_a, f"/my/business-reviews/{self.review_a.id}/pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")

    def test_another_dealer_s_or_a_prepared_review(self):
        for review in (self.review_b, self.prepared_a):
            for suffix in ("", "/pdf"):
                response = self._get(self.owner_a, f"/my/business-reviews/{review.id}{suffix}")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("MINUTES-B", response.text)

    def test_staff_gets_nothing(self):
        for url in ("/my/business-reviews", f"/my/business-reviews/{self.review_a.id}"):
            self.assertEqual(self._get(self.portal_a, url).status_code, 404)

    def test_owner_rpc_cannot_write_or_read_others(self):
        self.authenticate(self.owner_a.login, self.owner_a.login)
        _result, error = self._call_kw("dealer.business.review", "write",
                                       [self.review_a.ids, {"minutes": "<p>Rewritten</p>"}])
        self.assertRpcRefused(error, "AccessError")
        _result, error = self._call_kw("dealer.business.review.action", "write",
                                       [self.review_a.action_ids.ids, {"name": "Nothing"}])
        self.assertRpcRefused(error, "AccessError")
        _result, error = self._call_kw("dealer.business.review", "create",
                                       [{"partner_id": self.dealer_a.id, "date_from": "2025-07-01"}])
        self.assertRpcRefused(error, "AccessError")
        _result, error = self._call_kw("dealer.business.review", "read", [self.review_b.ids, ["minutes"]])
        self.assertRpcRefused(error, "AccessError")
        found, error = self._call_kw("dealer.business.review", "search_read", [[], ["id"]])
        self.assertEqual([row["id"] for row in found], self.review_a.ids)
        self.env.invalidate_all()
        self.assertIn("MINUTES-A", self.review_a.minutes)
        self.assertEqual(self.review_a.action_ids.name, "ACTION-A")
        self.assertFalse(self.env["dealer.business.review"].search([("date_from", "=", date(2025, 7, 1))]))
