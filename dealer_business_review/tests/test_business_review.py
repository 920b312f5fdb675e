from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import Q1, BusinessReviewCase


@tagged("post_install", "-at_install")
class TestBusinessReview(BusinessReviewCase):

    def test_figures_of_the_quarter(self):
        review = self._review()
        self.assertTrue(review.name.startswith("BR/"))
        self.assertEqual(review.date_to, date(2025, 3, 31))
        self.assertEqual(review.quarter, "2025 Q1")
        self.assertEqual(review.user_id, self.salesman)
        self.assertRecordValues(review, [{
            "sales_amount": 80000.0, "target_amount": 100000.0, "achievement_percent": 80.0,
            "sales_previous_amount": 30000.0, "receivable_amount": 110000.0, "overdue_amount": 110000.0,
            "credit_limit": 500000.0, "credit_available": 390000.0, "stock_report_id": self.stock_report.id,
            "stock_date": date(2025, 3, 28), "stock_quantity": 15.0, "stock_product_count": 2,
            "complaint_count": 2, "complaint_open_count": 1,
        }])
        self.assertLessEqual(review.overdue_since, date(2024, 12, 31))
        self.assertTrue(review.figures_date)

    def test_figures_of_a_dealer_without_business(self):
        review = self._review(dealer=self.other_dealer)
        self.assertRecordValues(review, [{
            "sales_amount": 0.0, "target_amount": 0.0, "achievement_percent": 0.0, "receivable_amount": 0.0,
            "overdue_amount": 0.0, "overdue_since": False, "stock_report_id": False, "complaint_count": 0,
        }])

    def test_prepared_review_refreshes_its_figures(self):
        review = self._review()
        self._post_invoice(date(2025, 3, 3), 5000.0)
        review.action_refresh_figures()
        self.assertEqual(review.sales_amount, 85000.0)
        self.assertEqual(review.achievement_percent, 85.0)

    def test_figures_frozen_when_held(self):
        review = self._held_review()
        self.assertEqual(review.state, "held")
        self.assertEqual(review.date, date.today())
        self._post_invoice(date(2025, 3, 3), 5000.0)
        with self.assertRefused(UserError, "frozen"):
            review.action_refresh_figures()
        review._refresh_figures()  # the review's own code leaves a held review's figures as they are
        review.invalidate_recordset()
        self.assertEqual(review.sales_amount, 80000.0)
        self.assertEqual(review.receivable_amount, 110000.0)

    def test_quarter_starts_on_its_first_day(self):
        with self.assertRefused(ValidationError, "calendar quarter"):
            self._review(date_from=date(2025, 2, 3))
        self.assertFalse(self.Review.search([("partner_id", "=", self.dealer.id)]))

    def test_one_review_per_dealer_and_quarter(self):
        first = self._review()
        with self.assertRefused(ValidationError, "already has business review"):
            self._review()
        self.assertEqual(self.Review.search([("partner_id", "=", self.dealer.id)]), first)
        first.with_user(self.dealer_manager).action_cancel()
        second = self._review()
        self.assertEqual(second.state, "draft")
        # the cancelled one cannot come back while the new one exists
        with self.assertRefused(ValidationError, "already has business review"):
            first.with_user(self.dealer_manager).action_draft()
        self.assertEqual(first.state, "cancel")

    def test_dealer_and_quarter_fixed_once_held(self):
        review = self._held_review()
        with self.assertRefused(UserError, "dealer and quarter are fixed"):
            review.write({"date_from": date(2025, 4, 1)})
        self.assertEqual(review.date_from, Q1)

    def test_close_needs_minutes_and_no_open_action(self):
        review = self._review()
        with self.assertRefused(UserError, "cannot be closed: it is Prepared"):
            review.action_close()
        review.action_hold()
        with self.assertRefused(UserError, "Write the minutes"):
            review.action_close()
        review.minutes = "<p>Agreed</p>"
        review.action_ids = [(0, 0, {"name": "Display the new range", "date_deadline": date(2025, 5, 1)})]
        with self.assertRefused(UserError, "still has 1 open action"):
            review.action_close()
        self.assertEqual(review.state, "held")
        review.action_ids.action_done()
        review.action_close()
        self.assertEqual(review.state, "done")

    def test_prepare_wizard_by_grade(self):
        wizard = self.env["dealer.business.review.prepare.wizard"].with_user(self.dealer_manager).create({
            "date": date(2025, 2, 15), "grade_ids": [(6, 0, self.grade_core.ids)],
        })
        action = wizard.action_prepare()
        reviews = self.Review.search(action["domain"])
        self.assertEqual(reviews.partner_id, self.dealer)
        self.assertEqual(reviews.date_from, Q1)
        self.assertEqual(reviews.sales_amount, 80000.0)
        # again: nothing new
        wizard.action_prepare()
        self.assertEqual(self.Review.search(action["domain"]), reviews)

    def test_cron_prepares_the_quarter_just_ended(self):
        (self.dealer | self.other_dealer).sudo().dealer_since = date(2024, 6, 1)  # sudo: set by the activation
        with freeze_time("2028-01-10"):
            self.Review._cron_prepare_reviews()
            reviews = self.Review.search([("partner_id", "in", (self.dealer | self.other_dealer).ids)])
            self.assertEqual(reviews.partner_id, self.dealer | self.other_dealer)
            self.assertEqual(set(reviews.mapped("date_from")), {date(2027, 10, 1)})
            # a cancelled review is not prepared again
            reviews.filtered(lambda r: r.partner_id == self.other_dealer).action_cancel()
            self.Review._cron_prepare_reviews()
            self.assertEqual(self.Review.search([("partner_id", "in", (self.dealer | self.other_dealer).ids)]),
                             reviews)
        # dealers since after the quarter's end get no review of it
        self.other_dealer.sudo().dealer_since = date(2024, 3, 1)
        with freeze_time("2024-04-10"):
            self.Review._cron_prepare_reviews()
        self.assertEqual(self.Review.search([("date_from", "=", date(2024, 1, 1))]).partner_id, self.other_dealer)

    def test_partner_smart_button(self):
        self._review()
        self.dealer.invalidate_recordset(["dealer_business_review_count"])
        self.assertEqual(self.dealer.dealer_business_review_count, 1)
        action = self.dealer.action_view_dealer_business_reviews()
        self.assertEqual(self.Review.search(action["domain"]).partner_id, self.dealer)
