"""Issue 15: checked points scored under the checklist's threshold propose findings, once per point."""
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin

from .common import InspectionCommon

DAY = date(2026, 5, 4)
DONE = r"Service inspection .* is Done: its findings were proposed when it was completed"


class FindingsCommon(InspectionCommon):
    """The test checklist (Showroom, Handover, Repair time) proposes findings under 60, the default."""

    def _findings(self, inspection, state=None):
        self.env.invalidate_all()
        domain = [("inspection_id", "=", inspection.id)] + ([("state", "=", state)] if state else [])
        return self.env["dealer.service.finding"].search(domain, order="id")


@tagged("post_install", "-at_install")
class TestInspectionFindings(FindingsCommon):

    def test_completion_proposes_findings_under_threshold(self):
        """80, 50, 30 under 60: Handover and Repair time get a proposed finding, due in 30 days, no to-do yet."""
        self.assertEqual(self.template.finding_threshold, 60.0)
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 30))
        findings = self._findings(inspection)
        self.assertEqual(findings.mapped("inspection_line_id.name"), ["Handover", "Repair time"])
        self.assertEqual(findings.mapped("name"), ["Handover: scored 50, under 60", "Repair time: scored 30, under 60"])
        self.assertEqual(set(findings.mapped("state")), {"draft"})
        self.assertEqual(set(findings.mapped("deadline")), {fields.Date.context_today(self.env.user)
                                                            + relativedelta(days=30)})
        self.assertFalse(findings.activity_ids)

    def test_score_at_threshold_proposes_nothing(self):
        inspection = self._inspection(self.dealer_1, DAY, (60, 60, 100))
        self.assertFalse(self._findings(inspection))

    def test_proposing_twice_proposes_once(self):
        """The button, twice, then the completion: each low point has one finding."""
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 30), done=False)
        inspection.action_propose_findings()
        self.assertEqual(len(self._findings(inspection)), 2)
        inspection.action_propose_findings()
        self.assertEqual(len(self._findings(inspection)), 2)
        inspection.action_done()
        self.assertEqual(len(self._findings(inspection)), 2)

    def test_discarded_proposal_not_proposed_again(self):
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 30), done=False)
        inspection.action_propose_findings()
        handover = self._findings(inspection)[0]
        handover.action_discard()
        inspection.action_propose_findings()
        inspection.action_done()
        self.assertEqual(self._findings(inspection).mapped("state"), ["discarded", "draft"])

    def test_note_of_point_becomes_correction(self):
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 90), done=False)
        inspection.line_ids[1].note = "Keys handed over without explanation"
        inspection.action_propose_findings()
        self.assertEqual(self._findings(inspection).action, "Keys handed over without explanation")

    def test_threshold_of_checklist(self):
        """A checklist proposing under 40: only Repair time (30)."""
        self.template.finding_threshold = 40.0
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 30))
        self.assertEqual(inspection.line_ids.mapped("finding_threshold"), [40.0, 40.0, 40.0])
        self.assertEqual(self._findings(inspection).inspection_line_id.name, "Repair time")

    def test_threshold_of_one_point(self):
        """The inspector raises one point's threshold on a draft inspection."""
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 90), done=False)
        inspection.line_ids[0].finding_threshold = 85.0
        inspection.action_done()
        self.assertEqual(self._findings(inspection).mapped("inspection_line_id.name"), ["Showroom", "Handover"])

    def test_threshold_outside_0_100_refused(self):
        for value in (-1.0, 100.5):
            with self.subTest(value=value), self.assertRefused(ValidationError, "must lie between 0 and 100"):
                self.template.finding_threshold = value
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 90), done=False)
        with self.assertRefused(ValidationError, "must lie between 0 and 100"):
            inspection.line_ids[0].finding_threshold = 101.0
        self.assertEqual(self.template.finding_threshold, 60.0)
        self.assertEqual(inspection.line_ids[0].finding_threshold, 60.0)

    def test_confirmed_proposal_opens_correction(self):
        self.dealer_1.user_id = self.salesman
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 90))
        finding = self._findings(inspection)
        finding.with_user(self.dealer_user).action_confirm()
        self.assertEqual(finding.state, "open")
        self.assertEqual(finding.activity_ids.user_id, self.salesman)
        self.assertEqual(finding.activity_ids.date_deadline, finding.deadline)

    def test_proposal_confirmed_before_completion_opens_correction_then(self):
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 90), done=False)
        inspection.action_propose_findings()
        finding = self._findings(inspection)
        finding.action_confirm()
        self.assertFalse(finding.activity_ids)
        inspection.action_done()
        self.assertEqual(len(finding.activity_ids), 1)

    def test_proposal_of_done_inspection_editable_until_confirmed(self):
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 90))
        finding = self._findings(inspection).with_user(self.dealer_user)
        finding.write({"name": "Handover too fast", "action": "Explain the car for 30 minutes"})
        finding.action_confirm()
        with self.assertRefused(UserError, "A done service inspection cannot be changed"):
            finding.write({"name": "Nothing"})
        self.assertEqual(finding.name, "Handover too fast")


@tagged("post_install", "-at_install")
class TestInspectionFindingsRefused(FindingsCommon):
    """Attacks on the proposals: each refused, nothing written."""

    def test_proposing_on_done_inspection(self):
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 30))
        self._findings(inspection).action_discard()
        with self.assertRefused(UserError, DONE):
            inspection.with_user(self.dealer_user).action_propose_findings()
        self.assertEqual(self._findings(inspection).mapped("state"), ["discarded", "discarded"])

    def test_confirming_or_discarding_twice(self):
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 30))
        confirmed, discarded = self._findings(inspection)
        confirmed.action_confirm()
        discarded.action_discard()
        with self.assertRefused(UserError, "cannot be confirmed: it is Discarded, not proposed"):
            discarded.with_user(self.dealer_user).action_confirm()
        with self.assertRefused(UserError, "cannot be discarded: it is Open, not proposed"):
            confirmed.with_user(self.dealer_user).action_discard()
        self.assertEqual(self._findings(inspection).mapped("state"), ["open", "discarded"])

    def test_dealer_user_writing_proposal_state_or_point(self):
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 30))
        proposal = self._findings(inspection)[0].with_user(self.dealer_user)
        for vals in ({"state": "open"}, {"inspection_line_id": inspection.line_ids[0].id}):
            with self.subTest(vals=vals), self.assertRefused(AccessError, "change only through its buttons"):
                proposal.write(vals)
        self.assertRecordValues(proposal, [{"state": "draft", "inspection_line_id": inspection.line_ids[1].id}])

    def test_dealer_user_creating_finding_on_a_point(self):
        """A finding of a point made by hand would keep the point from being proposed."""
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 30), done=False)
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.env["dealer.service.finding"].with_user(self.dealer_user).create({
                "inspection_id": inspection.id, "inspection_line_id": inspection.line_ids[1].id, "name": "x",
                "deadline": DAY,
            })
        self.assertFalse(self._findings(inspection))

    def test_second_finding_of_a_point_refused(self):
        """The model refuses it before the write; two at the same moment, the unique index (race test)."""
        inspection = self._inspection(self.dealer_1, DAY, (80, 50, 90))
        Finding = self.env["dealer.service.finding"]._dealer_trusted()
        with self.assertRefused(ValidationError, "Checked point Handover already has finding Handover: scored 50"):
            Finding.create({"inspection_id": inspection.id, "inspection_line_id": inspection.line_ids[1].id,
                            "name": "Twice", "deadline": DAY})
        self.assertEqual(len(self._findings(inspection)), 1)


@tagged("post_install", "-at_install")
class TestInspectionFindingsRpc(CallKwMixin, HttpCase, FindingsCommon):
    """The proposal buttons called through /web/dataset/call_kw."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls._create_portal_user(cls.dealer_1, "svf_portal_1")
        cls.inspection = cls._inspection(cls.dealer_1, DAY, (80, 50, 30), done=False)

    def _call_as(self, user, method, model="dealer.service.inspection", ids=None):
        self.authenticate(user.login, user.login)
        return self._call_kw(model, method, [ids or self.inspection.ids])[1]

    def test_proposing_on_done_inspection_over_rpc(self):
        self.inspection.action_done()
        count = len(self._findings(self.inspection))
        error = self._call_as(self.dealer_user, "action_propose_findings")
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertRegex(error["message"], DONE)
        self.assertEqual(len(self._findings(self.inspection)), count)

    def test_private_proposal_over_rpc(self):
        """The proposal without the draft check is not callable."""
        error = self._call_as(self.dealer_manager, "_dealer_propose_findings")
        self.assertTrue(error)
        self.assertFalse(self._findings(self.inspection))

    def test_staff_and_portal_proposing_over_rpc(self):
        """An internal user outside the dealer suite and a dealer's portal user have no right on inspections."""
        for user in (self.contact_creator, self.portal_user):
            with self.subTest(user=user.login):
                error = self._call_as(user, "action_propose_findings")
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertFalse(self._findings(self.inspection))

    def test_portal_confirming_proposal_over_rpc(self):
        self.inspection.action_propose_findings()
        proposal = self._findings(self.inspection)[0]
        for user in (self.contact_creator, self.portal_user):
            with self.subTest(user=user.login):
                error = self._call_as(user, "action_confirm", "dealer.service.finding", proposal.ids)
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self._findings(self.inspection).mapped("state"), ["draft", "draft"])

    def test_dealer_user_creating_finding_on_a_point_over_rpc(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        _result, error = self._call_kw("dealer.service.finding", "create", [{
            "inspection_id": self.inspection.id, "inspection_line_id": self.inspection.line_ids[2].id,
            "name": "x", "deadline": str(DAY),
        }])
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertFalse(self._findings(self.inspection))
