"""A large assessment is computed in the background (queue_job's own test helpers: jobs trapped and performed)."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dealer_queue.tests.common import trap_jobs

from .common import AssessmentCase
from .xlsx_reader import read_xlsx


@tagged("post_install", "-at_install")
class TestAssessmentQueue(AssessmentCase):
    """Three dealers × four KPIs = twelve scorecard lines: queued above a threshold of ten lines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.dealer_queue_line_threshold = 10

    def _queued(self):
        """A draft assessment whose computation the Dealer Manager queued: (assessment, trap)."""
        assessment = self._assessment()
        jobs = self.enterContext(trap_jobs())
        answer = assessment.with_user(self.dealer_manager).action_compute()
        self.assertEqual(answer["tag"], "display_notification")
        return assessment, jobs

    def test_small_assessment_computed_at_once(self):
        self.env.company.dealer_queue_line_threshold = 12
        assessment = self._assessment()
        with trap_jobs() as trap:
            assessment.with_user(self.dealer_manager).action_compute()
            trap.assert_jobs_count(0)
        self.assertEqual(len(assessment.scorecard_ids), 3)
        self.assertFalse(assessment.dealer_job_state)

    def test_large_assessment_queued_then_computed(self):
        assessment, trap = self._queued()
        trap.assert_jobs_count(1, only=assessment._dealer_job_compute)
        self.assertEqual(assessment.dealer_job_state, "queued")
        self.assertFalse(assessment.scorecard_ids)
        trap.perform_enqueued_jobs()
        self.assertEqual(assessment.dealer_job_state, "done")
        self.assertEqual(len(assessment.scorecard_ids), 3)
        self.assertEqual(len(assessment.scorecard_ids.line_ids), 12)
        self.assertIn("3 scorecards computed", assessment.message_ids[0].body)

    def test_failure_keeps_nothing_then_retry(self):
        """Two assessments in one job, the second refused after the first was computed (its territory removed
        meanwhile): the first keeps no scorecard, both say why and the manager gets a to-do; with the territory
        back, computing again succeeds."""
        first = self._assessment()
        second = self._assessment(scope="territory", grade_id=False, territory_id=self.zhejiang.id)
        with trap_jobs() as trap:
            (first | second).with_user(self.dealer_manager).action_compute()
            trap.assert_jobs_count(1)
            second.territory_id = False
            trap.perform_enqueued_jobs()
        self.assertFalse(self.env["dealer.scorecard"].search([("assessment_id", "in", (first | second).ids)]))
        self.assertFalse(first.date_computed)
        self.assertEqual((first | second).mapped("dealer_job_state"), ["failed", "failed"])
        self.assertIn("Choose the territory", first.dealer_job_message)
        self.assertEqual(first.activity_ids.user_id, self.dealer_manager)
        second.territory_id = self.zhejiang
        with trap_jobs() as retry:
            (first | second).with_user(self.dealer_manager).action_compute()
            retry.perform_enqueued_jobs()
        self.assertEqual((first | second).mapped("dealer_job_state"), ["done", "done"])
        self.assertEqual(len(first.scorecard_ids), 3)
        self.assertEqual(len(second.scorecard_ids), 2)

    def test_never_twice(self):
        """A second click while queued is refused; a job run again after success does nothing."""
        assessment, trap = self._queued()
        with self.assertRefused(UserError, "already being processed in the background"):
            assessment.with_user(self.dealer_manager).action_compute()
        trap.assert_jobs_count(1)
        job = trap.enqueued_jobs[0]
        trap.perform_enqueued_jobs()
        scorecards = assessment.scorecard_ids
        self.assertIn("Nothing to do", job.perform())
        self.assertEqual(assessment.scorecard_ids, scorecards)

    def test_reviewed_meanwhile_is_not_recomputed(self):
        """Reviewed between the click and the job: the job refuses, the reviewed scorecards stay as they were."""
        self.env.company.dealer_queue_line_threshold = 0  # 0: always at once
        assessment = self._assessment()
        assessment.action_compute()
        self.env.company.dealer_queue_line_threshold = 10
        scorecards = assessment.scorecard_ids
        with trap_jobs() as trap:
            assessment.with_user(self.dealer_manager).action_compute()
            assessment.action_review()
            trap.perform_enqueued_jobs()
        self.assertEqual(assessment.state, "reviewed")
        self.assertEqual(assessment.scorecard_ids, scorecards)
        self.assertEqual(assessment.dealer_job_state, "failed")

    def test_salesperson_cannot_queue_nor_forge(self):
        """A Dealer User may not compute (nothing queued) nor write the job status (nothing written)."""
        assessment = self._assessment()
        with trap_jobs() as trap, self.assertRefused(AccessError, "Only a Dealer Manager may compute"):
            assessment.with_user(self.salesman).action_compute()
        trap.assert_jobs_count(0)
        with self.assertRefused(AccessError, "set by the job itself"):
            assessment.with_user(self.dealer_manager).write({"dealer_job_state": "done"})
        self.assertFalse(assessment.dealer_job_state)

    def test_large_export_made_in_the_background(self):
        """An export of more lines than the threshold is queued by a salesperson and attached when made; a second
        click while queued is refused; the workbook holds every dealer."""
        self.env.company.dealer_queue_line_threshold = 0
        assessment = self._assessment()
        assessment.action_compute()
        self.env.company.dealer_queue_line_threshold = 10
        with trap_jobs() as trap:
            answer = assessment.with_user(self.dealer_user).action_export_xlsx()
            self.assertEqual(answer["tag"], "display_notification")
            with self.assertRefused(UserError, "already being processed in the background"):
                assessment.with_user(self.dealer_user).action_export_xlsx()
            trap.assert_jobs_count(1, only=assessment._dealer_job_export_xlsx)
            trap.perform_enqueued_jobs()
        attachment = self.env["ir.attachment"].search([("res_model", "=", "dealer.assessment"),
                                                       ("res_id", "=", assessment.id)])
        self.assertEqual(attachment.name, assessment._export_xlsx_filename())
        made, at_once = read_xlsx(attachment.raw), read_xlsx(assessment.with_user(self.dealer_user)._export_xlsx())
        self.assertEqual(made["Ranking"][0], at_once["Ranking"][0])
        self.assertEqual(made["KPI Details"][0], at_once["KPI Details"][0])
        self.assertEqual(assessment.dealer_job_state, "done")
