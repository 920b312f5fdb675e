"""Issue 14: the lines of a locked document lock with it (``dealer.workflow.line.mixin``).

Contracts (targets, rebate tiers), approved applications (documents, evaluation lines), validated stock reports,
confirmed rebates (bonuses and penalties) and scheduled price adjustments (new prices): every way of changing
their lines is performed as the attacking user, through the ORM and JSON-RPC ``call_kw``, refused, and the
lines read the same afterwards. The Dealer Manager attacks where Dealer Users have no right on the lines at all:
the lock holds for the most privileged users who are not the document's own code.
"""
from datetime import date, timedelta
from functools import partial

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import CallKwMixin, DealerTestCommon
from .common_lines_lock import LinesLockMixin
from .test_security_masterdata import credit_code

TARGETS_LOCKED = "The targets of the active contract .* can only be changed through Adjust Target"
TIERS_LOCKED = r"is active: its terms \(Rebate Tiers\) cannot be edited directly. Use Amend"
APPLICATION_LOCKED = "is approved: it documents how the dealer was admitted and can no longer be changed"
REPORT_LOCKED = "Stock report .* is Validated: its lines can no longer be changed"
REBATE_LOCKED = "Rebate .* is Confirmed: its bonuses and penalties can no longer be changed"
PRICES_LOCKED = "Price adjustment .* is Scheduled: it(s prices)? can no longer be changed"


class LinesLockManagementCommon(LinesLockMixin, DealerTestCommon):
    """One locked and one draft document of each kind, each with lines."""

    run_as_superuser = True  # the set-up acts as the administrator entering data

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer = cls._create_dealer("Lines Lock Trading", state="active")
        cls.contract = cls._contract(date(2025, 1, 1), date(2025, 12, 31))
        cls.draft_contract = cls._contract(date(2026, 1, 1), date(2026, 12, 31), activate=False)
        cls.product = cls._create_product(name="Lines Lock Pump", type="consu")
        cls.report = cls._report(date(2025, 6, 30))
        cls.report.with_user(cls.dealer_manager).action_validate()
        cls.draft_report = cls._report(date(2025, 7, 31))
        cls.rebate = cls._rebate(date(2025, 1, 1), date(2025, 3, 31))
        cls.rebate.with_user(cls.dealer_manager).action_confirm()
        cls.draft_rebate = cls._rebate(date(2025, 4, 1), date(2025, 6, 30))
        cls.pricelist = cls.env["product.pricelist"].create({"name": "Lines Lock Dealers"})
        cls.grade_core.pricelist_id = cls.pricelist
        cls.adjustment = cls._adjustment(600.0)
        cls.adjustment.with_user(cls.dealer_manager).action_confirm()
        cls.draft_adjustment = cls._adjustment(700.0)
        cls._setup_applications()

    @classmethod
    def _contract(cls, date_start, date_end, activate=True):
        return cls._create_contract(
            cls.dealer, date_start, date_end, activate=activate,
            target_ids=[Command.create({"period_type": "quarter", "date_start": date_start,
                                        "date_end": date_start.replace(month=3, day=31), "amount": 100000.0})],
            rebate_tier_ids=[Command.create({"achievement_min": 0.0, "rebate_percent": 1.0})],
        )

    @classmethod
    def _report(cls, day):
        return cls.env["dealer.stock.report"].create({
            "partner_id": cls.dealer.id, "date": day,
            "line_ids": [Command.create({"product_id": cls.product.id, "quantity": 40.0})],
        })

    @classmethod
    def _rebate(cls, date_from, date_to):
        rebate = cls.env["dealer.rebate"].create(
            {"contract_id": cls.contract.id, "date_from": date_from, "date_to": date_to})
        rebate._add_adjustment_line("penalty", "Late stock reports", 500.0)
        return rebate

    @classmethod
    def _adjustment(cls, price):
        return cls.env["dealer.price.adjustment"].create({
            "grade_ids": [Command.set(cls.grade_core.ids)], "reason": "Copper cost",
            "date_effective": fields.Date.today() + timedelta(days=10),
            "line_ids": [Command.create({"product_tmpl_id": cls.product.product_tmpl_id.id, "new_price": price})],
        })

    @classmethod
    def _setup_applications(cls):
        cls.licence = cls.env.ref("dealer_management.dealer_document_type_business_licence")
        cls.statements = cls.env.ref("dealer_management.dealer_document_type_financial_statements")
        cls.tax = cls.env.ref("dealer_management.dealer_document_type_tax")
        cls.grade_core.document_type_ids = cls.licence
        cls.application, cls.draft_application = cls.env["dealer.application"].create([{
            "company_name": name, "credit_code": credit_code(code), "proposed_grade_id": cls.grade_core.id,
            "document_ids": [Command.create({"document_type_id": cls.statements.id, "note": "2024 accounts"})],
        } for name, code in (("Approved Applicant Ltd.", "91330100000000021"),
                             ("Draft Applicant Ltd.", "91330100000000022"))])
        for application in (cls.application, cls.draft_application):
            for line in application.document_ids:
                # as the form's upload widget stores them: a file of the document line
                line.attachment_ids = cls.env["ir.attachment"].create({
                    "name": f"{line.document_type_id.name}.pdf", "raw": b"%PDF-1.4 test",
                    "res_model": line._name, "res_id": line.id,
                })
        cls.application.criterion_ids.write({"score": 90.0})
        cls.application.action_submit()
        cls.application.action_start_review()
        cls.application.with_user(cls.dealer_manager).action_approve()


@tagged("post_install", "-at_install")
class TestLinesLockManagement(LinesLockManagementCommon):

    def test_active_contract_targets(self):
        self.assertLinesLocked(
            self.dealer_manager, self.contract, "target_ids", TARGETS_LOCKED,
            {"period_type": "month", "date_start": date(2025, 5, 1), "date_end": date(2025, 5, 31), "amount": 1.0},
            {"amount": 1.0}, draft_document=self.draft_contract,
        )

    def test_active_contract_rebate_tiers(self):
        self.assertLinesLocked(
            self.dealer_manager, self.contract, "rebate_tier_ids", TIERS_LOCKED,
            {"achievement_min": 50.0, "rebate_percent": 90.0}, {"rebate_percent": 90.0},
            draft_document=self.draft_contract,
        )

    def test_approved_application_documents(self):
        self.assertLinesLocked(
            self.dealer_manager, self.application, "document_ids", APPLICATION_LOCKED,
            {"document_type_id": self.tax.id}, {"note": "forged"}, draft_document=self.draft_application,
        )

    def test_approved_application_evaluation(self):
        # moving a line to another application is refused first because a line keeps its application
        self.assertLinesLocked(
            self.dealer_manager, self.application, "criterion_ids",
            f"{APPLICATION_LOCKED}|keeps its application and criterion",
            {"criterion_id": self.application.criterion_ids[0].criterion_id.id}, {"score": 0.0},
            draft_document=self.draft_application,
        )

    def test_dealer_user_rewriting_approved_application_documents(self):
        """A Dealer User may edit the documents of an open application, not of an approved one."""
        documents = self.application.document_ids
        before = self._lines_snapshot((self.application, "document_ids"))
        statements = documents.filtered(lambda line: line.document_type_id == self.statements)
        forged = self.env["ir.attachment"].create({"name": "forged.pdf", "raw": b"%PDF-1.4 forged"})
        attacks = [
            lambda: statements.with_user(self.dealer_user).unlink(),
            lambda: statements.with_user(self.dealer_user).write({"attachment_ids": [Command.set(forged.ids)]}),
            lambda: self.env["dealer.application.document"].with_user(self.dealer_user).create(
                {"application_id": self.application.id, "document_type_id": self.tax.id}),
            lambda: self.draft_application.document_ids.filtered(lambda line: not line.required).with_user(
                self.dealer_user).write({"application_id": self.application.id}),
        ]
        for index, attack in enumerate(attacks):
            with self.subTest(attack=index), self.assertRefused(UserError, APPLICATION_LOCKED):
                attack()
        self.assertEqual(self._lines_snapshot((self.application, "document_ids")), before)
        self.draft_application.document_ids.with_user(self.dealer_user).write({"note": "2025 accounts"})

    def test_dealer_user_deleting_files_of_approved_application(self):
        """Whoever may write a document line may delete or replace its files in Odoo, without writing the line."""
        files = self.application.document_ids.attachment_ids
        before = [(attachment.id, attachment.raw) for attachment in files]
        for user in (self.dealer_user, self.dealer_manager):
            for name, attack in (("unlink", lambda u=user: files.with_user(u).unlink()),
                                 ("replace", lambda u=user: files.with_user(u).write({"raw": b"%PDF-1.4 forged"}))):
                with self.subTest(user=user.login, attack=name), self.assertRefused(UserError, APPLICATION_LOCKED):
                    attack()
        self.assertEqual([(attachment.id, attachment.raw) for attachment in files.exists()], before)
        self.draft_application.document_ids.attachment_ids.with_user(self.dealer_user).unlink()
        self.assertFalse(self.draft_application.document_ids.attachment_ids)

    def test_validated_stock_report_lines(self):
        self.assertLinesLocked(
            self.dealer_manager, self.report, "line_ids", REPORT_LOCKED,
            {"product_id": self.product.id, "quantity": 9999.0}, {"quantity": 0.0}, draft_document=self.draft_report,
        )

    def test_confirmed_rebate_bonuses_and_penalties(self):
        self.assertLinesLocked(
            self.dealer_manager, self.rebate, "line_ids", REBATE_LOCKED,
            {"kind": "bonus", "description": "Forged bonus", "amount": 99999.0}, {"amount": 0.0},
            draft_document=self.draft_rebate,
        )
        self.assertEqual(self.rebate.adjustment_amount, -500.0)

    def test_scheduled_price_adjustment_prices(self):
        self.assertLinesLocked(
            self.dealer_manager, self.adjustment, "line_ids", PRICES_LOCKED,
            {"product_tmpl_id": self._create_product(name="Other").product_tmpl_id.id, "new_price": 1.0},
            {"new_price": 1.0}, draft_document=self.draft_adjustment,
        )

    def test_stock_alerts_still_mark_validated_lines(self):
        """The stock alerts (the report's own code) still mark the lines of a validated report."""
        self.report.line_ids._dealer_trusted().write({"alert_sent": "overstock"})
        self.assertEqual(self.report.line_ids.alert_sent, "overstock")

    def test_draft_documents_lines_still_change(self):
        self.draft_contract.target_ids.with_user(self.dealer_manager).write({"amount": 1.0})
        self.draft_report.line_ids.with_user(self.dealer_manager).write({"quantity": 1.0})
        self.draft_rebate.line_ids.with_user(self.dealer_manager).write({"amount": 1.0})
        self.draft_adjustment.line_ids.with_user(self.dealer_manager).write({"new_price": 1.0})
        self.assertEqual(
            (self.draft_contract.target_total, self.draft_report.line_ids.quantity,
             self.draft_rebate.adjustment_amount, self.draft_adjustment.line_ids.new_price),
            (1.0, 1.0, -1.0, 1.0),
        )


@tagged("post_install", "-at_install")
class TestLinesLockManagementRpc(CallKwMixin, HttpCase, LinesLockManagementCommon):
    """The same attacks through /web/dataset/call_kw, as the web client or a script with a session would."""

    def test_dealer_user_rewriting_approved_application_over_rpc(self):
        before = self._lines_snapshot((self.application, "document_ids"), (self.application, "criterion_ids"))
        files = self.application.document_ids.attachment_ids.read(["name", "checksum"])
        refused = partial(self.assertCallKwRefused, self.dealer_user, "UserError", APPLICATION_LOCKED)
        refused("dealer.application.document", "unlink",
                [self.application.document_ids.filtered(lambda line: not line.required).ids])
        refused("dealer.application.criterion", "write", [self.application.criterion_ids.ids, {"score": 100.0}])
        refused("dealer.application", "write", [
            self.application.ids, {"document_ids": [Command.create({"document_type_id": self.tax.id})]}])
        refused("ir.attachment", "unlink", [self.application.document_ids.attachment_ids.ids])
        self.assertEqual(
            self._lines_snapshot((self.application, "document_ids"), (self.application, "criterion_ids")), before)
        self.assertEqual(self.application.document_ids.attachment_ids.read(["name", "checksum"]), files)

    def test_dealer_manager_moving_lines_into_locked_documents_over_rpc(self):
        documents_lines = ((self.rebate, "line_ids"), (self.report, "line_ids"), (self.contract, "target_ids"))
        before = self._lines_snapshot(*documents_lines)
        refused = partial(self.assertCallKwRefused, self.dealer_manager, "UserError")
        refused(REBATE_LOCKED, "dealer.rebate.line", "write", [self.draft_rebate.line_ids.ids,
                                                                {"rebate_id": self.rebate.id}])
        refused(REPORT_LOCKED, "dealer.stock.report", "write", [
            self.report.ids, {"line_ids": [Command.update(self.report.line_ids.id, {"quantity": 0.0})]}])
        refused(TARGETS_LOCKED, "dealer.contract.target", "unlink", [self.contract.target_ids.ids])
        self.assertEqual(self._lines_snapshot(*documents_lines), before)

    def test_dealer_user_writing_confirmed_rebate_over_rpc(self):
        self.assertCallKwRefused(self.dealer_user, "UserError", REBATE_LOCKED, "dealer.rebate.line", "write",
                                 [self.rebate.line_ids.ids, {"amount": 0.0}])
        self.env.invalidate_all()
        self.assertEqual(self.rebate.line_ids.amount, 500.0)
