"""A dealer's large forecast file is submitted in the background: queued by the upload route, performed here as
queue_job's runner performs it or with queue_job's ``trap_jobs``, its status on the dealer's portal pages (the
scenarios of dealer_queue/tests/upload_cases.py)."""
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.dealer_queue.tests.common import trap_jobs
from odoo.addons.dealer_queue.tests.upload_cases import UploadQueueCases

from ..models.dealer_sellout_forecast_upload import MAX_FORECAST_FILE_ROWS
from .common import PortalSelloutCase

GRID = "/my/forecasts"
HEADER = "product_code,month,quantity\n"
# lines of a file above this many rows: the first three filled, the others template lines left without a quantity
FILLED = 3


@tagged("post_install", "-at_install")
class TestPortalForecastQueue(UploadQueueCases, PortalSelloutCase):
    """More than two lines go to the background (threshold 2); dealer A's user Amy uploads its forecast."""

    upload_model = "dealer.sellout.forecast.upload"
    upload_url = "/my/forecasts/upload"
    form_url = GRID
    uploads_url = "/my/forecasts/uploads"
    queued_class = "o_dealer_forecast_queued"
    max_rows = MAX_FORECAST_FILE_ROWS
    job_method = "_dealer_job_forecast"
    done_text = "3 forecast lines submitted."
    created_models = ("dealer.sellout.forecast",)
    # the floor mats' code changed while the file waited: rows 3 and 4 name a product the dealer does not sell
    refused_rows = (r"Row 3: Product code MAT-01 is not one of the products you sell", "Row 4: Product code MAT-01")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._upload_queue_setup()
        first = fields.Date.context_today(cls.env.user).replace(day=1)
        cls.months = [f"{first + relativedelta(months=offset):%Y-%m}" for offset in (1, 2, 3)]

    # ------------------------------------------------------------------ hooks
    def _upload(self, content, token=None):
        token = token or self._upload_token()
        return self._post(self.upload_url, {}, files={"file": ("forecast.csv", content.encode())},
                          token_name="upload_token", token=token)

    def _upload_token(self):
        return self._token(GRID, "upload_token")

    def _file(self, count):
        """``count`` rows: one line per product and month (6 at most), else 3 lines and template lines left empty."""
        cells = [(code, month) for code in ("VX1", "MAT-01") for month in self.months]
        filled = cells[:count] if count <= len(cells) else cells[:FILLED]
        lines = [f"{code},{month},{index}\n" for index, (code, month) in enumerate(filled, 1)]
        lines += [f"MAT-01,{self.months[0]},\n"] * (count - len(filled))
        return HEADER + "".join(lines)

    @staticmethod
    def _lines_of(count):
        return count if count <= 6 else FILLED

    def _created_count(self):
        self.env.invalidate_all()
        return self.env["dealer.sellout.forecast"].search_count([("dealer_id", "=", self.dealer_a.id)])

    def _assert_at_once(self, response):
        self.assertIn("Your forecast is submitted.", response.text)

    def _assert_done(self, upload, page):
        forecasts = self.env["dealer.sellout.forecast"].search([("dealer_id", "=", self.dealer_a.id)])
        self.assertEqual(set(forecasts.mapped("state")), {"submitted"})
        self.assertEqual(sorted(forecasts.mapped("quantity")), [1.0, 2.0, 3.0])
        self.assertIn('href="/my/forecasts"', page)

    def _wrong_file(self):
        return HEADER + f"VX1,{self.months[0]},1\nGHOST,{self.months[0]},1\nVX1,{self.months[1]},1\n" \
            f"VX1,{self.months[0]},5\n", [
                "Row 3: Product code GHOST is not one of the products you sell", "Row 5: ", "is forecast twice",
            ]

    def _refused_file(self):
        return HEADER + f"VX1,{self.months[0]},1\nMAT-01,{self.months[0]},2\nMAT-01,{self.months[1]},3\n"

    def _break(self):
        self.accessory.default_code = "MAT-02"

    def _repair(self):
        self.accessory.default_code = "MAT-01"

    def _upload_vals(self):
        return {"name": "forged", "dealer_id": self.dealer_a.id}

    def _other_users(self):
        # another dealer, and the distributor A's sub-dealer A1 (it does not read its distributor's files)
        return self.portal_b | self.portal_a1

    # ------------------------------------------------------------------ the forecast's own
    def test_job_trapped_and_performed(self):
        """queue_job's own test helper: the job is trapped (never stored), checked, then performed; a second file
        replaces the figures of a month, as the grid does."""
        Upload = self.env[self.upload_model].with_user(self.portal_a).sudo()
        with trap_jobs() as trap:
            upload = Upload._dealer_portal_queue(self.dealer_a, [
                {"row": 2, "product_code": "VX1", "month": self.months[0], "quantity": "4"},
                {"row": 3, "product_code": "MAT-01", "month": self.months[2], "quantity": ""},
                {"row": 4, "product_code": "MAT-01", "month": self.months[1], "quantity": "30"},
            ])
            trap.assert_jobs_count(1, only=upload._dealer_job_forecast)
            self.assertEqual(upload.line_count, 2, "a template line left empty is not kept")
            self.assertEqual(self._created_count(), 0)
            trap.perform_enqueued_jobs()
        self.assertEqual(upload.dealer_job_state, "done")
        forecasts = self.env["dealer.sellout.forecast"].search([("dealer_id", "=", self.dealer_a.id)],
                                                               order="quantity")
        self.assertEqual(forecasts.mapped("quantity"), [4.0, 30.0])
        self.assertEqual(forecasts.product_id, self.vehicle | self.accessory)

    def test_form_links_uploaded_files(self):
        page = self.url_open(GRID).text
        self.assertIn('href="/my/forecasts/uploads"', page)
        self.assertIn("o_dealer_forecast_queue_note", page)
