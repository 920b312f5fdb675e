import io

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import PortalSelloutCase

GRID = "/my/forecasts"
UPLOAD = "/my/forecasts/upload"


@tagged("post_install", "-at_install")
class TestPortalForecast(PortalSelloutCase):
    """The rolling 3-month order forecast on the portal: grid and upload, all lines or none."""

    def setUp(self):
        super().setUp()
        self.authenticate("so_portal_a", "so_portal_a")
        first = fields.Date.context_today(self.env.user).replace(day=1)
        self.months = [first + relativedelta(months=offset) for offset in (1, 2, 3)]

    def _cell(self, product, month):
        return f"qty_{product.id}_{month:%Y-%m}"

    def _grid(self, cells, token=None):
        token = token or self._token(GRID, "grid_token")
        return self._post(GRID, cells, token_name="grid_token", token=token)

    def _upload(self, content, name="forecast.csv"):
        token = self._token(GRID, "upload_token")
        return self._post(UPLOAD, {}, files={"file": (name, content)}, token_name="upload_token", token=token)

    def _forecasts(self, dealer=None):
        return self.env["dealer.sellout.forecast"].search(
            [("dealer_id", "=", (dealer or self.dealer_a).id)], order="month, product_id")

    def test_grid_shows_products_and_next_three_months(self):
        response = self.url_open(GRID)
        self.assertEqual(response.status_code, 200)
        for month in self.months:
            self.assertIn(f"{month:%Y-%m}", response.text)
        self.assertIn(self._cell(self.vehicle, self.months[0]), response.text)
        self.assertIn(self._cell(self.accessory, self.months[2]), response.text)
        self.assertNotIn(f"{self.months[0] - relativedelta(months=1):%Y-%m}</th>", response.text)

    def test_grid_submits_forecast(self):
        response = self._grid({
            self._cell(self.vehicle, self.months[0]): "3", self._cell(self.accessory, self.months[2]): "40",
        })
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your forecast is submitted.", response.text)
        self.assertRecordValues(self._forecasts(), [
            {"product_id": self.vehicle.id, "month": self.months[0], "quantity": 3.0, "state": "submitted"},
            {"product_id": self.accessory.id, "month": self.months[2], "quantity": 40.0, "state": "submitted"},
        ])
        # the figures are shown in the grid, and a second submission replaces them
        response = self._grid({self._cell(self.vehicle, self.months[0]): "5",
                               self._cell(self.accessory, self.months[2]): "40"})
        self.assertEqual(self._forecasts().mapped("quantity"), [5.0, 40.0])
        self.assertIn('value="5"', response.text)

    def test_negative_or_text_quantity_records_nothing(self):
        response = self._grid({
            self._cell(self.vehicle, self.months[0]): "3", self._cell(self.accessory, self.months[1]): "-4",
            self._cell(self.accessory, self.months[2]): "many",
        })
        self.assertPageError(response, "The quantity must not be negative", "is not a number")
        self.assertIn("Floor Mat", response.text)
        self.assertIn('value="many"', response.text, "the grid keeps what was typed")
        self.assertFalse(self._forecasts())

    def test_replayed_grid_refused(self):
        token = self._token(GRID, "grid_token")
        self._grid({self._cell(self.vehicle, self.months[0]): "3"}, token=token)
        response = self._grid({self._cell(self.vehicle, self.months[0]): "9"}, token=token)
        self.assertPageError(response, "This form was already submitted")
        self.assertEqual(self._forecasts().quantity, 3.0)

    def test_upload_forecast(self):
        content = (f"product_code,month,quantity\nVX1,{self.months[1]:%Y-%m},2\n"
                   f"MAT-01,{self.months[1]:%Y-%m},25\n").encode()
        response = self._upload(content)
        self.assertIn("Your forecast is submitted.", response.text)
        self.assertEqual(sorted(self._forecasts().mapped("quantity")), [2.0, 25.0])

    def test_upload_bad_lines_records_nothing(self):
        past = self.months[0] - relativedelta(months=2)
        content = (f"product_code,month,quantity\nVX1,{self.months[1]:%Y-%m},2\nGHOST,{self.months[1]:%Y-%m},1\n"
                   f"MAT-01,{past:%Y-%m},5\nVX1,{self.months[1]:%Y-%m},7\n").encode()
        response = self._upload(content)
        self.assertPageError(response, "Nothing was recorded")
        self.assertRegex(response.text, r"Row 3: Product code GHOST is not one of the products you sell")
        self.assertRegex(response.text, rf"Row 4: The month {past:%Y-%m} is not open to forecast")
        self.assertRegex(response.text, r"Row 5: .*is forecast twice .* on row 2")
        self.assertFalse(self._forecasts())

    def test_templates(self):
        csv_response = self.url_open("/my/forecasts/template.csv")
        self.assertEqual(csv_response.status_code, 200)
        self.assertTrue(csv_response.content.decode("utf-8-sig").startswith("Product code,Product name,Month,Quantity"))
        self.assertIn("Forecast%20template.csv", csv_response.headers["Content-Disposition"])
        xlsx_response = self.url_open("/my/forecasts/template.xlsx")
        self.assertEqual(xlsx_response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(xlsx_response.content), read_only=True)
        header = next(workbook.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(header, ("Product code", "Product name", "Month", "Quantity"))
        codes = {row[0] for row in workbook.worksheets[1].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(codes, {"VX1", "MAT-01"}, "the products the dealer sells on")
        self.assertEqual(self.url_open("/my/forecasts/template.exe").status_code, 404)

    def test_other_dealer_forecast_not_shown(self):
        self.env["dealer.sellout.forecast"].sudo()._dealer_forecast_submit(self.dealer_b, [
            {"product_id": self.accessory.id, "month": self.months[0], "quantity": 777},
        ])
        response = self.url_open(GRID)
        self.assertEqual(response.status_code, 200)
        # the cell of the accessory shows nothing: B's 777 is not A's figure (the page's random tokens
        # may contain any digits, so look at the cell itself)
        self.assertRegex(response.text, rf'name="{self._cell(self.accessory, self.months[0])}"\s+value=""')
        self.assertNotIn('value="777"', response.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["dealer_forecast_count"]})
        self.assertEqual(counters["dealer_forecast_count"], 0)
