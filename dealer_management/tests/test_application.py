from dateutil.relativedelta import relativedelta
from lxml import etree
from stdnum.cn import uscc

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import DealerTestCommon


def make_credit_code(base17):
    """A valid unified social credit code from its first 17 characters."""
    return base17 + uscc.calc_check_digit(base17)


@tagged("post_install", "-at_install")
class TestDealerApplication(DealerTestCommon):
    """Onboarding workflow: submit, review, approve (dealer created/activated), reject."""

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.dealer_manager
        cls.user = cls.dealer_user
        cls.licence = cls.env.ref("dealer_management.dealer_document_type_business_licence")
        cls.statements = cls.env.ref("dealer_management.dealer_document_type_financial_statements")
        cls.grade = cls.grade_core
        cls.grade.write({"min_application_score": 60.0, "document_type_ids": [Command.set(cls.licence.ids)]})
        cls.grade_b = cls.grade_regular
        cls.grade_b.write({"min_application_score": 50.0, "document_type_ids": [Command.set(cls.statements.ids)]})
        cls.territory = cls.zhejiang
        cls.exclusive_territory = cls.Territory.create({
            "name": "Test Ningbo", "code": "TEST-NB", "level": "city", "parent_id": cls.territory.id,
            "city": "Ningbo", "is_exclusive": True,
        })
        cls.code = make_credit_code("91330100MA27XL0E2")
        cls.Application = cls.env["dealer.application"].with_user(cls.manager)

    # ------------------------------------------------------------------ helpers
    def _create_application(self, **vals):
        values = {
            "company_name": "Hangzhou Test Trading Co., Ltd.",
            "credit_code": self.code,
            "street": "1 West Lake Road", "city": "Hangzhou", "state_id": self.state_zj.id,
            "contact_name": "Wang Wei", "phone": "+86 571 0000 0000", "email": "wang@example.com",
            "proposed_grade_id": self.grade.id,
            "proposed_territory_ids": [Command.set(self.territory.ids)],
        }
        values.update(vals)
        return self.Application.create(values)

    def _provide_documents(self, application):
        attachment = self.env["ir.attachment"].create({"name": "licence.pdf", "raw": b"%PDF-1.4 test"})
        application.document_ids.write({"attachment_ids": [Command.link(attachment.id)]})

    def _to_review(self, application, score=80.0):
        self._provide_documents(application)
        application.criterion_ids.write({"score": score})
        application.action_submit()
        application.action_start_review()
        return application

    def _dealers_named(self, name):
        return self.env["res.partner"].search([("name", "=", name), ("is_dealer", "=", True)])

    # ------------------------------------------------------------------ creation
    def test_create_takes_sequence_name(self):
        application = self._create_application()
        self.assertNotEqual(application.name, "/")
        self.assertTrue(application.name.startswith("APP/"))

    def test_create_adds_line_per_active_criterion(self):
        application = self._create_application()
        criteria = self.env["dealer.criterion"].search([])
        self.assertEqual(application.criterion_ids.criterion_id, criteria)
        capital = self.env.ref("dealer_management.dealer_criterion_capital")
        self.assertEqual(application.criterion_ids.filtered(lambda c: c.criterion_id == capital).weight, 25.0)

    def test_create_adds_required_documents_of_grade(self):
        application = self._create_application()
        self.assertEqual(application.document_ids.document_type_id, self.licence)
        self.assertTrue(application.document_ids.required)
        self.assertEqual(application.missing_document_ids, application.document_ids)

    def test_grade_change_keeps_provided_documents(self):
        application = self._create_application()
        self._provide_documents(application)
        application.proposed_grade_id = self.grade_b
        self.assertEqual(application.document_ids.document_type_id, self.licence | self.statements)
        licence_line = application.document_ids.filtered(lambda d: d.document_type_id == self.licence)
        self.assertFalse(licence_line.required)
        self.assertEqual(application.missing_document_ids.document_type_id, self.statements)

    def test_grade_change_drops_empty_obsolete_documents(self):
        application = self._create_application()
        application.proposed_grade_id = self.grade_b
        self.assertEqual(application.document_ids.document_type_id, self.statements)

    def test_form_grade_onchange_adds_required_documents(self):
        with Form(self.Application) as form:
            form.company_name = "Form Test Co."
            form.credit_code = self.code
            form.proposed_grade_id = self.grade
            self.assertEqual(len(form.document_ids), 1)
            form.proposed_grade_id = self.grade_b
            self.assertEqual(len(form.document_ids), 1)
        self.assertEqual(form.record.document_ids.document_type_id, self.statements)
        self.assertTrue(form.record.document_ids.required)

    def test_score_is_weighted_average(self):
        # weights come from the criterion master, which a Dealer Manager edits
        criteria = self.env["dealer.criterion"].search([])
        capital, network = criteria[:2]
        (criteria - capital - network).with_user(self.manager).action_archive()
        capital.with_user(self.manager).weight = 3.0
        network.with_user(self.manager).weight = 1.0
        application = self._create_application()
        application.criterion_ids.filtered(lambda c: c.criterion_id == capital).score = 100.0
        application.criterion_ids.filtered(lambda c: c.criterion_id == network).score = 60.0
        self.assertAlmostEqual(application.score, 90.0)

    def test_score_out_of_range_refused(self):
        application = self._create_application()
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            application.criterion_ids[0].score = 120.0

    def test_duplicate_warning_names_other_application(self):
        first = self._create_application()
        second = self._create_application(company_name="Another Name Ltd.")
        self.assertIn(first.name, second.duplicate_warning)

    # ------------------------------------------------------------------ submit / review
    def test_user_can_create_and_submit(self):
        application = self.env["dealer.application"].with_user(self.user).create({
            "company_name": "User Created Co.", "credit_code": make_credit_code("91440300MA5DC1234"),
        })
        application.action_submit()
        self.assertEqual(application.state, "submitted")

    def test_submit_refuses_duplicate_credit_code(self):
        first = self._create_application()
        first.action_submit()
        second = self._create_application(company_name="Same Code Other Name Ltd.")
        with self.assertRaisesRegex(UserError, first.name):
            second.action_submit()
        self.assertEqual(second.state, "draft")

    def test_submit_refuses_existing_active_dealer(self):
        dealer = self.env["res.partner"].create({
            "name": "Already Dealer Ltd.", "is_company": True, "is_dealer": True, "vat": self.code,
        })
        dealer._dealer_set_state("active")
        application = self._create_application()
        with self.assertRaisesRegex(UserError, "already is the dealer Already Dealer Ltd."):
            application.action_submit()

    def test_submit_marks_prospect_as_applicant(self):
        prospect = self.env["res.partner"].create({
            "name": "Prospect Ltd.", "is_company": True, "is_dealer": True, "vat": self.code,
        })
        application = self._create_application(partner_id=prospect.id)
        application.with_user(self.user).action_submit()
        self.assertEqual(prospect.dealer_state, "applicant")

    def test_start_review_refused_from_draft(self):
        application = self._create_application()
        with self.assertRaisesRegex(UserError, "is Draft"):
            application.action_start_review()

    # ------------------------------------------------------------------ approval
    def test_approve_refused_from_draft(self):
        application = self._create_application()
        with self.assertRaisesRegex(UserError, "cannot be approved: it is Draft, not Under Review"):
            application.action_approve()

    def test_approve_blocked_by_missing_document(self):
        application = self._to_review(self._create_application())
        application.document_ids.attachment_ids = [Command.clear()]
        with self.assertRaisesRegex(UserError, "required documents are missing: Business licence"):
            application.action_approve()
        self.assertEqual(application.state, "review")
        self.assertFalse(application.partner_id)
        self.assertFalse(self._dealers_named(application.company_name))

    def test_approve_blocked_by_low_score(self):
        application = self._to_review(self._create_application(), score=45.0)
        with self.assertRaisesRegex(UserError, r"45\.00 is below the minimum score 60\.00"):
            application.action_approve()
        self.assertEqual(application.state, "review")

    def test_approve_blocked_without_grade(self):
        application = self._to_review(self._create_application(proposed_grade_id=False))
        with self.assertRaisesRegex(UserError, "proposed grade"):
            application.action_approve()

    def test_approve_creates_active_dealer(self):
        application = self._to_review(self._create_application())
        application.action_approve()
        dealer = application.partner_id
        self.assertEqual(application.state, "approved")
        self.assertEqual(dealer.dealer_state, "active")
        self.assertTrue(dealer.dealer_code)
        self.assertTrue(dealer.is_company)
        self.assertEqual(dealer.vat, self.code)
        self.assertEqual(dealer.dealer_grade_id, self.grade)
        self.assertEqual(dealer.dealer_territory_ids, self.territory)
        self.assertEqual(dealer.user_id, self.manager)
        self.assertEqual(dealer.child_ids.mapped("name"), ["Wang Wei"])
        history = dealer.dealer_grade_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.new_grade_id, self.grade)
        self.assertEqual(history.reason, f"Approved application {application.name}")

    def test_approve_activates_existing_prospect(self):
        prospect = self.env["res.partner"].create({
            "name": "Prospect Ltd.", "is_company": True, "is_dealer": True, "vat": self.code,
        })
        code = prospect.dealer_code
        application = self._to_review(self._create_application(partner_id=prospect.id))
        application.action_approve()
        self.assertEqual(application.partner_id, prospect)
        self.assertEqual(prospect.dealer_state, "active")
        self.assertEqual(prospect.dealer_code, code)
        self.assertEqual(prospect.dealer_grade_id, self.grade)
        self.assertEqual(prospect.vat, self.code)

    def test_approve_reuses_partner_with_same_credit_code(self):
        customer = self.env["res.partner"].create({"name": "Old Customer Ltd.", "is_company": True, "vat": self.code})
        application = self._to_review(self._create_application())
        application.action_approve()
        self.assertEqual(application.partner_id, customer)
        self.assertTrue(customer.is_dealer)
        self.assertEqual(customer.dealer_state, "active")

    def test_approve_reactivates_terminated_dealer(self):
        former = self.env["res.partner"].create({
            "name": "Former Dealer Ltd.", "is_company": True, "is_dealer": True, "vat": self.code,
        })
        former._dealer_set_state("active")
        former._dealer_set_state("terminated")
        application = self._to_review(self._create_application())
        application.action_approve()
        self.assertEqual(application.partner_id, former)
        self.assertEqual(former.dealer_state, "active")

    def test_approve_exclusive_territory_conflict_writes_nothing(self):
        holder = self.env["res.partner"].create({
            "name": "Exclusive Holder Ltd.", "is_company": True, "is_dealer": True,
            "dealer_territory_ids": [Command.set(self.exclusive_territory.ids)],
        })
        holder._dealer_set_state("active")
        application = self._to_review(self._create_application(
            proposed_territory_ids=[Command.set(self.exclusive_territory.ids)],
        ))
        # assertRaises (unlike assertRaisesRegex) rolls back to a savepoint, as the RPC transaction would
        with self.assertRaises(ValidationError) as error:
            application.action_approve()
        self.assertIn("is exclusive and already held by the active dealer Exclusive Holder Ltd.", str(error.exception))
        self.assertEqual(application.state, "review")
        self.assertFalse(self._dealers_named(application.company_name))

    def test_user_cannot_approve(self):
        application = self._to_review(self._create_application())
        with self.assertRaisesRegex(AccessError, "Only a Dealer Manager may approve"):
            application.with_user(self.user).action_approve()

    # ------------------------------------------------------------------ rejection
    def test_reject_requires_reason(self):
        application = self._create_application()
        application.action_submit()
        with self.assertRaisesRegex(UserError, "reason"):
            application._action_reject("   ")
        self.assertEqual(application.state, "submitted")

    def test_reject_stores_reason(self):
        application = self._create_application()
        application.action_submit()
        action = application.action_reject()
        wizard = self.env[action["res_model"]].with_user(self.manager).with_context(**action["context"]).create(
            {"reason": "Sales network too small for the territory."}
        )
        wizard.action_confirm()
        self.assertEqual(application.state, "rejected")
        self.assertEqual(application.reject_reason, "Sales network too small for the territory.")
        self.assertIn("Sales network too small", application.message_ids[0].body)

    def test_user_cannot_reject(self):
        application = self._create_application()
        application.action_submit()
        with self.assertRaisesRegex(AccessError, "Only a Dealer Manager may reject"):
            application.with_user(self.user)._action_reject("No.")

    def test_reject_refused_from_draft(self):
        application = self._create_application()
        with self.assertRaisesRegex(UserError, "cannot be rejected: it is Draft"):
            application._action_reject("Too early.")

    def test_reset_draft_reopens_rejected(self):
        application = self._create_application()
        application.action_submit()
        application._action_reject("Missing information.")
        application.action_reset_draft()
        self.assertEqual(application.state, "draft")
        self.assertFalse(application.reject_reason)

    def test_reset_draft_refused_unless_rejected(self):
        application = self._create_application()
        with self.assertRaisesRegex(UserError, "cannot be reset to draft: it is Draft, not Rejected"):
            application.action_reset_draft()

    # ------------------------------------------------------------------ next step: the dealer's contract
    def _approved(self):
        application = self._to_review(self._create_application())
        return application, application.action_approve()

    def _save_contract(self, action, **values):
        """The contract form the action opens, saved by the manager as it comes (plus `values`)."""
        form = Form(self.env["dealer.contract"].with_user(self.manager).with_context(**action["context"]))
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def _contracts_of(self, partner):
        return self.env["dealer.contract"].search([("partner_id", "=", partner.id)])

    def test_approval_opens_the_new_dealers_contract_prefilled(self):
        self.grade.credit_limit = 80000.0
        application, action = self._approved()
        self.assertEqual((action["res_model"], action["target"]), ("dealer.contract", "current"))
        self.assertNotIn("res_id", action)
        self.assertFalse(self._contracts_of(application.partner_id))  # nothing is created before saving
        contract = self._save_contract(action)
        self.assertEqual(contract.partner_id, application.partner_id)
        self.assertEqual(contract.company_id, application.company_id)
        self.assertEqual(contract.grade_id, self.grade)
        self.assertEqual(contract.territory_ids, self.territory)
        self.assertEqual(contract.credit_limit, 80000.0)
        self.assertEqual(contract.date_start, self.today)
        self.assertEqual(contract.date_end, self.today + relativedelta(years=1, days=-1))
        self.assertEqual((contract.state, contract.deposit_state), ("draft", "none"))

    def test_contract_from_the_approval_lets_the_first_order_pass(self):
        application, action = self._approved()
        dealer = application.partner_id
        order = self.env["sale.order"].with_user(self.manager).create({
            "partner_id": dealer.id,
            "order_line": [Command.create({"product_id": self.product_free.id, "price_unit": 100.0})],
        })
        self.assertIn("has no active contract", order.dealer_check_warnings)
        contract = self._save_contract(action, deposit_amount=20000.0)
        self.assertEqual(contract.deposit_state, "required")
        with self.assertRaisesRegex(UserError, "the deposit of .* has not been received"):
            contract.with_user(self.manager).action_activate()
        contract.with_user(self.manager).action_receive_deposit()
        contract.with_user(self.manager).action_activate()
        self.assertEqual(contract.state, "active")
        order.invalidate_recordset()
        self.assertFalse(order.dealer_check_warnings)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.dealer_checks_passed)

    def test_create_contract_opens_the_existing_contract(self):
        application, action = self._approved()
        contract = self._save_contract(action)
        self.assertEqual(application.dealer_contract_id, contract)
        again = application.action_create_contract()
        self.assertEqual(again["res_id"], contract.id)
        self.assertNotIn("context", again)
        contract.with_user(self.manager).action_activate()
        self.assertEqual(application.action_create_contract()["res_id"], contract.id)
        self.assertEqual(self._contracts_of(application.partner_id), contract)

    def test_approval_of_a_prospect_with_a_contract_opens_it(self):
        prospect = self.env["res.partner"].create({
            "name": "Prospect Ltd.", "is_company": True, "is_dealer": True, "vat": self.code,
        })
        draft = self._create_contract(prospect, activate=False)
        action = self._to_review(self._create_application(partner_id=prospect.id)).action_approve()
        self.assertEqual(action["res_id"], draft.id)
        self.assertEqual(self._contracts_of(prospect), draft)

    def test_create_contract_refused_before_approval(self):
        application = self._to_review(self._create_application())
        with self.assertRefused(UserError, "a contract is made for the dealer of an approved application only"):
            application.action_create_contract()
        self.assertFalse(application.partner_id)

    def test_create_contract_refused_to_dealer_user_portal_and_plain_user(self):
        application, _action = self._approved()
        portal = self._create_portal_user(application.partner_id, "contract_portal_t")
        for user in (self.user, portal, self.contact_creator):
            with self.assertRefused(AccessError, "Only a Dealer Manager may create a dealer contract"):
                application.with_user(user).action_create_contract()
            with self.assertRefused(AccessError, "not allowed to (create|access)"):
                self.env["dealer.contract"].with_user(user).create({
                    "partner_id": application.partner_id.id, "date_start": self.today, "date_end": self.today,
                })
        self.assertFalse(self._contracts_of(application.partner_id))

    def test_form_offers_create_contract_once_approved(self):
        arch = etree.fromstring(self.env["dealer.application"].with_user(self.manager).get_view()["arch"])
        button = arch.xpath("//header/button[@name='action_create_contract']")
        self.assertEqual(len(button), 1)
        self.assertEqual(button[0].get("invisible"), "state != 'approved' or dealer_contract_id")
        self.assertTrue(arch.xpath("//div[@name='button_box']/button[@name='action_create_contract']"))
        arch = etree.fromstring(self.env["dealer.application"].with_user(self.user).get_view()["arch"])
        self.assertFalse(arch.xpath("//button[@name='action_create_contract']"))
