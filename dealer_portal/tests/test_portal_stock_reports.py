import io
import zipfile
from datetime import timedelta

import openpyxl

from odoo.tests import tagged

from .common_forms import DealerFormsCase, csv_bytes, xlsx_bytes
from .spreadsheet_files import download_name, sheet_rows

# the columns' keys: the header of the files made before the template's header was translated, still read
HEADER = ["product_code", "quantity", "lot_name", "note"]
EN_HEADER = ["Product code", "Product name", "Quantity", "Serial/VIN", "Note"]
ZH_HEADER = ["产品编码", "产品名称", "数量", "序列号/车架号", "备注"]


@tagged("post_install", "-at_install")
class TestPortalStockReports(DealerFormsCase):

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")
        self.day = self.today - timedelta(days=1)

    def _upload(self, name, content, day=None):
        return self._stock_report_upload(content, day or self.day, name=name)

    def _form(self, lines, day=None, **values):
        data = {"csrf_token": self._csrf(), "date": str(day or self.day), **values}
        data.update({
            "product_id": [str(line[0]) for line in lines], "quantity": [str(line[1]) for line in lines],
            "lot_name": [line[2] if len(line) > 2 else "" for line in lines],
            "line_note": ["" for _line in lines],
        })
        return self.url_open("/my/stock_reports/new", data=data)

    def _reports_of_a(self):
        self.env.invalidate_all()
        return self.env["dealer.stock.report"].search([("partner_id", "=", self.dealer_a.id)])

    def assertNothingCreated(self, response, *messages):
        self.assertEqual(response.status_code, 200, "a form error, never a server error")
        self.assertIn("o_dealer_form_error", response.text)
        for message in messages:
            self.assertIn(message, response.text)
        self.assertEqual(self._reports_of_a(), self.report_a, "no report was created")

    # ------------------------------------------------------------------ pages
    def test_list_shows_own_reports_only(self):
        response = self.url_open("/my/stock_reports")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.report_a.name, response.text)
        for other in (self.report_b, self.report_d, self.report_s):
            self.assertNotIn(other.name, response.text)

    def test_distributor_reads_sub_dealer_reports(self):
        self.authenticate("pr_portal_d", "pr_portal_d")
        response = self.url_open("/my/stock_reports")
        self.assertIn(self.report_d.name, response.text)
        self.assertIn(self.report_s.name, response.text)
        self.assertNotIn(self.report_b.name, response.text)
        page = self.url_open(f"/my/stock_reports/{self.report_s.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Subdealer Sigma", page.text)
        self.assertIn("read-only", page.text)

    def test_sub_dealer_does_not_read_distributor_reports(self):
        self.authenticate("pr_portal_s", "pr_portal_s")
        response = self.url_open("/my/stock_reports")
        self.assertIn(self.report_s.name, response.text)
        self.assertNotIn(self.report_d.name, response.text)
        response = self.url_open(f"/my/stock_reports/{self.report_d.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))

    def test_detail_of_own_report(self):
        response = self.url_open(f"/my/stock_reports/{self.report_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Pump PR-1", response.text)
        self.assertIn("11", response.text)

    def test_home_card(self):
        response = self.url_open("/my/home")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/stock_reports", response.text)
        self.assertIn("Channel Stock Reports", response.text)

    def test_home_counter(self):
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["stock_report_count"]})
        self.assertEqual(counters["stock_report_count"], 1)

    # ------------------------------------------------------------------ form
    def test_form_creates_submitted_report(self):
        response = self._form([(self.product.id, "5", "LOT-1"), (self.valve.id, "0")], note="Counted by Li")
        self.assertEqual(response.status_code, 200)
        report = self._reports_of_a() - self.report_a
        self.assertEqual(len(report), 1)
        self.assertIn(f"/my/stock_reports/{report.id}", response.url)
        self.assertRecordValues(report, [{"state": "submitted", "date": self.day, "note": "Counted by Li"}])
        self.assertEqual(report.create_uid, self.portal_a)
        self.assertRecordValues(report.line_ids, [
            {"product_id": self.product.id, "quantity": 5.0, "lot_name": "LOT-1"},
            {"product_id": self.valve.id, "quantity": 0.0, "lot_name": False},
        ])

    def test_script_in_text_fields_stored_as_text_and_escaped(self):
        script = "<script>alert('stock')</script>"
        self._form([(self.product.id, "1", script)], note=script)
        report = self._reports_of_a() - self.report_a
        self.assertEqual((report.note, report.line_ids.lot_name), (script, script))
        response = self.url_open(f"/my/stock_reports/{report.id}")
        self.assertNotIn(script, response.text)
        self.assertIn("&lt;script&gt;", response.text)

    def test_form_with_wrong_rows_creates_nothing(self):
        response = self._form([(self.product.id, "-1"), (self.valve.id, "many"), (self.motor.id, "1")])
        self.assertNothingCreated(
            response, "Row 1: the quantity -1 is negative", "Row 2: the quantity many is not a number",
            "Row 3: choose one of the listed products",
        )

    def test_form_future_date_refused(self):
        self.assertNothingCreated(self._form([(self.product.id, "1")], day=self.today + timedelta(days=2)),
                                  "cannot be in the future")

    def test_form_same_date_twice_refused(self):
        response = self._form([(self.product.id, "1")], day=self.report_day)
        self.assertNothingCreated(response, "already has stock report")

    # ------------------------------------------------------------------ upload
    def test_csv_upload_creates_submitted_report(self):
        response = self._upload("stock.csv", csv_bytes([HEADER, ["PR-1", "7", "", "shop"], ["PR-2", "3.5", "", ""]]))
        self.assertEqual(response.status_code, 200)
        report = self._reports_of_a() - self.report_a
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.line_ids.mapped("quantity"), [7.0, 3.5])
        self.assertEqual(report.line_ids.product_id, self.product | self.valve)

    def test_xlsx_upload_creates_submitted_report(self):
        response = self._upload("stock.xlsx", xlsx_bytes([HEADER, ["PR-1", 4], ["PR-2", 0, "L9"]]))
        self.assertEqual(response.status_code, 200)
        report = self._reports_of_a() - self.report_a
        self.assertEqual(report.line_ids.mapped("quantity"), [4.0, 0.0])
        self.assertEqual(report.line_ids[1].lot_name, "L9")

    def test_upload_lists_every_wrong_row_and_creates_nothing(self):
        rows = [
            HEADER, ["PR-1", "1"], ["NOPE-404", "1"], ["PR-2", "abc"], ["PR-1", "2"], ["PR-2", "-3"], ["PR-9", "1"],
            ["PR-2", "1e12"],
        ]
        response = self._upload("stock.csv", csv_bytes(rows))
        self.assertNothingCreated(
            response,
            "Row 3: unknown product code NOPE-404",
            "Row 4: the quantity abc is not a number",
            "Row 5: [PR-1] Pump PR-1 is already reported on row 2",
            "Row 6: the quantity -3 is negative",
            "Row 7: unknown product code PR-9: report only the products of your orders",
            "Row 8: the quantity 1e12 is too large",
        )

    def test_malformed_files_are_form_errors(self):
        cases = [
            ("stock.pdf", b"%PDF-1.4 nothing", "CSV or XLSX"),
            ("stock.xlsx", b"PK\x03\x04broken zip", "could not be read"),
            ("stock.xlsx", xlsx_bytes([["code", "qty"], ["PR-1", 1]]), "must name the columns"),
            ("stock.csv", csv_bytes([["product", "quantity"], ["PR-1", 1]]), "must name the columns"),
            ("stock.csv", b"", "The file is empty"),
            ("stock.csv", csv_bytes([HEADER]), "no line under its header row"),
            # above any route's limit (2,000 lines; 10,000 where dealer_portal_queue records large files later)
            ("stock.csv", b"product_code,quantity\n" + b"PR-1,1\n" * 20001, "lines: split it"),
            ("stock.csv", b"product_code,quantity\n" + b"PR-1,1\n" * (1600 * 1000), "larger than 10 MB"),
            ("stock.exe", b"MZ\x90\x00", "upload a CSV or XLSX file"),
        ]
        for name, content, message in cases:
            with self.subTest(name=name, message=message):
                self.assertNothingCreated(self._upload(name, content), message)

    def test_corrupt_xlsx_inside_a_valid_zip_is_a_form_error(self):
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.xml", "<not-a-workbook")
        self.assertNothingCreated(self._upload("stock.xlsx", stream.getvalue()), "could not be read")

    # ------------------------------------------------------------------ template
    def test_templates_list_the_dealer_products(self):
        response = self.url_open("/my/stock_reports/template.csv")
        self.assertEqual(response.status_code, 200)
        text = response.content.decode("utf-8-sig")
        self.assertTrue(text.startswith(",".join(EN_HEADER)))
        self.assertIn("PR-1,Pump PR-1,0,,", text, "the product's name in its own column, not in the note")
        self.assertIn("PR-2,Valve PR-2,0,,", text)
        self.assertNotIn("PR-9", text)
        self.assertEqual(download_name(response), "Stock report template.csv")
        response = self.url_open("/my/stock_reports/template.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        self.assertEqual([cell.value for cell in sheet[1]], EN_HEADER)
        self.assertEqual(sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)), ["PR-1", "PR-2"])

    def test_templates_in_chinese_for_a_chinese_dealer(self):
        """A dealer user reading Chinese downloads 库存上报模板.xlsx with Chinese headers and its products' names."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.portal_a.lang = "zh_CN"
        self.authenticate("pr_portal_a", "pr_portal_a")  # the session takes the user's language at login
        response = self.url_open("/my/stock_reports/template.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(download_name(response), "库存上报模板.xlsx")
        self.assertIn("filename*=UTF-8''%E5%BA%93", response.headers["Content-Disposition"], "RFC 5987 encoding")
        rows = sheet_rows(response.content, "库存上报")
        self.assertEqual(rows[0], ZH_HEADER)
        self.assertCountEqual([row[:3] for row in rows[1:]], [["PR-1", "Pump PR-1", "0"], ["PR-2", "Valve PR-2", "0"]])
        response = self.url_open("/my/stock_reports/template.csv")
        self.assertEqual(download_name(response), "库存上报模板.csv")
        self.assertTrue(response.content.decode("utf-8-sig").startswith(",".join(ZH_HEADER)))
        page = self.url_open("/my/stock_reports/new")
        self.assertIn(", ".join(ZH_HEADER), page.text, "the form names the template's columns")

    def test_chinese_and_english_headers_import_the_same_rows(self):
        """The same lines under the Chinese header (full-width slash as Excel may type it), the English one and the
        keys give the same report lines; the product name column is ignored."""
        self.env["res.lang"]._activate_lang("zh_CN")
        lines = [["PR-1", "not read", "7", "LOT-7", "shop"], ["PR-2", "", "3.5", "", ""]]
        zh_header = [*ZH_HEADER[:3], "序列号／车架号", ZH_HEADER[4]]
        uploads = [
            ("stock.csv", csv_bytes([zh_header, *lines])),
            ("stock.xlsx", xlsx_bytes([EN_HEADER, *lines])),
            ("stock.csv", csv_bytes([HEADER, *[[line[0], *line[2:]] for line in lines]])),
        ]
        reports = []
        # one report per day: days without one (the fixtures' reports are 3 days old)
        for offset, (name, content) in zip((1, 2, 4), uploads, strict=True):
            before = self._reports_of_a()
            response = self._upload(name, content, day=self.today - timedelta(days=offset))
            self.assertNotIn("o_dealer_form_error", response.text, name)
            reports.append(self._reports_of_a() - before)
        for report in reports:
            self.assertEqual(report.state, "submitted")
            self.assertEqual(
                [(line.product_id, line.quantity, line.lot_name, line.note) for line in report.line_ids],
                [(self.product, 7.0, "LOT-7", "shop"), (self.valve, 3.5, False, False)],
            )

    def test_header_naming_a_column_twice_or_unknown_is_refused(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        for header in (["产品编码", "product_code", "数量"], ["产品编码", "数量", "库位"]):
            with self.subTest(header=header):
                response = self._upload("stock.csv", csv_bytes([header, ["PR-1", "PR-1", "1"]]))
                self.assertNothingCreated(response, "must name the columns Product code, Product name, Quantity")

    def test_template_uploaded_back_creates_report(self):
        content = self.url_open("/my/stock_reports/template.xlsx").content
        self._upload("template.xlsx", content)
        report = self._reports_of_a() - self.report_a
        self.assertEqual(report.state, "submitted")
        self.assertEqual(len(report.line_ids), 2)
