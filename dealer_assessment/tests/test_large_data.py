"""The large-data generator at a tiny size: rows the ORM reads back unchanged, and KPI values equal to the SQL's."""
import sys
from pathlib import Path

from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon

# the generator and the hand-written KPI SQL are the repository's benchmark tools (bench/lib), not the addon's
BENCH_LIB = str(Path(__file__).resolve().parents[2] / "bench" / "lib")
if BENCH_LIB not in sys.path:
    sys.path.append(BENCH_LIB)

from dealer_bench.kpi_sql import SQL_KPI_CODES, compare, kpi_values_sql, scorecard_values  # noqa: E402
from dealer_bench.large_data import LargeDataGenerator, last_complete_quarter  # noqa: E402


@tagged("post_install", "-at_install")
class TestLargeData(DealerTestCommon):
    """5 dealers, 15 months, 600 order lines generated inside the test transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.generator = LargeDataGenerator(cls.env, dealers=5, months=15, lines=600, seed=3)
        cls.counts = cls.generator.run()
        cls.date_from, cls.date_to = last_complete_quarter(cls.generator.end)

    def _orders(self):
        return self.env["sale.order"].search([("partner_id", "in", self.generator.dealers.ids)])

    def test_sizes(self):
        counts = self.counts
        self.assertEqual(counts["res_partner"], 5)
        self.assertEqual(counts["sale_order"], 120)
        self.assertEqual(counts["sale_order_line"], 600)
        self.assertEqual(counts["dealer_contract_target"], 5 * 15)
        # a delivery per order, plus a return per credit note
        refunds = self.env["account.move"].search_count([
            ("partner_id", "in", self.generator.dealers.ids), ("move_type", "=", "out_refund"),
        ])
        self.assertGreater(refunds, 0)
        self.assertEqual(counts["stock_picking"], 120 + refunds)
        self.assertEqual(counts["stock_move"], 600 + refunds)
        for table in ("account_partial_reconcile", "dealer_violation", "dealer_complaint", "dealer_feedback",
                      "dealer_stock_report"):
            self.assertGreater(counts[table], 0, table)

    def test_generated_rows_match_orm_computations(self):
        """Stored figures equal what the ORM computes from the generated rows."""
        orders = self._orders()
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        invoices = orders.invoice_ids.filtered(lambda move: move.move_type == "out_invoice")
        refunds = orders.invoice_ids - invoices
        self.assertEqual(len(invoices), 120)
        self.assertEqual(refunds.reversed_entry_id, invoices.reversal_move_ids.reversed_entry_id)
        self.assertEqual(set(refunds.mapped("move_type")), {"out_refund"})
        moves = invoices | refunds | invoices.line_ids.matched_credit_ids.credit_move_id.move_id
        self.env.cr.execute(
            "SELECT COUNT(*) FROM (SELECT move_id FROM account_move_line WHERE move_id = ANY(%s) "
            "GROUP BY move_id HAVING SUM(balance) != 0 OR SUM(debit) != SUM(credit)) unbalanced", [moves.ids],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0, "every journal entry is balanced")
        fields_by_model = {
            invoices | refunds: ["amount_untaxed", "amount_total", "amount_residual", "payment_state"],
            orders.order_line: ["price_subtotal", "qty_delivered", "qty_invoiced"],
            orders.picking_ids.move_ids: ["product_qty"],
        }
        for records, fnames in fields_by_model.items():
            stored = {fname: records.mapped(fname) for fname in fnames}
            self.env.invalidate_all()
            for fname in fnames:
                self.env.add_to_compute(records._fields[fname], records)
            records._recompute_recordset(fnames)
            for fname in fnames:
                self.assertEqual(records.mapped(fname), stored[fname], f"{records._name}.{fname}")
        states = set(invoices.mapped("payment_state"))
        self.assertEqual(states, {"paid", "not_paid"})
        self.assertTrue(all(move.state == "done" and move.quantity for move in orders.picking_ids.move_ids))
        returns = orders.picking_ids.filtered("return_id")
        self.assertTrue(returns)
        self.assertEqual(returns.picking_type_id, self.generator.in_type)

    def test_assessment_raw_values_equal_the_sql(self):
        template = self.env["dealer.assessment.template"].create({
            "name": "Large data template", "company_id": self.env.company.id,
            # 11 KPIs: nine weigh 10, two weigh 5
            "line_ids": [
                Command.create({"kpi_id": kpi.id, "weight": 10.0 if index < 9 else 5.0, "sequence": index})
                for index, kpi in enumerate(self.env["dealer.kpi"].search([("code", "in", SQL_KPI_CODES)]))
            ],
        })
        assessment = self.env["dealer.assessment"].create({
            "period_type": "quarter", "date": self.date_from, "scope": "territory",
            "territory_id": self.generator.region.id, "template_id": template.id,
        })
        assessment.action_compute()
        dealers = self.generator.dealers
        self.assertEqual(assessment.scorecard_ids.partner_id, dealers)
        sql_values = kpi_values_sql(self.env, dealers, self.date_from, self.date_to, self.env.company)
        self.assertEqual(compare(scorecard_values(assessment), sql_values, dealers.ids), [])
        # the data set gives every KPI a value for some dealer, growth included (15 months of history)
        for code in SQL_KPI_CODES:
            self.assertTrue(sql_values[code], code)
        self.assertTrue(any(sql_values["net_sales"].values()))
