from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestSelloutImport(SelloutTestCommon):
    """Batches: Odoo's importer (`load`) and `_dealer_sellout_create_checked` create all rows or none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lots = cls._stock_serials(["VIN-I-001", "VIN-I-002", "VIN-I-003"])
        cls.fields = ["dealer_id", "product_id", "lot_name", "quantity", "price_unit", "customer_name", "date"]

    def _row(self, lot_name, quantity="1", price="120000", dealer=None):
        return [(dealer or self.dealer_a).name, "Vehicle X1", lot_name, quantity, price, "Li Lei", "2026-11-02"]

    def test_load_good_file(self):
        result = self.Sellout.with_context(import_file=True).load(self.fields, [
            self._row("VIN-I-001"), self._row("VIN-I-002"),
        ])
        self.assertFalse([m for m in result["messages"] if m["type"] == "error"])
        sellouts = self.Sellout.browse(result["ids"])
        self.assertEqual(len(sellouts), 2)
        self.assertEqual(set(sellouts.mapped("source")), {"import"})
        self.assertEqual(sellouts.lot_id, self.lots[:2])

    def test_load_one_bad_row_creates_nothing(self):
        count = self.Sellout.search_count([])
        result = self.Sellout.with_context(import_file=True).load(self.fields, [
            self._row("VIN-I-001"), self._row("VIN-I-002", quantity="2"), self._row("VIN-I-003"),
        ])
        self.assertFalse(result["ids"])
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors)
        # the error names the second row (rows counted from 0 in the importer's messages) and the rule
        row_errors = [m for m in errors if m.get("record") == 1]
        self.assertEqual(len(row_errors), 1, errors)
        self.assertIn("one line per serial, with quantity 1", row_errors[0]["message"])
        self.assertEqual(self.Sellout.search_count([]), count)

    def _vals(self, lot_name, **vals):
        return {"dealer_id": self.dealer_a.id, "product_id": self.vehicle.id, "lot_name": lot_name,
                "quantity": 1, "price_unit": 120000.0, **vals}

    def test_checked_batch_created(self):
        sellouts = self.Sellout._dealer_sellout_create_checked([self._vals("VIN-I-001"), self._vals("VIN-I-002")])
        self.assertEqual(len(sellouts), 2)
        self.assertEqual(sellouts.lot_id, self.lots[:2])
        self.assertEqual(set(sellouts.mapped("source")), {"import"})
        self.assertEqual(set(sellouts.mapped("state")), {"draft"})

    def test_checked_batch_one_bad_row_lists_rows(self):
        count = self.Sellout.search_count([])
        with self.assertRefused(UserError, r"Nothing was recorded(.|\n)*Row 2: The net retail price must be "
                                           r"positive(.|\n)*Row 3: Serial VIN-I-001 is already sold on row 1"):
            self.Sellout._dealer_sellout_create_checked([
                self._vals("VIN-I-001"), self._vals("VIN-I-002", price_unit=-5), self._vals("VIN-I-001"),
            ])
        self.assertEqual(self.Sellout.search_count([]), count)

    def test_checked_batch_row_offset(self):
        with self.assertRefused(UserError, "Row 3: Product Vehicle X1 is tracked by serial number"):
            self.Sellout._dealer_sellout_create_checked([self._vals(False)], source="portal", row_offset=2)

    def test_checked_batch_cannot_set_state(self):
        count = self.Sellout.search_count([])
        with self.assertRefused(AccessError, "recorded in draft"):
            self.Sellout._dealer_sellout_create_checked([self._vals("VIN-I-001", state="confirmed")])
        with self.assertRefused(AccessError, "recorded in draft"):
            self.Sellout.with_context(default_state="confirmed")._dealer_sellout_create_checked(
                [self._vals("VIN-I-001")])
        self.assertEqual(self.Sellout.search_count([]), count)
