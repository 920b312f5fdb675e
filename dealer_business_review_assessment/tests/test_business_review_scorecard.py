from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_assessment.tests.common import Q2_FROM, AssessmentCase


@tagged("post_install", "-at_install")
class TestBusinessReviewScorecard(AssessmentCase):
    """The review shows the dealer's last approved scorecard of a period ending by the end of its quarter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment = cls.env["dealer.assessment"].create({
            "period_type": "quarter", "date": Q2_FROM, "scope": "grade", "grade_id": cls.grade.id,
        })
        cls.assessment.action_compute()
        cls.card = cls.assessment.scorecard_ids.filtered(lambda c: c.partner_id == cls.dealer_1)

    def _review(self, date_from):
        return self.env["dealer.business.review"].create({"partner_id": self.dealer_1.id, "date_from": date_from})

    def test_only_an_approved_scorecard_counts(self):
        self.assertFalse(self._review(Q2_FROM).scorecard_id)

    def test_scorecard_of_the_quarter_and_after(self):
        self.assessment.action_review()
        self.assessment.action_approve()
        for date_from in (Q2_FROM, date(2025, 7, 1)):
            review = self._review(date_from)
            self.assertRecordValues(review, [{
                "scorecard_id": self.card.id, "scorecard_total": self.card.total, "scorecard_rank": self.card.rank,
                "scorecard_rank_count": 3, "scorecard_rating": self.card.rating,
            }])
        # a quarter that ended before the scorecard's period: none
        self.assertFalse(self._review(date(2025, 1, 1)).scorecard_id)

    def test_scorecard_frozen_and_printed(self):
        self.assessment.action_review()
        self.assessment.action_approve()
        review = self._review(Q2_FROM)
        review.action_hold()
        with self.assertRaisesRegex(AccessError, "change only through its buttons"):
            review.with_user(self.dealer_user).write({"scorecard_total": 100.0})
        self.assertEqual(review.scorecard_total, self.card.total)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "dealer_business_review.action_report_dealer_business_review", review.ids)[0].decode()
        self.assertIn("Last scorecard", html)
