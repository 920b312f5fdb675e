"""Settling many rebates in the background (queue_job's own test helpers: jobs trapped and performed here)."""
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon
from odoo.addons.queue_job.job import Job

from .common import trap_jobs


@tagged("post_install", "-at_install")
class TestQueueRebateSettlement(DealerTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer = cls._create_dealer("Suzhou Trading", state="active")
        cls.contract = cls._create_contract(
            cls.dealer, date(2025, 1, 1), date(2025, 12, 31),
            rebate_tier_ids=[Command.create({"achievement_min": 0.0, "rebate_percent": 1.0})],
        )
        for day in ("2025-02-10", "2025-05-20", "2025-08-01"):
            cls.init_invoice("out_invoice", partner=cls.dealer, invoice_date=day, amounts=[10000.0], taxes=[],
                             post=True)
        cls.rebates = cls.env["dealer.rebate"]
        for start, end in ((date(2025, 1, 1), date(2025, 3, 31)), (date(2025, 4, 1), date(2025, 6, 30)),
                           (date(2025, 7, 1), date(2025, 9, 30))):
            cls.rebates |= cls.env["dealer.rebate"].create({
                "contract_id": cls.contract.id, "date_from": start, "date_to": end,
            })
        cls.rebates.action_confirm()
        # more than two rebates settled in one click go to the background
        cls.env.company.dealer_queue_document_threshold = 2

    def _credit_notes(self):
        return self.env["account.move"].search_count([
            ("partner_id", "=", self.dealer.id), ("move_type", "=", "out_refund"),
        ])

    def _queue(self, rebates=None):
        """Settle the rebates as the Dealer Manager, jobs trapped: (trap, the button's answer)."""
        rebates = (rebates or self.rebates).with_user(self.dealer_manager)
        with trap_jobs() as trap:
            answer = rebates.action_settle()
        return trap, answer

    def test_small_batch_settles_at_once(self):
        """At or under the threshold nothing is queued: the rebates are settled in the request, as before."""
        with trap_jobs() as trap:
            self.rebates[:2].with_user(self.dealer_manager).action_settle()
            trap.assert_jobs_count(0)
        self.assertEqual(self.rebates[:2].mapped("state"), ["settled", "settled"])
        self.assertFalse(self.rebates[:2].filtered("dealer_job_state"))

    def test_large_batch_is_queued_then_settled(self):
        """Above the threshold: one job, the rebates say queued; the job settles them all and says so."""
        with trap_jobs() as trap:
            answer = self.rebates.with_user(self.dealer_manager).action_settle()
            trap.assert_jobs_count(1, only=self.rebates._dealer_job_settle)
            self.assertEqual(answer["tag"], "display_notification")
            self.assertEqual(set(self.rebates.mapped("state")), {"confirmed"})
            self.assertEqual(set(self.rebates.mapped("dealer_job_state")), {"queued"})
            self.assertEqual(self.rebates.dealer_job_user_id, self.dealer_manager)
            self.assertEqual(self._credit_notes(), 0)
            trap.perform_enqueued_jobs()
        self.assertEqual(set(self.rebates.mapped("state")), {"settled"})
        self.assertEqual(set(self.rebates.mapped("dealer_job_state")), {"done"})
        self.assertEqual(self._credit_notes(), 3)
        self.assertIn("3 rebates settled", self.rebates[0].message_ids[0].body)

    def test_refused_when_not_settleable_at_once(self):
        """What can be refused at once is refused at once: nothing is queued."""
        self.rebates[2].action_draft()
        with trap_jobs() as trap, self.assertRefused(UserError, "cannot be settled: it is Draft"):
            self.rebates.with_user(self.dealer_manager).action_settle()
        trap.assert_jobs_count(0)
        self.assertFalse(self.rebates.filtered("dealer_job_state"))

    def test_failed_job_keeps_nothing_and_can_be_retried(self):
        """A rebate reset to draft while queued: the job settles none (all or nothing), the rebates say failed with
        the reason and the manager gets a to-do; confirmed again, the settlement is run again and succeeds."""
        with trap_jobs() as trap:
            self.rebates.with_user(self.dealer_manager).action_settle()
            self.rebates[2].action_draft()
            trap.perform_enqueued_jobs()
        self.assertEqual(self.rebates[:2].mapped("state"), ["confirmed", "confirmed"])
        self.assertEqual(self._credit_notes(), 0)
        self.assertEqual(set(self.rebates.mapped("dealer_job_state")), {"failed"})
        self.assertIn("cannot be settled", self.rebates[0].dealer_job_message)
        activity = self.rebates[0].activity_ids
        self.assertEqual(activity.user_id, self.dealer_manager)
        # retry: the cause removed, the same button again
        self.rebates[2].action_confirm()
        trap, _answer = self._queue()
        trap.perform_enqueued_jobs()
        self.assertEqual(set(self.rebates.mapped("state")), {"settled"})
        self.assertEqual(self._credit_notes(), 3)

    def test_work_refused_halfway_keeps_nothing(self):
        """Work refused after it wrote (the first credit note posted, then a rebate found in draft): the savepoint
        drops all of it."""
        self._queue()
        queued = self.rebates.with_user(self.dealer_manager)

        def settle_one_then_check_all(rebates):
            rebates[0]._dealer_settle()
            rebates[2]._dealer_trusted().write({"state": "draft"})
            rebates._dealer_check_settle()

        result = queued._dealer_job_perform(settle_one_then_check_all)
        self.assertIn("cannot be settled", result)
        self.env.invalidate_all()
        self.assertEqual(set(self.rebates.mapped("state")), {"confirmed"})
        self.assertFalse(self.rebates.credit_note_id)
        self.assertEqual(self._credit_notes(), 0)
        self.assertEqual(set(self.rebates.mapped("dealer_job_state")), {"failed"})

    def test_never_twice(self):
        """A second click while queued is refused (one job); the job performed twice settles once."""
        with trap_jobs() as trap:
            manager_rebates = self.rebates.with_user(self.dealer_manager)
            manager_rebates.action_settle()
            with self.assertRefused(UserError, "already being processed in the background"):
                manager_rebates.action_settle()
            trap.assert_jobs_count(1)
            job = trap.enqueued_jobs[0]
            trap.perform_enqueued_jobs()
        self.assertEqual(self._credit_notes(), 3)
        self.assertIn("Nothing to do", job.perform())
        self.assertEqual(self._credit_notes(), 3)

    def test_one_pending_job_per_identity(self):
        """The stored job carries an identity key: the same work asked again joins the pending job."""
        manager_rebates = self.rebates.with_user(self.dealer_manager)
        manager_rebates.action_settle()
        job_record = self.env["queue.job"].sudo().search([("uuid", "=", self.rebates[0].dealer_job_uuid)])
        self.assertTrue(job_record.identity_key)
        again = manager_rebates.with_delay(identity_key=job_record.identity_key)._dealer_job_settle()
        self.assertEqual(again.uuid, job_record.uuid)
        self.assertEqual(self.env["queue.job"].sudo().search_count([("identity_key", "=", job_record.identity_key)]), 1)

    def test_unexpected_failure_then_requeue(self):
        """A job that fails outside the business rules (queue_job marks it failed after its retries): the rebates
        say failed with the error; queue_job's Requeue puts them back in the queue and the job then settles them."""
        self.rebates.with_user(self.dealer_manager).action_settle()
        job_record = self.env["queue.job"].sudo().search([("uuid", "=", self.rebates[0].dealer_job_uuid)])
        job = Job.load(self.env, job_record.uuid)
        job.set_failed(exc_name="OperationalError", exc_message="could not serialize access", exc_info="…")
        job.store()
        self.assertEqual(set(self.rebates.mapped("dealer_job_state")), {"failed"})
        self.assertIn("could not serialize access", self.rebates[0].dealer_job_message)
        self.assertEqual(self._credit_notes(), 0)
        job_record.requeue()
        self.assertEqual(set(self.rebates.mapped("dealer_job_state")), {"queued"})
        Job.load(self.env, job_record.uuid).perform()
        self.assertEqual(set(self.rebates.mapped("state")), {"settled"})

    def test_job_fields_cannot_be_forged(self):
        """Writing the job status, or creating a document with it as a default, is refused; nothing is written."""
        manager_rebates = self.rebates.with_user(self.dealer_manager)
        with self.assertRefused(AccessError, "set by the job itself"):
            manager_rebates.write({"dealer_job_state": "done"})
        with self.assertRefused(AccessError, "set by the job itself"):
            self.env["dealer.rebate"].with_user(self.dealer_manager).with_context(
                default_dealer_job_state="queued",
            ).create({"contract_id": self.contract.id, "date_from": date(2025, 10, 1), "date_to": date(2025, 12, 31)})
        self.assertFalse(self.rebates.filtered("dealer_job_state"))
        self.assertFalse(self.env["dealer.rebate"].search([("date_from", "=", date(2025, 10, 1))]))
