"""A dealer's large sell-out file is recorded in the background: queued by the upload route, performed here as
queue_job's runner performs it, its status on the dealer's portal pages (the scenarios of
dealer_queue/tests/upload_cases.py)."""
from odoo.tests import tagged

from odoo.addons.dealer_queue.tests.upload_cases import UploadQueueCases

from ..models.dealer_sellout import MAX_SELLOUT_FILE_ROWS
from .common import PortalSelloutCase
from .test_portal_sellout_upload import HEADER, UPLOAD

MAT_ROW = "2026-11-03,MAT-01,,1,150,Li Si,,浙江省,杭州,\n"
VIN_ROW = "2026-11-02,VX1,VIN-P-001,1,120000,Zhang San,13800000000,浙江省,杭州,西湖区 1 号\n"


@tagged("post_install", "-at_install")
class TestPortalSelloutQueue(UploadQueueCases, PortalSelloutCase):
    """More than two lines go to the background (threshold 2); dealer A's user Amy uploads."""

    upload_model = "dealer.sellout.upload"
    upload_url = form_url = UPLOAD
    uploads_url = "/my/sellouts/uploads"
    queued_class = "o_dealer_sellout_queued"
    max_rows = MAX_SELLOUT_FILE_ROWS
    job_method = "_dealer_job_record"
    done_text = "3 retail sales recorded in draft."
    created_models = ("dealer.sellout",)
    # the floor mats became tracked by serial while the file waited: rows 3 and 4 have no serial
    refused_rows = (r"Row 3: [^<]*tracked by serial number: enter the serial/VIN", "Row 4:")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._upload_queue_setup()

    # ------------------------------------------------------------------ hooks
    def _upload(self, content, token=None):
        token = token or self._upload_token()
        return self._post(UPLOAD, {}, files={"file": ("sales.csv", content.encode())}, token_name="upload_token",
                          token=token)

    def _upload_token(self):
        return self._token(UPLOAD, "upload_token")

    @staticmethod
    def _file(count):
        return HEADER + MAT_ROW * count

    def _created_count(self):
        self.env.invalidate_all()
        return self.Sellout.search_count([("source", "=", "portal"), ("dealer_id", "=", self.dealer_a.id),
                                          ("id", "!=", self.sale_a.id)])

    def _assert_at_once(self, response):
        self.assertIn("2 retail sales were recorded.", response.text)

    def _assert_done(self, upload, page):
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

    def _break(self):
        self.accessory.tracking = "serial"

    def _repair(self):
        self.accessory.tracking = "none"

    def _upload_vals(self):
        return {"name": "forged", "dealer_id": self.dealer_a.id, "source": "portal"}

    def _other_users(self):
        # another dealer, and the distributor A's sub-dealer A1 (it does not read its distributor's files)
        return self.portal_b | self.portal_a1
