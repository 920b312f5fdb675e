"""Settling many warranty claims in the background (queue_job's own test helpers: jobs trapped and performed here)."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dealer_queue.tests.common import trap_jobs
from odoo.addons.queue_job.job import Job

from .common import ServiceTestCommon


@tagged("post_install", "-at_install")
class TestClaimSettleQueue(ServiceTestCommon):
    """Three approved claims of dealer A, their repairs done; more than two settled in one click are queued."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claims = cls.Repair
        for lot in (cls.lot_sold, cls.lot_sold, cls.lot_sold):
            claim = cls._claim(lot=lot, parts=0, labour=250.0)
            claim.action_dealer_claim_submit()
            claim.action_dealer_claim_approve()
            cls._repair_done(claim)
            cls.claims |= claim
        cls.env.company.dealer_queue_document_threshold = 2

    def _credit_notes(self):
        return self.env["account.move"].search_count([
            ("partner_id", "=", self.dealer_a.id), ("move_type", "=", "out_refund"),
        ])

    def _settle(self, claims=None):
        return (claims or self.claims).with_user(self.dealer_manager).action_dealer_claim_settle()

    def test_few_claims_settle_at_once(self):
        with trap_jobs() as trap:
            self.claims[:2].with_user(self.dealer_manager).action_dealer_claim_settle()
            trap.assert_jobs_count(0)
        self.assertEqual(self.claims[:2].mapped("dealer_claim_state"), ["settled", "settled"])
        self.assertFalse(self.claims.filtered("dealer_job_state"))
        self.assertEqual(self._credit_notes(), 2)

    def test_many_claims_queued_then_settled(self):
        with trap_jobs() as trap:
            answer = self._settle()
            trap.assert_jobs_count(1, only=self.claims._dealer_job_claim_settle)
            self.assertEqual(answer["tag"], "display_notification")
            self.assertEqual(set(self.claims.mapped("dealer_job_state")), {"queued"})
            self.assertEqual(set(self.claims.mapped("dealer_claim_state")), {"approved"})
            self.assertEqual(self._credit_notes(), 0)
            trap.perform_enqueued_jobs()
        self.assertEqual(set(self.claims.mapped("dealer_claim_state")), {"settled"})
        self.assertEqual(set(self.claims.mapped("dealer_job_state")), {"done"})
        self.assertIn("3 warranty claims settled by credit note", self.claims[0].dealer_job_message)
        self.assertEqual(self._credit_notes(), 3)
        self.assertEqual(len(self.claims.dealer_claim_credit_note_id), 3)

    def test_refused_at_once_when_one_cannot_be_settled(self):
        """What can be refused at once is refused at once: nothing queued, nothing written."""
        self.claims[2].with_user(self.dealer_manager).action_dealer_claim_reject("Not covered")
        with trap_jobs() as trap:
            with self.assertRefused(UserError, "cannot be settled: it is Rejected"):
                self._settle()
            trap.assert_jobs_count(0)
        self.assertFalse(self.claims.filtered("dealer_job_state"))
        self.assertEqual(self._credit_notes(), 0)

    def test_claim_rejected_while_queued_fails_whole_job(self):
        """A claim rejected while the job waits: the job settles none of them (no credit note), the claims say
        failed with the reason and the manager gets a to-do; settled again once corrected, all at once."""
        with trap_jobs() as trap:
            self._settle()
            self.claims[1].with_user(self.dealer_manager).action_dealer_claim_reject("Not covered")
            trap.perform_enqueued_jobs()
        self.assertEqual(self._credit_notes(), 0)
        self.assertEqual(self.claims.mapped("dealer_claim_state"), ["approved", "rejected", "approved"])
        self.assertEqual(set(self.claims.mapped("dealer_job_state")), {"failed"})
        self.assertIn("cannot be settled", self.claims[0].dealer_job_message)
        self.assertEqual(self.claims[0].activity_ids.user_id, self.dealer_manager)
        # retried on the claims that can be settled: below the threshold now, at once
        self._settle(self.claims[0] | self.claims[2])
        self.assertEqual(self._credit_notes(), 2)

    def test_unexpected_failure_then_requeue(self):
        """queue_job gives up after its retries: the claims say failed; Requeue, then the job settles them."""
        self._settle()
        job_record = self.env["queue.job"].sudo().search([("uuid", "=", self.claims[0].dealer_job_uuid)])
        job = Job.load(self.env, job_record.uuid)
        job.set_failed(exc_name="OperationalError", exc_message="could not serialize access", exc_info="…")
        job.store()
        self.assertEqual(set(self.claims.mapped("dealer_job_state")), {"failed"})
        self.assertEqual(self._credit_notes(), 0)
        job_record.requeue()
        self.assertEqual(set(self.claims.mapped("dealer_job_state")), {"queued"})
        Job.load(self.env, job_record.uuid).perform()
        self.assertEqual(set(self.claims.mapped("dealer_claim_state")), {"settled"})
        self.assertEqual(self._credit_notes(), 3)

    def test_never_twice(self):
        """A second click while queued is refused (at once or queued); the job performed twice settles once."""
        with trap_jobs() as trap:
            self._settle()
            for claims in (self.claims, self.claims[:1]):
                with self.subTest(count=len(claims)), self.assertRefused(UserError, "already being processed"):
                    self._settle(claims)
            trap.assert_jobs_count(1)
            job = trap.enqueued_jobs[0]
            trap.perform_enqueued_jobs()
        self.assertIn("Nothing to do", job.perform())
        self.assertEqual(self._credit_notes(), 3)

    def test_dealer_user_cannot_queue_nor_forge_status(self):
        """A Dealer User may not settle (nor queue) claims, nor write the job status; nothing written."""
        with trap_jobs() as trap:
            with self.assertRefused(AccessError, "Only a Dealer Manager may settle"):
                self.claims.with_user(self.dealer_user).action_dealer_claim_settle()
            trap.assert_jobs_count(0)
        with self.assertRefused(AccessError, "set by the job itself"):
            self.claims.with_user(self.dealer_manager).write({"dealer_job_state": "done"})
        self.assertFalse(self.claims.filtered("dealer_job_state"))
        self.assertEqual(self._credit_notes(), 0)
