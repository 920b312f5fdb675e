from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_management.tools.period import period_bounds

from .common import Q2_FROM, Q2_TO, AssessmentCase


@tagged("post_install", "-at_install")
class TestKpiValues(AssessmentCase):
    """Each built-in KPI against a hand-computed example."""

    def test_net_sales_with_refund_and_no_sales(self):
        self.assertEqual(self._raw("net_sales"), {
            self.dealer_1.id: 13000.0, self.dealer_2.id: 6000.0, self.dealer_3.id: 0.0,
        })

    def test_net_sales_partial_period(self):
        """April and May only: the June refund of dealer 1 falls outside."""
        values = self._raw("net_sales", date_to=date(2025, 5, 31))
        self.assertEqual(values[self.dealer_1.id], 15000.0)
        self.assertEqual(values[self.dealer_2.id], 6000.0)

    def test_target_achievement(self):
        self.assertEqual(self._raw("target_achievement"), {
            self.dealer_1.id: 65.0, self.dealer_2.id: 150.0, self.dealer_3.id: 0.0,
        })

    def test_target_achievement_partial_period_has_no_target(self):
        """A quarterly target does not lie within April: no value (not applicable)."""
        self.assertEqual(self._raw("target_achievement", date_to=date(2025, 4, 30)), {})

    def test_sales_growth(self):
        """Dealer 1: 13,000 against 10,000 in 2024 Q2; dealers without sales last year have no value."""
        self.assertEqual(self._raw("sales_growth"), {self.dealer_1.id: 30.0})

    def test_sales_growth_partial_period(self):
        """April 2025 (10,000) against April 2024 (nothing): no value; May 2025 against May 2024: -50 %."""
        self.assertEqual(self._raw("sales_growth", date_to=date(2025, 4, 30)), {})
        values = self._raw("sales_growth", date_from=date(2025, 5, 1), date_to=date(2025, 5, 31))
        self.assertEqual(values, {self.dealer_1.id: -50.0})

    def test_payment_days_late(self):
        """Dealer 1 paid 10 days late, then on time: 5 days on average; the others paid nothing in Q2."""
        self.assertEqual(self._raw("payment_days_late"), {self.dealer_1.id: 5.0})

    def test_overdue_share(self):
        """Dealer 2 owes 9,000, of which 6,000 fell due before the end of Q2; dealer 1 owes nothing."""
        values = self._raw("overdue_share")
        self.assertEqual(values[self.dealer_1.id], 0.0)
        self.assertAlmostEqual(values[self.dealer_2.id], 66.67)
        self.assertEqual(values[self.dealer_3.id], 0.0)

    def test_overdue_share_of_a_running_period(self):
        """In the current quarter only what is overdue today counts: an invoice due today is not overdue yet,
        though it falls due before the quarter's end."""
        today = fields.Date.context_today(self.dealer_3)
        self._invoice("out_invoice", self.dealer_3, today, 1000.0)
        quarter = period_bounds(today, "quarter")
        self.assertEqual(self._raw("overdue_share", *quarter, dealers=self.dealer_3), {self.dealer_3.id: 0.0})

    def test_violation_points(self):
        Violation = self.env["dealer.violation"]
        for day, points, action in (
            ("2025-05-01", 3.0, "confirm"), ("2025-06-01", 2.0, "close"), ("2025-06-02", 5.0, None),
            ("2025-07-01", 7.0, "confirm"),
        ):
            violation = Violation.create({
                "partner_id": self.dealer_1.id, "violation_type": "price", "date": day, "points": points,
            })
            if action:
                violation.action_confirm()
            if action == "close":
                violation.action_close()
        self.assertEqual(self._raw("violation_points"), {
            self.dealer_1.id: 5.0, self.dealer_2.id: 0.0, self.dealer_3.id: 0.0,
        })


@tagged("post_install", "-at_install")
class TestKpiOperations(AssessmentCase):
    """KPIs from orders, deliveries and relations, in the current quarter (orders are confirmed today)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls._today_quarter()
        cls.product = cls.product_a
        cls.orders = cls.env["sale.order"]
        for dealer, qty in ((cls.dealer_1, 10), (cls.dealer_1, 10), (cls.dealer_2, 4)):
            order = cls.env["sale.order"].create({
                "partner_id": dealer.id,
                "order_line": [Command.create({
                    "product_id": cls.product.id, "product_uom_qty": qty, "price_unit": 10,
                })],
            })
            order.action_confirm()
            order.picking_ids.move_ids.write({"quantity": qty, "picked": True})
            order.picking_ids.button_validate()
            cls.orders |= order
        cls.category = cls.env["dealer.complaint.category"].create({"name": "Quality", "sla_hours": 24})

    def _return(self, picking, qty):
        wizard = self.env["stock.return.picking"].with_context(
            active_id=picking.id, active_model="stock.picking",
        ).create({})
        wizard.product_return_moves.quantity = qty
        returned = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        returned.move_ids.write({"quantity": qty, "picked": True})
        returned.button_validate()

    def test_return_rate(self):
        """Dealer 1 got 20 and returned 4: 20 %; dealer 2 returned nothing; dealer 3 got nothing: no value."""
        self._return(self.orders[0].picking_ids, 4)
        self.assertEqual(self._raw("return_rate", *self.period), {self.dealer_1.id: 20.0, self.dealer_2.id: 0.0})

    def test_complaint_rate_and_resolution(self):
        """Dealer 1: 1 complaint for 2 orders: 50 per 100 orders, resolved in 12 hours; dealer 3 has no order."""
        Complaint = self.env["dealer.complaint"]
        now = fields.Datetime.now()
        complaint = Complaint.create({
            "partner_id": self.dealer_1.id, "category_id": self.category.id, "description": "Leaks",
            "date_reported": now - timedelta(hours=12),
        })
        complaint.resolution = "<p>Replaced</p>"
        complaint.action_resolve()
        self.assertEqual(self._raw("complaint_rate", *self.period), {self.dealer_1.id: 50.0, self.dealer_2.id: 0.0})
        hours = self._raw("complaint_resolution_hours", *self.period)
        self.assertEqual(list(hours), [self.dealer_1.id])
        self.assertAlmostEqual(hours[self.dealer_1.id], 12.0, delta=0.1)

    def test_feedback_count(self):
        Feedback = self.env["dealer.feedback"]
        for name in ("Competitor price", "Demand"):
            Feedback.create({"name": name, "partner_id": self.dealer_2.id, "description": name})
        self.assertEqual(self._raw("feedback_count", *self.period), {
            self.dealer_1.id: 0, self.dealer_2.id: 2, self.dealer_3.id: 0,
        })

    def test_stock_report_timeliness(self):
        """Dealer 1 reported in one month of the current quarter (counted up to today)."""
        start, today = self.period
        months = (today.year - start.year) * 12 + today.month - start.month + 1
        report = self.env["dealer.stock.report"].create({
            "partner_id": self.dealer_1.id, "date": start,
            "line_ids": [Command.create({"product_id": self.product.id, "quantity": 3})],
        })
        report.action_submit()
        values = self._raw("stock_report_timeliness", *self.period)
        self.assertAlmostEqual(values[self.dealer_1.id], round(100.0 / months, 2))
        self.assertEqual(values[self.dealer_3.id], 0.0)


@tagged("post_install", "-at_install")
class TestKpiScoring(AssessmentCase):
    def test_linear_higher_is_better(self):
        kpi = self.kpi("target_achievement")  # 50 → 0 points, 100 → 100 points
        self.assertEqual([kpi._score(v) for v in (40.0, 50.0, 65.0, 100.0, 150.0)], [0.0, 0.0, 30.0, 100.0, 100.0])
        self.assertIsNone(kpi._score(None))

    def test_linear_lower_is_better(self):
        kpi = self.kpi("overdue_share")  # 0 → 100 points, 50 → 0 points
        self.assertEqual([kpi._score(v) for v in (0.0, 10.0, 66.67)], [100.0, 80.0, 0.0])

    def test_bands(self):
        kpi = self.kpi("violation_points")  # up to 0: 100, up to 3: 70, up to 6: 40, up to 10: 10, above: 0
        self.assertEqual([kpi._score(v) for v in (0.0, 2.0, 5.0, 10.0, 11.0)], [100.0, 70.0, 40.0, 10.0, 0.0])
        feedback = self.kpi("feedback_count")  # from 0: 0, from 1: 60, from 3: 80, from 5: 100
        self.assertEqual([feedback._score(v) for v in (0, 2, 7)], [0.0, 60.0, 100.0])

    def test_query_count_independent_of_dealer_count(self):
        """One pass per KPI: as many queries for three dealers as for one."""
        kpis = self.env["dealer.kpi"].search([])

        def count(dealers):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            kpis._compute_raw_values(dealers, Q2_FROM, Q2_TO, self.env.company)
            return self.cr.sql_log_count - before

        count(self.dealers)  # warm the caches of the registry (KPI records, excluded products)
        self.assertEqual(count(self.dealer_1), count(self.dealers))

    def test_every_kpi_names_its_method(self):
        """Each KPI record names the method computing it (its data record's compute_method): all are available."""
        kpis = self.env["dealer.kpi"].search([])
        self.assertTrue(kpis)
        for kpi in kpis:
            self.assertTrue(kpi.is_available, kpi.code)
            self.assertEqual(kpi._get_compute_method(), getattr(kpi, kpi.compute_method), kpi.code)
        self.assertEqual(self.kpi("net_sales").compute_method, "_kpi_net_sales")

    def test_new_kpi_needs_its_method(self):
        # assertRaises (not assertRaisesRegex) rolls the refused write back to its savepoint
        with self.assertRaises(ValidationError) as caught:
            self.env["dealer.kpi"].create({
                "name": "Made up", "code": "made_up", "compute_method": "_kpi_made_up", "threshold_high": 1.0,
            })
        self.assertIn("no method _kpi_made_up", str(caught.exception))
        self.assertFalse(self.env["dealer.kpi"].with_context(active_test=False).search([("code", "=", "made_up")]))

    def test_kpi_calls_only_kpi_methods(self):
        """A Dealer Manager cannot make a KPI call another method of the model (unlink, a helper, a builtin)."""
        kpi = self.kpi("net_sales").with_user(self.dealer_manager)
        for name in ("unlink", "_net_sales", "_get_compute_method", "__class__", "_kpi_net_sales.__call__", "_kpi_"):
            with self.assertRaises(ValidationError) as caught:
                kpi.compute_method = name
            self.assertIn(f"no method {name} on dealer.kpi", str(caught.exception))
            self.env.invalidate_all()
            self.assertEqual(kpi.compute_method, "_kpi_net_sales")
        with self.assertRaises(ValidationError):
            kpi.copy({"code": "copied", "compute_method": "_net_sales"})
        self.assertFalse(self.env["dealer.kpi"].search([("code", "=", "copied")]))

    def test_add_kpi_line_takes_the_weight_of_another_line(self):
        """How a link module adds its KPI to the standard template: with points taken from another line in one
        write (the weights still add up to 100); a template whose user changed it (no such line, or no more points
        on it than the new line takes) is left as it is."""
        template = self.template  # target achievement 50, sales growth 20, violation points 20, overdue share 10

        def weights():
            return {line.kpi_id.code: line.weight for line in template.line_ids}

        template._add_kpi_line(self.kpi("feedback_count").id, self.kpi("sales_growth").id, 5, 50)
        expected = {"target_achievement": 50.0, "sales_growth": 15.0, "violation_points": 20.0, "overdue_share": 10.0,
                    "feedback_count": 5.0}
        self.assertEqual(weights(), expected)
        template._add_kpi_line(self.kpi("return_rate").id, self.kpi("overdue_share").id, 10, 60)
        template._add_kpi_line(self.kpi("return_rate").id, self.kpi("net_sales").id, 5, 60)
        template._add_kpi_line(self.kpi("feedback_count").id, self.kpi("target_achievement").id, 5, 50)
        self.assertEqual(weights(), expected)

    def test_linear_thresholds_validated(self):
        with self.assertRaisesRegex(ValidationError, "high threshold must be above"):
            self.kpi("net_sales").threshold_high = -1.0


@tagged("post_install", "-at_install")
class TestKpiCompaniesCurrencies(AssessmentCase):
    """Figures are in the assessed company's currency and count that company's documents only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_currency = cls.setup_other_currency("EUR")  # 2 EUR for 1 unit of company currency in 2025
        cls.company_2 = cls.setup_other_company()["company"]
        cls.init_invoice("out_invoice", partner=cls.dealer_1, invoice_date="2025-05-02", amounts=[1000.0],
                         taxes=[], currency=cls.other_currency, post=True)
        cls.init_invoice("out_invoice", partner=cls.dealer_1, invoice_date="2025-05-03", amounts=[7000.0],
                         taxes=[], company=cls.company_2, post=True)

    def test_net_sales_converted_and_per_company(self):
        net_sales = self.kpi("net_sales")._kpi_net_sales
        self.assertEqual(net_sales(self.dealer_1, Q2_FROM, Q2_TO, self.env.company), {self.dealer_1.id: 13500.0})
        self.assertEqual(net_sales(self.dealer_1, Q2_FROM, Q2_TO, self.company_2), {self.dealer_1.id: 7000.0})

    def test_assessment_of_other_company_ignores_this_company(self):
        """Dealer 1 in company 2: 7,000 of sales but no target there: achievement not applicable."""
        values = self.kpi("target_achievement")._kpi_target_achievement(
            self.dealers, Q2_FROM, Q2_TO, self.company_2)
        self.assertEqual(values, {})
