"""The go-live import of a large file in the background: kept on a dealer.import.run, loaded by one job (queue_job's
own test helpers: jobs trapped and performed here), all or nothing, the errors per row on the run."""
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.test_import import DealerImportCommon, workbook
from odoo.addons.queue_job.job import Job

from .common import trap_jobs


@tagged("post_install", "-at_install")
class TestQueueImport(DealerImportCommon):
    """The small network of the import tests has 20 rows: more than 10 go to the background."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.dealer_queue_line_threshold = 10
        cls.Run = cls.env["dealer.import.run"]

    def _runs(self):
        self.env.invalidate_all()
        return self.Run.search([])

    def _queued(self, tables=None):
        """Import the network as the Dealer Manager, jobs trapped: (trap, wizard, run)."""
        trap = self.enterContext(trap_jobs())
        wizard = self.run_import(tables)
        return trap, wizard, wizard.run_id

    def test_small_file_loaded_at_once(self):
        self.env.company.dealer_queue_line_threshold = 0  # 0: always at once
        with trap_jobs() as trap:
            wizard = self.run_import()
            trap.assert_jobs_count(0)
        self.assertEqual(wizard.state, "done")
        self.assertTrue(self.dealers("IMP-D1"))
        self.assertFalse(self._runs())

    def test_large_file_queued_then_loaded(self):
        trap, wizard, run = self._queued()
        trap.assert_jobs_count(1, only=run._dealer_job_import)
        self.assertEqual(wizard.state, "queued")
        self.assertIn("20 rows are loaded in the background", wizard.summary)
        self.assertRecordValues(run, [{
            "name": "network.xlsx", "row_count": 20, "dealer_job_state": "queued",
            "dealer_job_user_id": self.dealer_manager.id,
        }])
        self.assertFalse(self.dealers("IMP-D1", "IMP-D2"), "nothing is loaded before the job runs")
        trap.perform_enqueued_jobs()
        self.assertEqual(run.dealer_job_state, "done")
        self.assertIn("Loaded: 2 dealers, 2 contacts, 1 contracts", run.dealer_job_message)
        self.assertEqual(len(self.dealers("IMP-D1", "IMP-D2")), 2)
        self.assertEqual(self.env["dealer.contract"].search_count([("name", "=", "IMP-HT-1")]), 1)
        self.assertIn(self.dealer_manager.partner_id, run.message_ids.partner_ids)

    def test_refused_rows_keep_nothing_and_are_listed(self):
        """A row refused when the job runs: nothing of the file is loaded, the run lists the row, its user gets a
        message and a to-do; the corrected file queued again is loaded."""
        tables = self.network()
        tables["contacts"][1]["dealer_code"] = "NOPE-9"
        trap, _wizard, run = self._queued(tables)
        trap.perform_enqueued_jobs()
        self.assertEqual(run.dealer_job_state, "failed")
        self.assertIn("The file was not loaded: 1 rows are refused", run.dealer_job_message)
        self.assertRegex(run.dealer_job_message, r"Contacts, row 3, [^:]*: .*NOPE-9")
        self.assertEqual(run.activity_ids.user_id, self.dealer_manager)
        self.assertFalse(self.dealers("IMP-D1", "IMP-D2"))
        self.assertFalse(self.env["dealer.contract"].search([("name", "=", "IMP-HT-1")]))
        _wizard, again = self.run_import(), self._runs()[0]
        self.assertNotEqual(again, run)
        trap.perform_enqueued_jobs()
        self.assertEqual(again.dealer_job_state, "done")
        self.assertEqual(len(self.dealers("IMP-D1", "IMP-D2")), 2)

    def test_unexpected_failure_then_requeue(self):
        """queue_job gives up after its retries (the job stored, not trapped): the run says failed, nothing
        loaded; Requeue, then the job loads the file."""
        run = self.run_import().run_id
        job_record = self.env["queue.job"].sudo().search([("uuid", "=", run.dealer_job_uuid)])
        job = Job.load(self.env, job_record.uuid)
        job.set_failed(exc_name="OperationalError", exc_message="could not serialize access", exc_info="…")
        job.store()
        self.assertEqual(run.dealer_job_state, "failed")
        self.assertIn("could not serialize access", run.dealer_job_message)
        self.assertFalse(self.dealers("IMP-D1", "IMP-D2"))
        job_record.requeue()
        self.assertEqual(run.dealer_job_state, "queued")
        Job.load(self.env, job_record.uuid).perform()
        self.assertEqual(run.dealer_job_state, "done")
        self.assertEqual(len(self.dealers("IMP-D1", "IMP-D2")), 2)

    def test_never_twice(self):
        """The same wizard imported twice is refused; the job performed twice loads the file once."""
        trap, wizard, run = self._queued()
        with self.assertRefused(UserError, "already queued"):
            wizard.with_user(self.dealer_manager).action_import()
        trap.assert_jobs_count(1)
        job = trap.enqueued_jobs[0]
        trap.perform_enqueued_jobs()
        self.assertIn("Nothing to do", job.perform())
        self.assertEqual(len(self.dealers("IMP-D1", "IMP-D2")), 2)
        self.assertEqual(len(self._runs()), 1)
        self.assertEqual(run.dealer_job_state, "done")

    def test_salesperson_cannot_queue_read_or_forge(self):
        """A Dealer User may not queue an import, read a run, nor anyone write a run's status; nothing written."""
        with trap_jobs() as trap:
            with self.assertRefused(AccessError, "Only a Dealer Manager may import"):
                self.run_import(user=self.dealer_user)
            trap.assert_jobs_count(0)
        _trap, _wizard, run = self._queued()
        with self.assertRefused(AccessError, "not allowed to access"):
            self.Run.with_user(self.dealer_user).browse(run.id).read(["dealer_job_message"])
        with self.assertRefused(AccessError, "set by the job itself"):
            run.with_user(self.dealer_manager).write({"dealer_job_state": "done"})
        with self.assertRefused(AccessError, "not allowed to create"):
            self.Run.with_user(self.dealer_manager).create({
                "name": "forged.xlsx", "file": base64.b64encode(workbook(self.network())),
            })
        self.assertEqual(self._runs(), run)
        self.assertEqual(run.dealer_job_state, "queued")
