from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DealerTestCommon

IMPORT_OPTIONS = {
    "import_skip_records": [], "import_set_empty_fields": [], "fallback_values": {},
    "name_create_enabled_fields": {}, "encoding": "utf-8", "separator": ",", "quoting": '"',
    "date_format": "%Y-%m-%d", "datetime_format": "", "float_thousand_separator": ",",
    "float_decimal_separator": ".", "advanced": True, "has_headers": True, "keep_matches": False,
    "limit": 2000, "skip": 0, "tracking_disable": True,
}


@tagged("post_install", "-at_install")
class TestDealerStockReport(DealerTestCommon):

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.dealer_manager
        cls.today = fields.Date.today()
        cls.dealer = cls._create_dealer(
            "Ningbo Channel", state="active", grade=cls.grade_unchecked, user_id=cls.salesman.id,
        )
        cls.shop = cls.env["res.partner"].create({
            "name": "Ningbo shop", "parent_id": cls.dealer.id, "type": "delivery",
        })
        cls.customer = cls.env["res.partner"].create({"name": "Someone Else"})
        Product = cls.env["product.product"]
        cls.p1, cls.p2, cls.p3 = (
            Product.create({"name": name, "default_code": code, "type": "consu", "is_storable": True})
            for name, code in (("Pump", "CSR-P1"), ("Valve", "CSR-P2"), ("Hose", "CSR-P3"))
        )
        warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        for product in (cls.p1, cls.p2, cls.p3):
            cls.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 1000.0)
        # Pump: 60 delivered 120 days ago + 45 now (to the dealer's shop), 5 of them returned → 100, 40 recently
        old = cls._deliver(cls.dealer, [(cls.p1, 60.0)])
        old.move_ids.date = fields.Datetime.now() - timedelta(days=120)
        recent = cls._deliver(cls.dealer, [(cls.p1, 45.0), (cls.p2, 20.0), (cls.p3, 10.0)], shipping=cls.shop)
        cls._return(recent, cls.p1, 5.0)
        cls._deliver(cls.customer, [(cls.p1, 7.0)])  # another customer: not the dealer's
        cls.report = cls._report(cls.today, [(cls.p1, 20.0, "L1"), (cls.p1, 10.0, "L2"), (cls.p2, 1.0, ""),
                                             (cls.p3, 50.0, "")])
        cls.report.with_user(cls.manager).action_validate()

    @classmethod
    def _deliver(cls, partner, quantities, shipping=None):
        order = cls.env["sale.order"].create({
            "partner_id": partner.id, "partner_shipping_id": (shipping or partner).id,
            "order_line": [Command.create({"product_id": p.id, "product_uom_qty": qty}) for p, qty in quantities],
        })
        order.action_confirm()
        picking = order.picking_ids
        cls._validate(picking)
        return picking

    @classmethod
    def _validate(cls, picking):
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        assert picking.state == "done", picking.state

    @classmethod
    def _return(cls, picking, product, quantity):
        wizard = cls.env["stock.return.picking"].with_context(
            active_id=picking.id, active_ids=picking.ids, active_model="stock.picking",
        ).create({})
        for line in wizard.product_return_moves:
            line.quantity = quantity if line.product_id == product else 0.0
        returned = cls.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        cls._validate(returned)
        return returned

    @classmethod
    def _report(cls, day, lines, partner=None):
        return cls.env["dealer.stock.report"].create({
            "partner_id": (partner or cls.dealer).id, "date": day,
            "line_ids": [
                Command.create({"product_id": p.id, "quantity": qty, "lot_name": lot}) for p, qty, lot in lines
            ],
        })

    def _analysis(self, product):
        return self.env["dealer.stock.analysis"].search([
            ("partner_id", "=", self.dealer.id), ("product_id", "=", product.id),
        ])

    def _alert_activities(self):
        return self.env["mail.activity"].search([
            ("res_model", "=", "dealer.stock.report"), ("res_id", "=", self.report.id),
        ])

    # ------------------------------------------------------------------ figures
    def test_figures(self):
        """Delivered 100 (returns deducted, other customers ignored), reported 30: 70 sold through, 70%."""
        row = self._analysis(self.p1)
        self.assertEqual(len(row), 1)
        self.assertEqual(row.report_id, self.report)
        self.assertAlmostEqual(row.delivered_qty, 100.0)
        self.assertAlmostEqual(row.reported_qty, 30.0)
        self.assertAlmostEqual(row.sell_through_qty, 70.0)
        self.assertAlmostEqual(row.sell_through_percent, 70.0)
        # last 90 days: 45 - 5 = 40 delivered → 30 / (40 / 90) = 67.5 days of cover
        self.assertAlmostEqual(row.delivered_90d, 40.0)
        self.assertAlmostEqual(row.days_of_cover, 67.5)
        self.assertEqual(row.alert, "ok")

    def test_alert_kinds(self):
        """Valve covers 4.5 days (stock-out risk), Hose 450 days (overstock, sell-through floored at 0)."""
        valve, hose = self._analysis(self.p2), self._analysis(self.p3)
        self.assertAlmostEqual(valve.days_of_cover, 4.5)
        self.assertEqual(valve.alert, "stockout_risk")
        self.assertAlmostEqual(hose.days_of_cover, 450.0)
        self.assertEqual((hose.sell_through_qty, hose.sell_through_percent), (0.0, 0.0))
        self.assertEqual(hose.alert, "overstock")
        Analysis = self.env["dealer.stock.analysis"]
        self.assertEqual(Analysis.search([("partner_id", "=", self.dealer.id), ("alert", "=", "overstock")]), hose)
        self.assertEqual(Analysis.search([("partner_id", "=", self.dealer.id), ("alert", "=", "stockout_risk")]), valve)

    def test_thresholds_from_settings(self):
        """The overstock threshold is read from the dealer settings."""
        self.env["ir.config_parameter"].sudo().set_param("dealer_management.stock_cover_high_days", "60")
        overstock = self.env["dealer.stock.analysis"].search([
            ("partner_id", "=", self.dealer.id), ("alert", "=", "overstock"),
        ])
        self.assertEqual(overstock.product_id, self.p1 | self.p3)

    def test_latest_validated_report_only(self):
        """The analysis reads each dealer's latest validated report; drafts and older reports are left out."""
        older = self._report(self.today - timedelta(days=10), [(self.p1, 99.0, "")])
        older.with_user(self.manager).action_validate()
        self._report(self.today + timedelta(days=1), [(self.p1, 1.0, "")])  # draft
        rows = self.env["dealer.stock.analysis"].search([("partner_id", "=", self.dealer.id)])
        self.assertEqual(rows.report_id, self.report)
        self.assertEqual(len(rows), 3)

    def test_report_line_figures(self):
        """The report lines show the figures of their product."""
        line = self.report.line_ids.filtered(lambda line: line.product_id == self.p1)[0]
        self.assertAlmostEqual(line.delivered_qty, 100.0)
        self.assertAlmostEqual(line.days_of_cover, 67.5)

    # ------------------------------------------------------------------ constraints
    def test_negative_quantity_refused(self):
        """A negative stock quantity is refused."""
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._report(self.today - timedelta(days=1), [(self.p1, -1.0, "")])

    def test_duplicate_date_refused(self):
        """One report per dealer and date, cancelled reports aside."""
        with self.assertRaisesRegex(ValidationError, f"already has stock report {self.report.name}"):
            self._report(self.today, [(self.p1, 5.0, "")])
        other_day = self._report(self.today - timedelta(days=3), [(self.p1, 5.0, "")])
        other_day.action_cancel()
        self._report(self.today - timedelta(days=3), [(self.p1, 6.0, "")])

    # ------------------------------------------------------------------ alerts
    def test_alerts_once(self):
        """Overstock and stock-out risk get one to-do each for the salesperson; reruns add none."""
        self.report.with_user(self.manager).action_check_stock_alerts()
        activities = self._alert_activities()
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.salesman)
        summaries = " | ".join(activities.mapped("summary"))
        self.assertIn("Overstock of Hose", summaries.replace("[CSR-P3] ", ""))
        self.assertIn("Stock-out risk of Valve", summaries.replace("[CSR-P2] ", ""))
        self.assertIn("4.5 days of cover", " ".join(str(note) for note in activities.mapped("note")))
        self.report.with_user(self.manager).action_check_stock_alerts()
        self.env["dealer.stock.report"]._cron_stock_alerts()
        self.assertEqual(len(self._alert_activities()), 2)

    def test_cron_alerts(self):
        """The daily job raises the alerts of the latest validated reports."""
        self.env["dealer.stock.report"]._cron_stock_alerts()
        self.assertEqual(len(self._alert_activities()), 2)
        self.assertEqual(
            set(self.report.line_ids.mapped("alert_sent")), {False, "overstock", "stockout_risk"},
        )

    # ------------------------------------------------------------------ import
    def _import(self, model, csv):
        wizard = self.env["base_import.import"].with_user(self.manager).create({
            "res_model": model, "file": csv.encode(), "file_type": "text/csv", "file_name": "stock.csv",
        })
        header = csv.splitlines()[0].split(",")
        return wizard.execute_import(header, header, IMPORT_OPTIONS)

    def test_import_lines_csv(self):
        """Lines import from CSV into a report, the product found by its internal reference."""
        report = self._report(self.today - timedelta(days=7), [])
        csv = (
            "report_id,product_id,quantity,lot_name\n"
            f"{report.name},CSR-P1,12,LOT-9\n"
            f"{report.name},Valve,3.5,\n"
        )
        result = self._import("dealer.stock.report.line", csv)
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(
            sorted((line.product_id, line.quantity, line.lot_name or "") for line in report.line_ids),
            sorted([(self.p1, 12.0, "LOT-9"), (self.p2, 3.5, "")]),
        )

    def test_import_reports_with_lines_csv(self):
        """A report with its lines imports from CSV."""
        day = self.today - timedelta(days=14)
        csv = (
            "partner_id,date,line_ids/product_id,line_ids/quantity\n"
            f"Ningbo Channel,{day.isoformat()},CSR-P1,5\n"
            ",,CSR-P3,7\n"
        )
        result = self._import("dealer.stock.report", csv)
        self.assertFalse(result["messages"], result["messages"])
        report = self.env["dealer.stock.report"].browse(result["ids"])
        self.assertEqual((report.partner_id, report.date, report.state), (self.dealer, day, "draft"))
        self.assertEqual(sorted(report.line_ids.mapped("quantity")), [5.0, 7.0])
        self.assertEqual(report.line_ids.product_id, self.p1 | self.p3)
