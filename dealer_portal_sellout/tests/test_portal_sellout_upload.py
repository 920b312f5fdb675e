import io

import openpyxl

from odoo.tests import tagged

from ..models.dealer_sellout import MAX_SELLOUT_FILE_ROWS
from .common import PortalSelloutCase

UPLOAD = "/my/sellouts/upload"
HEADER = "date,product_code,serial,quantity,price_unit,customer_name,customer_phone,province,city,address\n"
EN_HEADER = ("Date,Product code,Product name,Serial/VIN,Quantity,Net retail price (per unit),End customer,"
             "Customer phone,Province,City,Address")
GOOD_ROWS = (
    "2026-11-02,VX1,VIN-P-001,1,120000,Zhang San,13800000000,浙江省,杭州,西湖区 1 号\n"
    "2026-11-03,MAT-01,,4,150,Li Si,,浙,杭州,\n"
)


@tagged("post_install", "-at_install")
class TestPortalSelloutUpload(PortalSelloutCase):
    """Uploading retail sales as CSV or XLSX: all lines recorded or none, errors per row, template."""

    def setUp(self):
        super().setUp()
        self.authenticate("so_portal_a", "so_portal_a")

    def _upload(self, name, content, token=None):
        token = token or self._token(UPLOAD, "upload_token")
        return self._post(UPLOAD, {}, files={"file": (name, content)}, token_name="upload_token", token=token)

    def _portal_sales(self):
        return self.Sellout.search([("source", "=", "portal")], order="id")

    @staticmethod
    def _xlsx(rows):
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        stream = io.BytesIO()
        workbook.save(stream)
        return stream.getvalue()

    def test_csv_upload_records_every_line(self):
        response = self._upload("sales.csv", (HEADER + GOOD_ROWS).encode())
        self.assertEqual(response.status_code, 200)
        self.assertIn("2 retail sales were recorded.", response.text)
        sales = self._portal_sales()
        self.assertRecordValues(sales, [
            {"product_id": self.vehicle.id, "lot_id": self.lots_a[0].id, "quantity": 1.0, "price_unit": 120000.0,
             "customer_state_id": self.state_zj.id, "dealer_id": self.dealer_a.id, "state": "draft"},
            {"product_id": self.accessory.id, "lot_id": False, "quantity": 4.0, "price_unit": 150.0,
             "customer_state_id": self.state_zj.id, "dealer_id": self.dealer_a.id, "state": "draft"},
        ])

    def test_xlsx_upload_with_excel_dates_and_numbers(self):
        import datetime  # noqa: PLC0415

        content = self._xlsx([
            HEADER.strip().split(","),
            [datetime.datetime(2026, 11, 2), "VX1", "VIN-P-002", 1, 118000.5, "Wang Wu", None, "浙江省", "杭州", None],
        ])
        response = self._upload("sales.xlsx", content)
        self.assertIn("1 retail sales were recorded.", response.text)
        sale = self._portal_sales()
        self.assertEqual(sale.lot_id, self.lots_a[1])
        self.assertEqual(str(sale.date), "2026-11-02")
        self.assertEqual(sale.price_unit, 118000.5)

    def test_one_bad_row_records_nothing_and_names_rows(self):
        content = (HEADER + GOOD_ROWS + "2026-11-04,NOPE-9,,1,10,Zhao Liu,,浙江省,杭州,\n"
                   "2026-11-04,MAT-01,,-2,150,Qian Qi,,浙江省,杭州,\n"
                   "2026-11-04,VX1,VIN-P-001,1,120000,Sun Ba,,浙江省,杭州,\n").encode()
        response = self._upload("sales.csv", content)
        self.assertPageError(response, "Nothing was recorded")
        self.assertRegex(response.text, r"Row 4: Product code NOPE-9 is not one of the products you sell")
        self.assertRegex(response.text, r"Row 5: The quantity must be positive.")
        self.assertFalse(self._portal_sales())

    def test_same_serial_twice_in_file_refused(self):
        content = (HEADER + GOOD_ROWS + "2026-11-04,VX1,VIN-P-001,1,120000,Sun Ba,,浙江省,杭州,\n").encode()
        response = self._upload("sales.csv", content)
        self.assertPageError(response, "Row 4: Serial VIN-P-001 is already sold on row 2 of this batch.")
        self.assertFalse(self._portal_sales())

    def test_blank_line_between_rows_is_an_error(self):
        content = (HEADER + "2026-11-02,MAT-01,,1,150,Li Si,,浙江省,杭州,\n,,,,,,,,,\n"
                   "2026-11-02,MAT-01,,1,150,Li Si,,浙江省,杭州,\n\n\n").encode()
        response = self._upload("sales.csv", content)
        self.assertPageError(response, "Row 3: The line is empty")
        self.assertFalse(self._portal_sales())

    def test_malformed_files_refused(self):
        cases = [
            ("sales.xlsx", b"PK\x03\x04 this is no workbook", "The XLSX file could not be read"),
            ("sales.exe", b"MZ\x90\x00", "upload a CSV or XLSX file"),
            ("sales.csv", b"", "The file is empty"),
            ("sales.csv", b"name,price\nx,1\n", "The first row of the file must name the columns"),
            ("sales.csv", HEADER.encode(), "The file has no line under its header row"),
            ("sales.csv", b"\xff\xfe\x00d\x00a\x00t\x00e", "The CSV file could not be read"),
        ]
        for name, content, message in cases:
            with self.subTest(name=name, message=message):
                self.assertPageError(self._upload(name, content), message)
        self.assertFalse(self._portal_sales())

    def test_oversize_file_refused(self):
        content = (HEADER + GOOD_ROWS * (10 * 1024 * 1024 // len(GOOD_ROWS.encode()) + 1)).encode()
        response = self._upload("sales.csv", content)
        self.assertPageError(response, "is larger than 10 MB")
        self.assertFalse(self._portal_sales())

    def test_too_many_lines_refused(self):
        """Above the portal's limit of a sell-out file (larger than the other uploads': large files are queued)."""
        content = (HEADER + "2026-11-03,MAT-01,,1,150,Li Si,,浙,杭州,\n" * (MAX_SELLOUT_FILE_ROWS + 1)).encode()
        response = self._upload("sales.csv", content)
        self.assertPageError(response, f"more than {MAX_SELLOUT_FILE_ROWS} lines")
        self.assertFalse(self._portal_sales())

    def test_replayed_upload_records_once(self):
        token = self._token(UPLOAD, "upload_token")
        self._upload("sales.csv", (HEADER + GOOD_ROWS).encode(), token=token)
        response = self._upload("sales.csv", (HEADER + GOOD_ROWS).encode(), token=token)
        self.assertPageError(response, "This form was already submitted")
        self.assertEqual(len(self._portal_sales()), 2)

    def test_templates(self):
        csv_response = self.url_open("/my/sellouts/template.csv")
        self.assertEqual(csv_response.status_code, 200)
        self.assertTrue(csv_response.content.decode("utf-8-sig").startswith(EN_HEADER))
        xlsx_response = self.url_open("/my/sellouts/template.xlsx")
        self.assertEqual(xlsx_response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(xlsx_response.content), read_only=True)
        header = next(workbook.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(",".join(header), EN_HEADER)
        codes = {row[0] for row in workbook.worksheets[1].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(codes, {"VX1", "MAT-01"})
        self.assertEqual(self.url_open("/my/sellouts/template.exe").status_code, 404)
