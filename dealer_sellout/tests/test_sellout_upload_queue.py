"""A large sell-out batch is recorded in the background (queue_job's own test helpers: jobs trapped, performed)."""
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_queue.tests.common import trap_jobs

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestSelloutUploadQueue(SelloutTestCommon):
    """Three lines are queued above a threshold of two lines; the file's header is its row 1 (row_offset=1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lots = cls._stock_serials(["VIN-Q-001", "VIN-Q-002", "VIN-Q-003"])
        cls.company.dealer_queue_line_threshold = 2
        cls.Upload = cls.env["dealer.sellout.upload"]

    def _lines(self, *quantities):
        return [{"dealer_id": self.dealer_a.id, "product_id": self.vehicle.id, "lot_name": lot.name,
                 "quantity": quantity, "price_unit": 120000.0, "customer_name": "Li Lei", "date": date(2026, 11, 2)}
                for lot, quantity in zip(self.lots, quantities, strict=False)]

    def _record(self, lines, user=None):
        Upload = self.Upload.with_user(user) if user else self.Upload
        return Upload._dealer_sellout_record(self.dealer_a, lines, source="portal", row_offset=1)

    def _count(self):
        return self.Sellout.search_count([("dealer_id", "=", self.dealer_a.id)])

    def test_small_batch_recorded_at_once(self):
        with trap_jobs() as trap:
            sellouts, upload = self._record(self._lines(1, 1))
            trap.assert_jobs_count(0)
        self.assertEqual(len(sellouts), 2)
        self.assertFalse(upload)
        self.assertEqual(set(sellouts.mapped("source")), {"portal"})

    def test_large_batch_queued_then_recorded(self):
        with trap_jobs() as trap:
            sellouts, upload = self._record(self._lines(1, 1, 1), user=self.dealer_manager)
            self.assertFalse(sellouts)
            trap.assert_jobs_count(1, only=upload._dealer_job_record)
            self.assertEqual((upload.dealer_job_state, upload.line_count), ("queued", 3))
            self.assertEqual(self._count(), 0)
            trap.perform_enqueued_jobs()
        self.assertEqual(upload.dealer_job_state, "done")
        self.assertEqual(len(upload.sellout_ids), 3)
        self.assertEqual(set(upload.sellout_ids.mapped("state")), {"draft"})
        self.assertEqual(set(upload.sellout_ids.mapped("source")), {"portal"})
        self.assertEqual(upload.sellout_ids.lot_id, self.lots)
        self.assertFalse(upload.line_vals)
        self.assertIn("3 retail sales recorded", upload.dealer_job_message)

    def test_refused_file_keeps_nothing_and_names_rows(self):
        """Row 3 of the file (the second line) sells a serial twice over: nothing is recorded, the upload says
        which row and why and its user gets a to-do; the file corrected and uploaded again is recorded."""
        with trap_jobs() as trap:
            _sellouts, upload = self._record(self._lines(1, 2, 1), user=self.dealer_manager)
            trap.perform_enqueued_jobs()
        self.assertEqual(self._count(), 0)
        self.assertEqual(upload.dealer_job_state, "failed")
        self.assertIn("Row 3:", upload.dealer_job_message)
        self.assertIn("one line per serial, with quantity 1", upload.dealer_job_message)
        self.assertEqual(upload.activity_ids.user_id, self.dealer_manager)
        self.assertTrue(upload.line_vals)
        with trap_jobs() as retry:
            _sellouts, again = self._record(self._lines(1, 1, 1), user=self.dealer_manager)
            retry.perform_enqueued_jobs()
        self.assertEqual(again.dealer_job_state, "done")
        self.assertEqual(self._count(), 3)

    def test_dealer_suspended_while_queued(self):
        """The rules apply when the job runs: a dealer suspended meanwhile has nothing recorded."""
        with trap_jobs() as trap:
            _sellouts, upload = self._record(self._lines(1, 1, 1), user=self.dealer_manager)
            self.dealer_a._dealer_trusted().write({"dealer_state": "suspended"})
            trap.perform_enqueued_jobs()
        self.assertEqual(upload.dealer_job_state, "failed")
        self.assertIn("only an active dealer's retail sales are recorded", upload.dealer_job_message)
        self.assertEqual(self._count(), 0)

    def test_never_twice(self):
        with trap_jobs() as trap:
            _sellouts, upload = self._record(self._lines(1, 1, 1), user=self.dealer_manager)
            job = trap.enqueued_jobs[0]
            trap.perform_enqueued_jobs()
        self.assertIn("Nothing to do", job.perform())
        self.assertEqual(self._count(), 3)
        self.assertEqual(len(upload.sellout_ids), 3)

    def test_status_fields_refused_before_queueing(self):
        """A batch setting the status of its lines (or a default_* key) is refused at once: nothing queued."""
        with trap_jobs() as trap:
            for lines, context in ((self._lines(1, 1, 1)[:2] + [{**self._lines(1)[0], "state": "confirmed"}], {}),
                                   (self._lines(1, 1, 1), {"default_serial_status": "ok"})):
                with self.assertRefused(AccessError, "cannot set their status"):
                    self.Upload.with_user(self.dealer_manager).with_context(**context)._dealer_sellout_record(
                        self.dealer_a, lines)
            trap.assert_jobs_count(0)
        self.assertFalse(self.Upload.search([]))
        self.assertEqual(self._count(), 0)

    def test_salesperson_cannot_queue_nor_create_nor_link(self):
        """A Dealer User may not queue a large batch, create an upload, or link a sale to one; nothing written."""
        with self.assertRefused(AccessError, "Only a Dealer Manager may record a batch"):
            self._record(self._lines(1, 1, 1), user=self.dealer_user)
        with self.assertRefused(AccessError, "not allowed to create"):
            self.Upload.with_user(self.dealer_user).create({
                "name": "forged", "dealer_id": self.dealer_a.id, "source": "import",
            })
        with trap_jobs() as trap:
            _sellouts, upload = self._record(self._lines(1, 1, 1), user=self.dealer_manager)
            trap.perform_enqueued_jobs()
        sale = self._sellout(product=self.accessory)
        with self.assertRefused(AccessError, "change only through its buttons"):
            sale.with_user(self.dealer_user).write({"upload_id": upload.id})
        self.assertFalse(sale.upload_id)
        self.assertEqual(len(self.Upload.search([])), 1)
