"""Attacks on service inspections and their findings, each performed as the attacking user."""
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import InspectionCommon


@tagged("post_install", "-at_install")
class TestSecurityInspection(InspectionCommon):

    def setUp(self):
        super().setUp()
        self.inspection = self.env["dealer.service.inspection"].create({
            "dealer_id": self.dealer_1.id,
            "template_id": self.env.ref("dealer_service_inspection.inspection_template_default").id,
        })

    def test_writing_inspection_state(self):
        with self.assertRefused(AccessError, "change only through its buttons"):
            self.inspection.with_user(self.dealer_user).write({"state": "done"})
        self.assertEqual(self.inspection.state, "draft")

    def test_dealer_user_reopening_inspection(self):
        self.inspection.action_done()
        with self.assertRefused(AccessError, "Only a Dealer Manager may reopen"):
            self.inspection.with_user(self.dealer_user).action_draft()
        self.assertEqual(self.inspection.state, "done")

    def test_closing_finding_by_write(self):
        finding = self.env["dealer.service.finding"].create({
            "inspection_id": self.inspection.id, "name": "No price tags", "deadline": date(2025, 6, 1),
        })
        with self.assertRefused(AccessError, "change only through its buttons"):
            finding.with_user(self.dealer_user).write({"state": "closed"})
        self.assertEqual(finding.state, "open")
