from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestForecast(SelloutTestCommon):
    """Order forecasts: submission (all lines or none), forecast vs orders, accuracy, total demand.

    Submitted a month ago, the forecast months are this month and the next two. This month dealer F forecasts
    10 of P and 5 of Q and orders 8 of P and nothing of Q: P's error |8 − 10| ÷ 8 = 25 %, Q's 100 % (nothing
    ordered against a forecast): MAPE 62.5 %, accuracy 37.5 %. Dealer G forecasts 4 of P: total demand for P 14.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Forecast = cls.env["dealer.sellout.forecast"]
        cls.dealer_f = cls._create_dealer("Forecast Dealer F", state="active", grade=cls.grade_unchecked)
        cls.dealer_g = cls._create_dealer("Forecast Dealer G", state="active", grade=cls.grade_unchecked)
        cls.product_p = cls.product_free
        cls.product_q = cls._create_product(name="Product Q", lst_price=10.0, taxes_id=[Command.clear()])
        cls.month_0 = cls.today.replace(day=1)
        cls.a_month_ago = cls.today - relativedelta(months=1)
        cls.Forecast._dealer_forecast_submit(cls.dealer_f, [
            {"product_id": cls.product_p.id, "month": cls.month_0, "quantity": 10},
            {"product_id": cls.product_q.id, "month": cls.month_0, "quantity": 5},
        ], day=cls.a_month_ago)
        cls.Forecast._dealer_forecast_submit(cls.dealer_g, [
            {"product_id": cls.product_p.id, "month": cls.month_0, "quantity": 4},
        ], day=cls.a_month_ago)
        order = cls.env["sale.order"].create({
            "partner_id": cls.dealer_f.id,
            "order_line": [Command.create({"product_id": cls.product_p.id, "product_uom_qty": 8})],
        })
        order.action_confirm()

    def test_submit_creates_submitted_forecasts(self):
        months = self.Forecast._dealer_forecast_months()
        forecasts = self.Forecast._dealer_forecast_submit(self.dealer_f, [
            {"product_id": self.product_p.id, "month": month, "quantity": 3} for month in months
        ])
        self.assertEqual(len(forecasts), 3)
        self.assertEqual(set(forecasts.mapped("state")), {"submitted"})
        self.assertTrue(all(forecasts.mapped("submitted_date")))

    def test_resubmission_replaces_quantity(self):
        month = self.Forecast._dealer_forecast_months()[0]
        first = self.Forecast._dealer_forecast_submit(
            self.dealer_f, [{"product_id": self.product_p.id, "month": month, "quantity": 3}])
        again = self.Forecast._dealer_forecast_submit(
            self.dealer_f, [{"product_id": self.product_p.id, "month": month.replace(day=15), "quantity": 7}])
        self.assertEqual(first, again)
        self.assertEqual(again.quantity, 7)

    def test_wrong_lines_refused_nothing_written(self):
        count = self.Forecast.search_count([])
        with self.assertRefused(UserError, r"Nothing was submitted(.|\n)*Line 1: the month must be one of the next "
                                           r"three months(.|\n)*Line 2: the quantity must be a number"):
            self.Forecast._dealer_forecast_submit(self.dealer_f, [
                {"product_id": self.product_p.id, "month": self.month_0 + relativedelta(months=6), "quantity": 1},
                {"product_id": self.product_q.id, "month": self.month_0 + relativedelta(months=1), "quantity": -2},
            ])
        self.assertEqual(self.Forecast.search_count([]), count)

    def test_inactive_dealer_refused(self):
        prospect = self._create_dealer("Forecast Prospect")
        with self.assertRefused(UserError, "Only an active dealer"):
            self.Forecast._dealer_forecast_submit(prospect, [])

    def test_forecast_vs_orders(self):
        row = self.env["dealer.sellout.forecast.analysis"].search([
            ("dealer_id", "=", self.dealer_f.id), ("product_id", "=", self.product_p.id), ("month", "=", self.month_0),
        ])
        self.assertEqual((row.forecast_qty, row.ordered_qty, row.abs_error_qty), (10, 8, 2))
        self.assertEqual(row.accuracy, 75.0)

    def test_accuracy(self):
        accuracy = self.env["dealer.sellout.forecast.analysis"]._dealer_forecast_accuracy(
            self.dealer_f | self.dealer_g | self.dealer_a, self.month_0,
            self.month_0 + relativedelta(months=1, days=-1))
        self.assertEqual(accuracy[self.dealer_f.id], 37.5)
        self.assertEqual(accuracy[self.dealer_g.id], 0.0, "4 forecast, nothing ordered: 100 % error")
        self.assertNotIn(self.dealer_a.id, accuracy, "no forecast, no value")

    def test_total_demand(self):
        groups = self.env["dealer.sellout.forecast.analysis"]._read_group(
            [("month", "=", self.month_0)], ["product_id"], ["forecast_qty:sum"])
        self.assertEqual(dict(groups)[self.product_p], 14)

    def test_dealer_user_cannot_change_submitted(self):
        forecast = self.Forecast.search([("dealer_id", "=", self.dealer_g.id)])
        with self.assertRefused(AccessError, "submitted forecast is changed by submitting it again"):
            forecast.with_user(self.dealer_user).write({"quantity": 400})
        self.assertEqual(forecast.quantity, 4)

    def test_default_state_refused(self):
        count = self.Forecast.search_count([])
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.Forecast.with_user(self.dealer_user).with_context(default_state="submitted").create({
                "dealer_id": self.dealer_g.id, "product_id": self.product_q.id,
                "month": self.month_0 + relativedelta(months=1), "quantity": 1,
            })
        self.assertEqual(self.Forecast.search_count([]), count)
