from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_service_inspection.tests.common import InspectionCommon


@tagged("post_install", "-at_install")
class TestBusinessReviewInspection(InspectionCommon):
    """Dealer 1 inspected in February 2025 (a finding confirmed, overdue since March) and in May 2025."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.february = cls._inspection(cls.dealer_1, date(2025, 2, 10), (80, 50, 30))
        finding = cls.february.finding_ids.sorted("id")[0]
        finding.write({"deadline": date(2025, 3, 15)})
        finding.action_confirm()
        cls.may = cls._inspection(cls.dealer_1, date(2025, 5, 10), (90, 90, 90))

    def _review(self, date_from, dealer=None):
        return self.env["dealer.business.review"].create({
            "partner_id": (dealer or self.dealer_1).id, "date_from": date_from,
        })

    def test_inspection_and_findings_of_the_quarter(self):
        self.assertRecordValues(self._review(date(2025, 1, 1)), [{
            "inspection_id": self.february.id, "inspection_score": round(self.february.total_score, 1),
            "finding_open_count": 1, "finding_overdue_count": 1,
        }])
        self.assertEqual(self._review(date(2025, 4, 1)).inspection_id, self.may)
        self.assertRecordValues(self._review(date(2025, 1, 1), self.dealer_2), [{
            "inspection_id": False, "finding_open_count": 0,
        }])

    def test_frozen_and_protected(self):
        review = self._review(date(2025, 1, 1))
        review.action_hold()
        self.february.finding_ids.filtered(lambda f: f.state == "open").action_close()
        review._refresh_figures()
        self.assertEqual(review.finding_open_count, 1)
        with self.assertRaisesRegex(AccessError, "change only through its buttons"):
            review.with_user(self.dealer_user).write({"finding_open_count": 0})
        html = self.env["ir.actions.report"]._render_qweb_html(
            "dealer_business_review.action_report_dealer_business_review", review.ids)[0].decode()
        self.assertIn("Last service inspection", html)
