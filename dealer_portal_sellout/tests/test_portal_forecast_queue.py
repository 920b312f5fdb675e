"""A dealer's large forecast file is submitted in the background: queued by the upload route, performed here as
queue_job's runner performs it or with queue_job's ``trap_jobs``, its status on the dealer's portal pages (the
scenarios of dealer_queue/tests/upload_cases.py)."""
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.dealer_queue.tests.common import trap_jobs

from ..models.dealer_sellout_forecast_upload import MAX_FORECAST_FILE_ROWS
from .common import PortalSelloutCase, PortalSelloutQueueCases

GRID = "/my/forecasts"
HEADER = "product_code,month,quantity\n"
# lines of a file above this many rows: the first three filled, the others template lines left without a quantity
FILLED = 3


@tagged("post_install", "-at_install")
class TestPortalForecastQueue(PortalSelloutQueueCases, PortalSelloutCase):
    """Order forecasts: one line a product and month, submitted (a month's figure replaced) all or none."""

    upload_model = "dealer.sellout.forecast.upload"
    upload_url = "/my/forecasts/upload"
    form_url = GRID
    max_rows = MAX_FORECAST_FILE_ROWS
    created_models = ("dealer.sellout.forecast",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        first = fields.Date.context_today(cls.env.user).replace(day=1)
        cls.months = [f"{first + relativedelta(months=offset):%Y-%m}" for offset in (1, 2, 3)]

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

    def _count_created(self):
        return self.env["dealer.sellout.forecast"].search_count([("dealer_id", "=", self.dealer_a.id)])

    def _assert_at_once(self, response):
        self.assertIn("Your forecast is submitted.", response.text)

    def _assert_done(self, upload, page):
        forecasts = self.env["dealer.sellout.forecast"].search([("dealer_id", "=", self.dealer_a.id)])
        self.assertEqual(set(forecasts.mapped("state")), {"submitted"})
        self.assertEqual(sorted(forecasts.mapped("quantity")), [1.0, 2.0, 3.0])
        self.assertIn("3 forecast lines submitted.", page)
        self.assertIn('href="/my/forecasts"', page)

    def _wrong_file(self):
        return HEADER + f"VX1,{self.months[0]},1\nGHOST,{self.months[0]},1\nVX1,{self.months[1]},1\n" \
            f"VX1,{self.months[0]},5\n", [
                "Row 3: Product code GHOST is not one of the products you sell", "Row 5: ", "is forecast twice",
            ]

    def _refused_file(self):
        return HEADER + f"VX1,{self.months[0]},1\nMAT-01,{self.months[0]},2\nMAT-01,{self.months[1]},3\n"

    def _break(self, broken=True):
        """The floor mats' code changes while the file waits: rows 3 and 4 name a product the dealer does not sell."""
        self.accessory.default_code = "MAT-02" if broken else "MAT-01"
        return r"Row 3: Product code MAT-01 is not one of the products you sell", "Row 4: Product code MAT-01"

    # ------------------------------------------------------------------ the forecast's own
    def test_job_trapped_and_performed(self):
        """queue_job's own test helper: the job is trapped (never stored), checked, then performed; a template line
        left without a quantity is not kept."""
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
