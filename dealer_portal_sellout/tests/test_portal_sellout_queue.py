"""A dealer's large sell-out file is recorded in the background: queued by the upload route, performed here as
queue_job's runner performs it, its status on the dealer's portal pages (the scenarios of
dealer_queue/tests/upload_cases.py)."""
from odoo.tests import tagged

from ..models.dealer_sellout import MAX_SELLOUT_FILE_ROWS
from .common import PortalSelloutCase, PortalSelloutQueueCases
from .test_portal_sellout_upload import HEADER, UPLOAD

MAT_ROW = "2026-11-03,MAT-01,,1,150,Li Si,,浙江省,杭州,\n"
VIN_ROW = "2026-11-02,VX1,VIN-P-001,1,120000,Zhang San,13800000000,浙江省,杭州,西湖区 1 号\n"


@tagged("post_install", "-at_install")
class TestPortalSelloutQueue(PortalSelloutQueueCases, PortalSelloutCase):
    """Retail sales: one sale a line, recorded in draft with the upload they came from."""

    upload_model = "dealer.sellout.upload"
    upload_url = form_url = UPLOAD
    max_rows = MAX_SELLOUT_FILE_ROWS
    created_models = ("dealer.sellout",)

    @staticmethod
    def _file(count):
        return HEADER + MAT_ROW * count

    def _count_created(self):
        # the fixtures' own sale of A is not a portal one
        return self.Sellout.search_count([("source", "=", "portal"), ("dealer_id", "=", self.dealer_a.id)])

    def _assert_at_once(self, response):
        self.assertIn("2 retail sales were recorded.", response.text)

    def _assert_done(self, upload, page):
        self.assertIn("3 retail sales recorded in draft.", page)
        self.assertEqual(len(upload.sellout_ids), 3)
        self.assertEqual(set(upload.sellout_ids.mapped("state")), {"draft"})

    @staticmethod
    def _wrong_file():
        return HEADER + MAT_ROW + MAT_ROW.replace("MAT-01", "NOPE-9") * 2, [
            "Row 3: Product code NOPE-9 is not one of the products you sell", "Row 4: Product code NOPE-9",
        ]

    @staticmethod
    def _refused_file():
        return HEADER + VIN_ROW + MAT_ROW * 2

    def _break(self, broken=True):
        """The floor mats become tracked by serial while the file waits: rows 3 and 4 have no serial."""
        self.accessory.tracking = "serial" if broken else "none"
        return r"Row 3: [^<]*tracked by serial number: enter the serial/VIN", "Row 4:"

    def _upload_vals(self):
        return {**super()._upload_vals(), "source": "portal"}
