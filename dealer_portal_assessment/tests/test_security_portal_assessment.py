"""Attacks on the scorecards and correction plans: JSON-RPC calls, report URLs and form posts as portal users."""
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DealerAssessmentPagesCase

REFUSED_WRITE = r"not allowed to modify|doesn't have 'write' access|kept as given|change only through"


@tagged("post_install", "-at_install")
class TestSecurityPortalAssessment(DealerAssessmentPagesCase):

    def _b_records(self):
        return {
            "dealer.scorecard": self.scorecard_b, "dealer.scorecard.line": self.scorecard_b.line_ids,
            "dealer.correction.plan": self.plan_b, "dealer.correction.plan.line": self.plan_b.line_ids,
        }

    # ------------------------------------------------------------------ reading another dealer's assessment
    def test_owner_a_reads_b_assessment_over_rpc(self):
        self._login(self.owner_a)
        self._assert_rpc_reads_refused(self._b_records())

    def test_owner_a_reads_its_own_scorecard_over_rpc(self):
        """The control of the attack above: the same call on A's scorecard is answered."""
        self._login(self.owner_a)
        result, error = self._call_kw("dealer.scorecard", "read", [self.scorecard_a.ids], {"fields": ["total"]})
        self.assertIsNone(error)
        self.assertEqual(result[0]["total"], 72.5)

    def test_staff_reads_owner_models_over_rpc(self):
        self._login(self.portal_a)
        self._assert_rpc_reads_refused({
            "dealer.scorecard": self.scorecard_a, "dealer.correction.plan": self.plan_a,
        }, staff=True)

    def test_staff_has_no_access_to_owner_models(self):
        self._assert_no_access(self.portal_a, self._b_records())

    # ------------------------------------------------------------------ answering another dealer's actions
    def test_owner_answers_b_correction_action_through_the_route(self):
        self._login(self.owner_a)
        line = self.plan_b.line_ids
        for url in (f"/my/correction-plans/{self.plan_b.id}/actions/{line.id}",
                    f"/my/correction-plans/{self.plan_a.id}/actions/{line.id}"):
            with self.subTest(url=url):
                self.assertEqual(self._post(url, {"note": "hijack"}).status_code, 404)
        self.assertFalse(line.dealer_note)

    def test_owner_writes_the_answer_fields_over_rpc(self):
        self._login(self.owner_a)
        result, error = self._call_kw("dealer.correction.plan.line", "write",
                                      [self.plan_a.line_ids.ids, {"dealer_note": "forged"}])
        self.assertIsNone(result)
        self.assertRegex(error["message"], REFUSED_WRITE)
        self.assertFalse(self.plan_a.line_ids.dealer_note)

    # ------------------------------------------------------------------ B's documents with A's session
    def test_owner_a_downloads_b_documents_on_the_portal(self):
        self._login(self.owner_a)
        self._assert_pages_not_found(
            [f"/my/scorecards/{self.scorecard_b.id}/pdf", f"/my/correction-plans/{self.plan_b.id}"],
            self.dealer_b.name,
        )

    @mute_logger("odoo.http")  # Odoo's report route logs the refusal it answers
    def test_owner_a_downloads_b_scorecard_through_the_report_url(self):
        self._login(self.owner_a)
        self._assert_reports_refused([("dealer_assessment.report_dealer_scorecard", self.scorecard_b)],
                                     self.dealer_b.name)
