from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MarketingFundCommon


@tagged("post_install", "-at_install")
class TestMarketingFund(MarketingFundCommon):
    """Funds, applications and their workflow; the attacks on amounts and states."""

    def test_activity_types_are_data(self):
        codes = set(self.env["dealer.marketing.activity.type"].search([]).mapped("code"))
        self.assertLessEqual({"STORE", "ADS", "SHOW", "DISPLAY"}, codes)

    def test_submit_opens_the_contract_fund(self):
        application = self._application(amount=2000.0)
        fund = application.fund_id
        self.assertEqual((application.state, fund.contract_id, fund.budget), ("submitted", self.contract_a, 10000.0))
        self.assertEqual((fund.date_from, fund.date_to), (self.contract_a.date_start, self.contract_a.date_end))
        self.assertEqual(self._application(amount=100.0).fund_id, fund, "one fund per contract and period")

    def test_grade_fund_for_a_dealer_without_contract_budget(self):
        application = self._application(dealer=self.dealer_b, amount=500.0)
        fund = application.fund_id
        self.assertFalse(fund.contract_id)
        self.assertEqual((fund.grade_id, fund.budget), (self.grade_core, 3000.0))
        day = application.date_planned
        self.assertEqual((fund.date_from, fund.date_to), (date(day.year, 1, 1), date(day.year, 12, 31)))

    def test_no_budget_no_application(self):
        dealer = self._create_dealer("Marketing Dealer C", state="active", grade=self.grade_regular)
        application = self._application(dealer=dealer, submit=False)
        with self.assertRefused(UserError, "has no marketing support budget"):
            application.action_submit()
        self.assertEqual((application.state, application.fund_id.id), ("draft", False))

    def test_fund_unique_per_dealer_contract_period(self):
        fund = self._application().fund_id
        with mute_logger("odoo.sql_db"), self.assertRefused(ValidationError, "already has a marketing fund"):
            self.Fund.create({"partner_id": self.dealer_a.id, "contract_id": self.contract_a.id,
                              "date_from": fund.date_from, "date_to": fund.date_to})
        self.assertEqual(self.Fund.search_count([("partner_id", "=", self.dealer_a.id)]), 1)

    def test_apply_over_the_budget_refused(self):
        application = self._application(amount=10000.01, submit=False)
        with self.assertRefused(UserError, "has .*10,000.00.* left"):
            application.action_submit()
        self.assertEqual(application.state, "draft")

    def test_figures_committed_spent_left(self):
        self._approved(2000.0)
        verified = self._verified(3000.0, verified=2500.0)
        settled = self._verified(1000.0)
        settled.action_settle()
        self._application(amount=700.0)  # submitted: holds nothing yet
        fund = settled.fund_id
        self.assertEqual(verified.amount_reserved, 2500.0)
        self.assertEqual((fund.amount_committed, fund.amount_spent, fund.amount_left), (4500.0, 1000.0, 4500.0))

    def test_approve_never_over_what_is_left(self):
        first, second = self._application(6000.0), self._application(4000.0)
        third = self._application(1000.0)
        first.action_approve()
        second.action_approve()
        with self.assertRefused(UserError, "has .*0.00.* left"):
            third.action_approve()
        self.assertEqual((third.state, third.amount_approved), ("submitted", 0.0))
        self.assertEqual(first.fund_id.amount_left, 0.0)

    def test_approve_a_lower_amount_not_a_higher_one(self):
        application = self._application(2000.0)
        with self.assertRefused(UserError, "more than the .*2,000.00.* applied for"):
            application.action_approve(2500.0)
        self.assertEqual(application.state, "submitted")
        application.action_approve(1500.0)
        self.assertEqual((application.state, application.amount_approved), ("approved", 1500.0))

    def test_salesperson_cannot_approve_or_verify(self):
        application = self._application(2000.0)
        with self.assertRefused(AccessError, "Only a Dealer Manager may approve"):
            application.with_user(self.salesman).action_approve()
        self.assertEqual(application.state, "submitted")

    def test_editing_an_approved_amount_refused(self):
        application = self._approved(2000.0)
        manager = application.with_user(self.dealer_manager)
        with self.assertRefused(AccessError, "change only through its buttons"):
            manager.write({"amount_approved": 9000.0})
        with self.assertRefused(UserError, "can no longer be changed"):
            manager.write({"amount_requested": 9000.0})
        self.assertEqual((application.amount_approved, application.amount_requested), (2000.0, 2000.0))

    def test_default_state_keys_refused(self):
        count = self.Application.search_count([])
        forged = self.Application.with_user(self.salesman).with_context(default_state="approved",
                                                                       default_amount_approved=5000.0)
        with self.assertRefused(AccessError, "change only through its buttons"):
            forged.create({"partner_id": self.dealer_a.id, "marketing_type_id": self.store_event.id,
                           "date_planned": str(self.today), "amount_requested": 5000.0})
        self.assertEqual(self.Application.search_count([]), count)

    def test_reject_with_a_reason(self):
        application = self._application(2000.0)
        with self.assertRefused(UserError, "Give the dealer the reason"):
            application.action_reject(" ")
        application.action_reject("Outside the brand guidelines")
        self.assertEqual((application.state, application.decision_note),
                         ("rejected", "Outside the brand guidelines"))

    def test_changes_requested_then_submitted_again(self):
        application = self._application(2000.0)
        application.action_request_changes("Add the venue's quote")
        self.assertEqual(application.state, "changes_requested")
        application.write({"amount_requested": 1800.0, "plan": "With the venue's quote"})
        application.action_submit()
        self.assertEqual((application.state, application.decision_note), ("submitted", False))

    def test_plan_files_lock_once_submitted(self):
        application = self._application(2000.0, submit=False)
        file = self._file(application, "plan.pdf")
        application.attachment_ids = file
        application.action_submit()
        with self.assertRefused(UserError, "can no longer be added, changed or deleted"):
            file.with_user(self.salesman).unlink()
        self.assertTrue(file.exists())

    def test_proof_needs_files_and_comes_once(self):
        application = self._approved(2000.0)
        with self.assertRefused(UserError, "Attach the photos and invoices"):
            application.action_submit_proof()
        self.assertEqual(application.state, "approved")
        application.proof_attachment_ids = self._file(application)
        application.action_submit_proof()
        with self.assertRefused(UserError, "proof is submitted once"):
            application.write({"proof_note": "changed afterwards"})

    def test_verify_at_most_the_approved_amount(self):
        application = self._proven(2000.0)
        with self.assertRefused(UserError, "at most the .*2,000.00.* approved"):
            application.action_verify(2000.01)
        self.assertEqual((application.state, application.amount_verified), ("proof_submitted", 0.0))
        application.action_verify(1800.0)
        self.assertEqual((application.state, application.amount_verified), ("verified", 1800.0))

    def test_lapse_job_frees_the_budget_and_runs_twice(self):
        self.env.company.dealer_marketing_lapse_days = 60
        old = self._approved(3000.0, day=self.today - timedelta(days=25))
        old._dealer_trusted().write({"date_planned": self.today - timedelta(days=61)})
        recent = self._approved(2000.0, day=self.today - timedelta(days=20))
        proven = self._proven(1000.0, day=self.today - timedelta(days=20))
        proven._dealer_trusted().write({"date_planned": self.today - timedelta(days=90)})
        self.Application._cron_lapse()
        self.assertEqual((old.state, recent.state, proven.state), ("lapsed", "approved", "proof_submitted"))
        self.assertEqual(old.fund_id.amount_left, 10000.0 - 2000.0 - 1000.0)
        messages = len(old.message_ids)
        self.Application._cron_lapse()
        self.assertEqual((old.state, len(old.message_ids)), ("lapsed", messages))
