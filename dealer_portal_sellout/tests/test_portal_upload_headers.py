"""The sell-out and forecast upload templates in Chinese (issue 15): Chinese headers, the product's name in its own
column, a file name the dealer recognises; Chinese, English and key headers read the same lines."""
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common_forms import csv_bytes, xlsx_bytes
from odoo.addons.dealer_portal.tests.spreadsheet_files import download_name, sheet_rows

from .common import PortalSelloutCase

SELLOUT_ZH = ["日期", "产品编码", "产品名称", "序列号/车架号", "数量", "零售净价（单价）", "终端客户", "客户电话",
              "省份", "城市", "地址"]
SELLOUT_EN = ["Date", "Product code", "Product name", "Serial/VIN", "Quantity", "Net retail price (per unit)",
              "End customer", "Customer phone", "Province", "City", "Address"]
SELLOUT_KEYS = ["date", "product_code", "product_name", "serial", "quantity", "price_unit", "customer_name",
                "customer_phone", "province", "city", "address"]
FORECAST_ZH = ["产品编码", "产品名称", "月份", "数量"]
FORECAST_EN = ["Product code", "Product name", "Month", "Quantity"]


@tagged("post_install", "-at_install")
class TestPortalUploadHeaders(PortalSelloutCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")

    def setUp(self):
        super().setUp()
        self.authenticate("so_portal_a", "so_portal_a")
        first = fields.Date.context_today(self.env.user).replace(day=1)
        self.months = [first + relativedelta(months=offset) for offset in (1, 2, 3)]

    def _login_in(self, lang):
        """Log in again as the dealer user reading ``lang``: the session takes the user's language at login."""
        self.portal_a.lang = lang
        self.authenticate("so_portal_a", "so_portal_a")

    def _upload(self, url, page, name, content):
        token = self._token(page, "upload_token")
        return self._post(url, {}, files={"file": (name, content)}, token_name="upload_token", token=token)

    # ------------------------------------------------------------------ sell-outs
    def test_sellout_template_in_chinese(self):
        self._login_in("zh_CN")
        response = self.url_open("/my/sellouts/template.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(download_name(response), "零售上报模板.xlsx")
        self.assertEqual(sheet_rows(response.content, "零售")[0], SELLOUT_ZH)
        # one line per sale: the products to choose from are listed with their names on the second sheet
        self.assertCountEqual(sheet_rows(response.content, "产品"),
                              [["产品编码", "产品名称"], ["VX1", "Vehicle X1"], ["MAT-01", "Floor Mat"]])
        response = self.url_open("/my/sellouts/template.csv")
        self.assertEqual(download_name(response), "零售上报模板.csv")
        self.assertTrue(response.content.decode("utf-8-sig").startswith(",".join(SELLOUT_ZH)))

    def test_sellout_chinese_english_and_key_headers_record_the_same_sales(self):
        line = ["2026-11-03", "MAT-01", "ignored name", "", "4", "150", "Li Si", "", "浙江省", "杭州", "西湖区"]
        uploads = [("sales.csv", csv_bytes([SELLOUT_ZH, line])), ("sales.xlsx", xlsx_bytes([SELLOUT_EN, line])),
                   ("sales.csv", csv_bytes([SELLOUT_KEYS, line]))]
        for name, content in uploads:
            response = self._upload("/my/sellouts/upload", "/my/sellouts/upload", name, content)
            self.assertIn("1 retail sales were recorded.", response.text)
        sales = self.Sellout.search([("source", "=", "portal")], order="id")
        self.assertEqual(len(sales), 3)
        self.assertEqual(
            {(sale.date, sale.product_id, sale.quantity, sale.price_unit, sale.customer_name, sale.customer_state_id,
              sale.customer_city, sale.customer_street) for sale in sales},
            {(fields.Date.to_date("2026-11-03"), self.accessory, 4.0, 150.0, "Li Si", self.state_zj, "杭州", "西湖区")},
        )

    def test_sellout_upload_page_names_the_columns_in_the_user_language(self):
        self._login_in("zh_CN")
        response = self.url_open("/my/sellouts/upload")
        self.assertIn(", ".join(SELLOUT_ZH), response.text)

    # ------------------------------------------------------------------ forecasts
    def _forecasts(self):
        return self.env["dealer.sellout.forecast"].search([("dealer_id", "=", self.dealer_a.id)])

    def test_forecast_template_lists_products_and_months_in_chinese(self):
        self._login_in("zh_CN")
        response = self.url_open("/my/forecasts/template.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(download_name(response), "订单预测模板.xlsx")
        rows = sheet_rows(response.content, "预测")
        self.assertEqual(rows[0], FORECAST_ZH)
        self.assertCountEqual([tuple(row) for row in rows[1:]], [
            (code, name, f"{month:%Y-%m}", None)
            for code, name in (("VX1", "Vehicle X1"), ("MAT-01", "Floor Mat")) for month in self.months
        ])

    def test_forecast_template_uploaded_as_downloaded_records_nothing(self):
        content = self.url_open("/my/forecasts/template.xlsx").content
        response = self._upload("/my/forecasts/upload", "/my/forecasts", "forecast.xlsx", content)
        self.assertPageError(response, "Enter at least one quantity.")
        self.assertFalse(self._forecasts())

    def test_forecast_chinese_and_english_headers_record_the_same_lines(self):
        self._login_in("zh_CN")
        template = self.url_open("/my/forecasts/template.csv").content.decode("utf-8-sig")
        # the dealer fills in one quantity of the Chinese template: the other lines stay empty and are left out
        filled = template.replace(f"VX1,Vehicle X1,{self.months[1]:%Y-%m},", f"VX1,Vehicle X1,{self.months[1]:%Y-%m},6")
        self.assertNotEqual(filled, template)
        self._login_in("en_US")
        response = self._upload("/my/forecasts/upload", "/my/forecasts", "forecast.csv", filled.encode())
        self.assertIn("Your forecast is submitted.", response.text)
        chinese = [(f.product_id, f.month, f.quantity) for f in self._forecasts()]
        self.assertEqual(chinese, [(self.vehicle, self.months[1], 6.0)])
        content = xlsx_bytes([FORECAST_EN, ["VX1", "", f"{self.months[1]:%Y-%m}", 6]])
        response = self._upload("/my/forecasts/upload", "/my/forecasts", "forecast.xlsx", content)
        self.assertIn("Your forecast is submitted.", response.text)
        self.assertEqual([(f.product_id, f.month, f.quantity) for f in self._forecasts()], chinese)
