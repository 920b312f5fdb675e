from odoo.tests import tagged

from .common import SelloutTestCommon

# differ between two creations of the same rows by their nature
UNCOMPARED = ("id", "name", "create_date", "write_date")


@tagged("post_install", "-at_install")
class TestSelloutInsert(SelloutTestCommon):
    """The set-based insert of a checked batch stores what the ORM's create stores, field for field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lots = cls._stock_serials(["VIN-S-001", "VIN-S-002"])
        cls.state_zj = cls.env.ref("base.state_cn_ZJ")

    def _rows(self):
        return [
            # a serial matched by name, every customer field, a price with more decimals than the currency
            {"dealer_id": self.dealer_a.id, "product_id": self.vehicle.id, "lot_name": " VIN-S-001 ", "quantity": 1,
             "price_unit": 120000.456, "customer_name": "李雷", "customer_phone": "13800000000",
             "customer_state_id": self.state_zj.id, "customer_city": "杭州市", "customer_street": "西湖路 1 号",
             "date": "2026-10-15"},
            # a serial named by the row itself, the date left to its default
            {"dealer_id": self.dealer_a.id, "product_id": self.vehicle.id, "lot_id": self.lots[1].id,
             "lot_name": "VIN-S-002", "quantity": 1, "price_unit": 99999.99},
            # a serial no serial of the company matches
            {"dealer_id": self.dealer_b.id, "product_id": self.vehicle.id, "lot_name": "VIN-S-UNKNOWN",
             "quantity": 1, "price_unit": 130000.0, "customer_name": False},
            # goods without serial: a quantity and a price to round (3 × 33.33)
            {"dealer_id": self.sub_dealer_a1.id, "product_id": self.accessory.id, "quantity": 3,
             "price_unit": 33.333, "customer_name": "韩梅梅", "date": "2026-11-02"},
        ]

    def _stored(self, records):
        """Every stored column of the records, read back from the database."""
        records.env.flush_all()
        records.env.invalidate_all()
        names = [name for name, field in records._fields.items()
                 if field.store and field.column_type and name not in UNCOMPARED]
        return names, [{name: record[name] for name in names} for record in records]

    def test_insert_stores_what_create_stores(self):
        reference = self.Sellout._dealer_sellout_create_orm(self._rows(), source="portal")
        inserted = self.Sellout._dealer_sellout_create_checked(self._rows(), source="portal")
        names, expected = self._stored(reference)
        self.assertIn("amount", names)
        self.assertIn("create_uid", names)
        self.assertEqual(self._stored(inserted)[1], expected)
        self.assertEqual(inserted.mapped("amount"), [120000.46, 99999.99, 130000.0, 99.99])
        self.assertEqual(inserted.lot_id, self.lots)
        self.assertEqual(set(inserted.mapped("source")), {"portal"})
        self.assertEqual(set(inserted.mapped("state")), {"draft"})
        # numbered from the sequence, each its own number
        self.assertEqual(len(set((reference | inserted).mapped("name"))), 8)
        self.assertNotIn("/", inserted.mapped("name"))

    def test_inserted_lines_confirm_as_created_ones(self):
        """The inserted lines behave as created ones afterwards: confirmed, their serial is linked to them."""
        inserted = self.Sellout._dealer_sellout_create_checked(self._rows()[:2])
        self._deliver(self.dealer_a, self.lots)
        inserted.action_confirm()
        self.assertEqual(inserted.mapped("serial_status"), ["ok", "ok"])
        self.env.invalidate_all()
        self.assertEqual(self.lots.mapped("dealer_sellout_id"), inserted)

    def test_row_with_a_field_the_insert_does_not_write_goes_through_create(self):
        """A row naming a field that is no column is not silently cut down by the insert: the ORM refuses it."""
        count = self.Sellout.search_count([])
        with self.assertRaises(ValueError), self.cr.savepoint():
            self.Sellout._dealer_sellout_create_checked([{**self._rows()[3], "no_such_field": 1}])
        self.assertEqual(self.Sellout.search_count([]), count)
