"""Serial re-matching in bulk: lines whose serial was unknown when they were recorded, or whose serial was another
dealer's, matched and judged again later; at once, or as one background job (queue_job's own test helpers)."""
from functools import partial

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin
from odoo.addons.dealer_management.tests.common_lines_lock import LinesLockMixin
from odoo.addons.dealer_queue.tests.common import QueuedJobMixin, trap_jobs

from .common import SelloutTestCommon

MANAGER_ONLY = "Only a Dealer Manager may re-match the serials of retail sales"


class SelloutRematchCommon(SelloutTestCommon):
    """Dealer A recorded three draft sales of serials not registered yet (VIN-R-001..003) and confirmed one
    (VIN-R-004, "unknown"); the four serials are then registered and delivered to dealer A. VIN-R-005 is sold by
    dealer B, confirmed while the serial was not delivered ("not delivered"); it stays so."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.drafts = cls.Sellout
        for name in ("VIN-R-001", "VIN-R-002", "VIN-R-003"):
            cls.drafts |= cls._sellout(cls, lot_name=name)
        cls.confirmed = cls._sellout(cls, lot_name="VIN-R-004")
        cls.confirmed.action_confirm()
        cls.lots = cls._stock_serials(["VIN-R-001", "VIN-R-002", "VIN-R-003", "VIN-R-004", "VIN-R-005"])
        cls.other = cls._sellout(cls, dealer=cls.dealer_b, lot_name="VIN-R-005", customer_state_id=cls.state_js.id,
                                 customer_city="南京")
        cls.other.action_confirm()
        cls._deliver(cls.dealer_a, cls.lots[:4])
        cls.lines = cls.drafts | cls.confirmed
        cls.Rematch = cls.env["dealer.sellout.rematch"]

    def _figures(self):
        self.env.invalidate_all()
        return ([(line.lot_id, line.serial_status, line.write_date) for line in self.lines | self.other],
                self.lots.dealer_sellout_id, self.Rematch.search_count([]))

    def _assert_matched(self):
        self.env.invalidate_all()
        self.assertEqual(self.drafts.lot_id, self.lots[:3])
        self.assertEqual(set(self.drafts.mapped("serial_status")), {False}, "a draft is judged at confirmation")
        self.assertEqual((self.confirmed.lot_id, self.confirmed.serial_status), (self.lots[3], "ok"))
        self.assertEqual(self.lots[3].dealer_sellout_id, self.confirmed)
        self.assertEqual(self.other.serial_status, "not_delivered")


@tagged("post_install", "-at_install")
class TestSelloutRematch(QueuedJobMixin, SelloutRematchCommon):

    def test_rematch_at_once_applies_once(self):
        """Under the threshold the lines are matched in the request; run again, nothing more changes."""
        self.assertFalse(self.drafts.lot_id)
        self.assertEqual(self.confirmed.serial_status, "unknown")
        with trap_jobs() as trap:
            answer = self.lines.with_user(self.dealer_manager).action_dealer_rematch_serials()
            trap.assert_jobs_count(0)
        self.assertIn("4 serials matched, 1 serial statuses", answer["params"]["message"])
        self._assert_matched()
        before = self._figures()
        answer = self.Sellout.with_user(self.dealer_manager).action_dealer_rematch_serials()
        self.assertIn("0 serials matched, 0 serial statuses", answer["params"]["message"])
        self.assertEqual(self._figures(), before)

    def test_rematch_is_set_based(self):
        """The same queries for one line as for two (one UPDATE matches the serials of all of them)."""
        def queries(lines):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            matched, _changed = lines._dealer_serial_rematch()
            self.env.flush_all()
            self.assertEqual(matched, lines)
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(self.drafts[:1]), queries(self.drafts[1:]))

    def test_line_matched_meanwhile_left_as_it_is(self):
        """A line a manager matched by hand before the re-matching ran keeps its serial."""
        spare = self._stock_serials(["VIN-R-900"])
        self.drafts[0].write({"lot_id": spare.id})
        self.Sellout.with_user(self.dealer_manager).action_dealer_rematch_serials()
        self.assertEqual(self.drafts[0].lot_id, spare)
        self.assertEqual(self.drafts[1:].lot_id, self.lots[1:3])

    def test_large_rematch_queued_then_done(self):
        """Above the threshold: one run, queued, the lines untouched; the job matches them and says so."""
        self.company.dealer_queue_line_threshold = 2
        before = self._figures()
        with trap_jobs() as trap:
            answer = self.Sellout.with_user(self.dealer_manager).action_dealer_rematch_serials()
            trap.assert_jobs_count(1)
            rematch = self.Rematch.search([])
            self.assertEqual(trap.enqueued_jobs[0].method_name, "_dealer_job_rematch")
            self.assertEqual(answer["tag"], "display_notification")
            self.assertEqual((rematch.dealer_job_state, rematch.job_progress, rematch.line_count),
                             ("queued", "queued", 5))
            self.assertEqual(rematch.sellout_ids, self.lines | self.other, "every line still to re-match")
            self.assertEqual(rematch.dealer_job_user_id, self.dealer_manager)
            self.assertEqual(self._figures()[:2], before[:2])
            job = trap.enqueued_jobs[0]
            trap.perform_enqueued_jobs()
        self._assert_matched()
        self.assertEqual((rematch.dealer_job_state, rematch.job_progress), ("done", "done"))
        self.assertEqual((rematch.matched_count, rematch.changed_count), (4, 1))
        self.assertIn("4 serials matched", rematch.message_ids[0].body)
        self.assertIn(self.dealer_manager.partner_id, rematch.message_ids[0].partner_ids)
        # performed again (a retried job): nothing to do, nothing changes
        after = self._figures()
        self.assertIn("Nothing to do", job.perform())
        self.assertEqual(self._figures(), after)

    def test_running_job_shown(self):
        """The runner started the stored job: the run says running."""
        self.company.dealer_queue_line_threshold = 2
        self.Sellout.with_user(self.dealer_manager).action_dealer_rematch_serials()
        rematch = self.Rematch.search([])
        self.env["queue.job"].search([("uuid", "=", rematch.dealer_job_uuid)]).state = "started"
        rematch.invalidate_recordset(["job_progress"])
        self.assertEqual(rematch.job_progress, "running")
        self._run(rematch)
        self.assertEqual(rematch.job_progress, "done")
        self._assert_matched()

    def test_refused_job_keeps_nothing_and_can_be_retried(self):
        """Work refused after the serials were matched: the savepoint drops the matching too, the run says failed
        with a to-do for the manager; the same button again queues a new run, which matches the lines."""
        self.company.dealer_queue_line_threshold = 2
        before = self._figures()
        self.Sellout.with_user(self.dealer_manager).action_dealer_rematch_serials()
        rematch = self.Rematch.search([]).with_user(self.dealer_manager)

        def rematch_then_refuse(runs):
            runs._dealer_rematch()
            raise UserError("refused after the matching")  # pylint: disable=translation-required

        self.assertIn("refused after the matching", rematch._dealer_job_perform(rematch_then_refuse))
        self.assertEqual(self._figures()[:2], before[:2])
        self.assertEqual((rematch.dealer_job_state, rematch.job_progress), ("failed", "failed"))
        self.assertEqual(rematch.activity_ids.user_id, self.dealer_manager)
        self.assertEqual((rematch.matched_count, rematch.changed_count), (0, 0))
        self.Sellout.with_user(self.dealer_manager).action_dealer_rematch_serials()
        retry = self.Rematch.search([], limit=1)
        self.assertNotEqual(retry, rematch)
        self._run(retry)
        self.assertEqual(retry.dealer_job_state, "done")
        self._assert_matched()

    def test_unexpected_failure_then_requeue(self):
        """queue_job gives up on the job (an unexpected error): the run says failed, nothing matched; queue_job's
        Requeue queues it again and the job then matches the lines."""
        self.company.dealer_queue_line_threshold = 2
        before = self._figures()
        self.Sellout.with_user(self.dealer_manager).action_dealer_rematch_serials()
        rematch = self.Rematch.search([])
        self._fail_job(rematch)
        self.assertEqual(rematch.dealer_job_state, "failed")
        self.assertIn("could not serialize access", rematch.dealer_job_message)
        self.assertEqual(self._figures()[:2], before[:2])
        self._requeue(rematch)
        self.assertEqual(rematch.dealer_job_state, "queued")
        self._run(rematch)
        self.assertEqual(rematch.dealer_job_state, "done")
        self._assert_matched()

    def test_scheduled_action_queues_every_line_to_rematch(self):
        """The scheduled action re-matches every line still to re-match (one job above the threshold)."""
        self.company.dealer_queue_line_threshold = 2
        with trap_jobs() as trap:
            self.Rematch._cron_dealer_rematch_serials()
            trap.assert_jobs_count(1)
            self.assertEqual(self.Rematch.search([]).sellout_ids, self.lines | self.other)
            trap.perform_enqueued_jobs()
        self._assert_matched()

    def test_salesperson_and_portal_user_refused(self):
        """Neither a salesperson nor a dealer's portal user may re-match: refused, nothing written."""
        portal = self._create_portal_user(self.dealer_a, "rematch_portal_a")
        before = self._figures()
        for user in (self.salesman, portal):
            with self.subTest(user=user.login), self.assertRefused(AccessError, MANAGER_ONLY):
                self.lines.with_user(user).action_dealer_rematch_serials()
            with self.subTest(user=user.login), self.assertRefused(AccessError, "not allowed"):
                self.Rematch.with_user(user).create({"name": "forged", "sellout_ids": [(6, 0, self.lines.ids)]})
        self.assertEqual(self._figures(), before)


@tagged("post_install", "-at_install")
class TestSelloutRematchRpc(LinesLockMixin, CallKwMixin, HttpCase, SelloutRematchCommon):
    """The same attacks through /web/dataset/call_kw."""

    def test_salesperson_and_portal_user_refused_over_rpc(self):
        portal = self._create_portal_user(self.dealer_a, "rematch_portal_rpc")
        before = self._figures()
        for user in (self.salesman, portal):
            refused = partial(self.assertCallKwRefused, user, "AccessError")
            refused(MANAGER_ONLY, "dealer.sellout", "action_dealer_rematch_serials", [self.lines.ids])
            refused("not allowed", "dealer.sellout.rematch", "create", [{"name": "forged"}])
            refused("cannot be called remotely", "dealer.sellout.rematch", "_dealer_job_rematch", [[]])
        self.assertEqual(self._figures(), before)


@tagged("post_install", "-at_install")
class TestSelloutUploadRematch(SelloutTestCommon):
    """The batch of a queued upload: its lines re-matched from the upload's form."""

    def test_upload_lines_rematched(self):
        self.company.dealer_queue_line_threshold = 1
        with trap_jobs() as trap:
            _sellouts, upload = self.env["dealer.sellout.upload"].with_user(self.dealer_manager)._dealer_sellout_record(
                self.dealer_a, [{"dealer_id": self.dealer_a.id, "product_id": self.vehicle.id, "lot_name": name,
                                 "quantity": 1, "price_unit": 120000.0} for name in ("VIN-U-001", "VIN-U-002")])
            trap.perform_enqueued_jobs()
        self.assertEqual(len(upload.sellout_ids), 2)
        self.assertFalse(upload.sellout_ids.lot_id)
        lots = self._stock_serials(["VIN-U-001", "VIN-U-002"])
        self.company.dealer_queue_line_threshold = 5
        upload.with_user(self.dealer_manager).action_dealer_rematch_serials()
        self.assertEqual(upload.sellout_ids.lot_id, lots)
        with self.assertRefused(AccessError, MANAGER_ONLY):
            upload.with_user(self.salesman).action_dealer_rematch_serials()
