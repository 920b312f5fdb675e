"""Attacks on dealer applications (issue #7, hole 6) and on the company of the grade policy (hole 8).

Each test performs the attack as the user named in its name and checks that it is refused and that nothing was
written. Set-up data is created as superuser, the way an administrator would.
"""
from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .test_security_masterdata import MasterdataCase, credit_code


@tagged("post_install", "-at_install")
class TestSecurityDealerApplication(MasterdataCase):
    """Hole 6: the application's state, documents, weights and partner are the workflow's, not the user's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.licence = cls.env.ref("dealer_management.dealer_document_type_business_licence")
        cls.grade_core.document_type_ids = cls.licence
        cls.code = credit_code("91330100000000011")
        application = cls.env["dealer.application"].with_user(cls.dealer_user).create({
            "company_name": "Applicant Ltd.", "credit_code": cls.code, "proposed_grade_id": cls.grade_core.id,
        })
        cls.application = cls.env["dealer.application"].browse(application.id)
        cls.licence_line = cls.application.document_ids
        cls.attachment = cls.env["ir.attachment"].create({"name": "licence.pdf", "raw": b"%PDF-1.4 test"})

    def test_dealer_user_cannot_write_application_state(self):
        with self.assertRefused(AccessError, "Status of a Dealer Application change only through its buttons"):
            self.application.with_user(self.dealer_user).write({"state": "approved"})
        self.assertEqual(self.application.state, "draft")

    def test_dealer_user_cannot_create_an_approved_application(self):
        with self.assertRefused(AccessError, "Status of a Dealer Application"):
            self.env["dealer.application"].with_user(self.dealer_user).create({
                "company_name": "Shortcut Ltd.", "credit_code": credit_code("91330100000000012"), "state": "approved",
            })
        self.assertFalse(self.env["dealer.application"].search([("company_name", "=", "Shortcut Ltd.")]))

    def test_dealer_user_cannot_create_an_application_with_default_state(self):
        Application = self.env["dealer.application"].with_user(self.dealer_user).with_context(default_state="review")
        with self.assertRefused(AccessError, "Status of a Dealer Application"):
            Application.create({"company_name": "Default Ltd.", "credit_code": credit_code("91330100000000013")})
        self.assertFalse(self.env["dealer.application"].search([("company_name", "=", "Default Ltd.")]))

    def test_dealer_user_cannot_write_the_score(self):
        with self.assertRefused(AccessError, "Score of a Dealer Application"):
            self.application.with_user(self.dealer_user).write({"score": 100.0})
        self.assertEqual(self.application.score, 0.0)

    # ------------------------------------------------------------------ required documents
    def test_dealer_user_cannot_delete_a_required_document(self):
        with self.assertRefused(AccessError, "is required by the proposed grade .* cannot be removed"):
            self.licence_line.with_user(self.dealer_user).unlink()
        self.assertTrue(self.licence_line.exists())
        self.assertEqual(self.application.missing_document_ids, self.licence_line)

    def test_dealer_user_cannot_delete_a_required_document_through_the_application(self):
        with self.assertRefused(AccessError, "cannot be removed"):
            self.application.with_user(self.dealer_user).write({"document_ids": [Command.delete(self.licence_line.id)]})
        self.assertTrue(self.licence_line.exists())

    def test_dealer_user_cannot_unrequire_a_document(self):
        with self.assertRefused(AccessError, "Required of a Dealer Application Document"):
            self.licence_line.with_user(self.dealer_user).write({"required": False})
        self.assertTrue(self.licence_line.required)

    def test_dealer_user_cannot_mark_a_document_provided_without_files(self):
        with self.assertRefused(AccessError, "Provided of a Dealer Application Document"):
            self.licence_line.with_user(self.dealer_user).write({"is_provided": True})
        self.assertFalse(self.licence_line.is_provided)

    def test_dealer_user_cannot_swap_the_type_of_a_required_document(self):
        statements = self.env.ref("dealer_management.dealer_document_type_financial_statements")
        with self.assertRefused(AccessError, "replace or update its files, but keep the line"):
            self.licence_line.with_user(self.dealer_user).write({"document_type_id": statements.id})
        self.assertEqual(self.licence_line.document_type_id, self.licence)

    def test_dealer_user_replaces_the_files_of_a_required_document(self):
        line = self.licence_line.with_user(self.dealer_user)
        line.write({"attachment_ids": [Command.set(self.attachment.ids)]})
        self.assertTrue(self.licence_line.is_provided)
        self.assertFalse(self.application.missing_document_ids)

    def test_dealer_manager_may_remove_a_required_document(self):
        self.licence_line.with_user(self.dealer_manager).unlink()
        self.assertFalse(self.licence_line.exists())

    # ------------------------------------------------------------------ criterion weights
    def test_dealer_user_cannot_zero_a_criterion_weight(self):
        line = self.application.criterion_ids[0]
        weight = line.weight
        with self.assertRefused(AccessError, "Weight of a Dealer Application Evaluation Line"):
            line.with_user(self.dealer_user).write({"weight": 0.0})
        self.assertEqual(line.weight, weight)

    def test_dealer_user_cannot_create_an_evaluation_line_with_its_own_weight(self):
        line = self.application.criterion_ids[0]
        criterion = line.criterion_id
        line.unlink()
        with self.assertRefused(AccessError, "Weight of a Dealer Application Evaluation Line"):
            self.env["dealer.application.criterion"].with_user(self.dealer_user).create({
                "application_id": self.application.id, "criterion_id": criterion.id, "weight": 1000.0, "score": 100.0,
            })
        self.assertNotIn(criterion, self.application.criterion_ids.criterion_id)

    def test_dealer_user_cannot_drop_a_criterion_from_the_score(self):
        lines = self.application.criterion_ids
        with self.assertRefused(AccessError, "Only a Dealer Manager may remove an evaluation line"):
            lines[0].with_user(self.dealer_user).unlink()
        self.assertEqual(self.application.criterion_ids, lines)

    def test_dealer_user_cannot_edit_criterion_master_weights(self):
        criterion = self.application.criterion_ids[0].criterion_id
        weight = criterion.weight
        with self.assertRefused(AccessError, "dealer.criterion"):
            criterion.with_user(self.dealer_user).write({"weight": 1.0})
        self.assertEqual(criterion.weight, weight)

    def test_weights_come_from_the_criterion_master(self):
        criterion = self.application.criterion_ids[0].criterion_id
        criterion.with_user(self.dealer_manager).weight = 40.0
        application = self.env["dealer.application"].with_user(self.dealer_user).create({
            "company_name": "Later Ltd.", "credit_code": credit_code("91330100000000014"),
        })
        self.assertEqual(application.criterion_ids.filtered(lambda c: c.criterion_id == criterion).weight, 40.0)

    # ------------------------------------------------------------------ partner
    def test_dealer_user_cannot_point_the_application_at_another_dealer(self):
        with self.assertRefused(ValidationError, "can only be linked to the applicant itself"):
            self.application.with_user(self.dealer_user).write({"partner_id": self.dealer.id})
        self.assertFalse(self.application.partner_id)

    def test_dealer_user_cannot_create_an_application_for_another_partner(self):
        with self.assertRefused(ValidationError, "can only be linked to the applicant itself"):
            self.env["dealer.application"].with_user(self.dealer_user).create({
                "company_name": "Hijack Ltd.", "credit_code": credit_code("91330100000000015"),
                "partner_id": self.customer.id,
            })
        self.assertFalse(self.env["dealer.application"].search([("company_name", "=", "Hijack Ltd.")]))

    def test_dealer_user_links_the_applicant_company_itself(self):
        applicant = self.Partner.create({"name": "Applicant Ltd.", "is_company": True, "vat": self.code})
        self.application.with_user(self.dealer_user).write({"partner_id": applicant.id})
        self.assertEqual(self.application.partner_id, applicant)

    def test_dealer_user_cannot_edit_an_approved_application(self):
        self.licence_line.attachment_ids = self.attachment
        self.application.criterion_ids.write({"score": 90.0})
        self.application.action_submit()
        self.application.action_start_review()
        self.application.with_user(self.dealer_manager).action_approve()
        with self.assertRefused(UserError, "is approved: it documents how the dealer was admitted"):
            self.application.with_user(self.dealer_user).write({"proposed_grade_id": self.grade_regular.id})
        with self.assertRefused(UserError, "is approved"):
            self.application.criterion_ids[0].with_user(self.dealer_user).write({"score": 0.0})
        self.assertEqual(self.application.proposed_grade_id, self.grade_core)
        self.assertEqual(self.application.criterion_ids[0].score, 90.0)

    # ------------------------------------------------------------------ multi-company
    def test_user_of_another_company_cannot_read_documents_and_evaluation_lines(self):
        company_b = self.env["res.company"].create({"name": "Application Company B"})
        user_b = new_test_user(
            self.env, login="dealer_user_company_b", groups="base.group_user,dealer_management.group_dealer_user",
            company_id=company_b.id, company_ids=[Command.set(company_b.ids)],
        )
        self.assertFalse(self.env["dealer.application.document"].with_user(user_b).search(
            [("id", "=", self.licence_line.id)]
        ))
        with self.assertRefused(AccessError, "dealer.application.criterion"):
            self.application.criterion_ids[0].with_user(user_b).read(["score"])


@tagged("post_install", "-at_install")
class TestSecurityGradePolicyCompany(MasterdataCase):
    """Hole 8: the grade's policy is written for the dealer's company; records do not point across companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Policy Company B"})
        cls.pricelist_a = cls.env["product.pricelist"].create({"name": "Pricelist A", "company_id": cls.company_a.id})
        cls.pricelist_b = cls.env["product.pricelist"].create({"name": "Pricelist B", "company_id": cls.company_b.id})
        cls.term_b = cls.env["account.payment.term"].create({"name": "Term B", "company_id": cls.company_b.id})
        cls.grade_b = cls.Grade.create({
            "name": "Grade B", "code": "SEC-GB", "company_id": cls.company_b.id, "pricelist_id": cls.pricelist_b.id,
            "payment_term_id": cls.term_b.id, "credit_limit": 300000.0,
        })
        cls.dealer_b = cls._create_dealer("Company B Dealer Ltd.", state="active", company_id=cls.company_b.id)
        cls.manager_ab = new_test_user(
            cls.env, login="dealer_manager_ab_t", groups="base.group_user,dealer_management.group_dealer_manager",
            company_id=cls.company_a.id, company_ids=[Command.set((cls.company_a | cls.company_b).ids)],
        )

    def _change_grade(self, partner, grade):
        # the manager works in company A (current company) with company B also selected
        env_ab = self.env(user=self.manager_ab, context=dict(
            self.env.context, allowed_company_ids=(self.company_a | self.company_b).ids,
        ))
        wizard = env_ab["dealer.grade.change.wizard"].create({
            "partner_id": partner.id, "new_grade_id": grade.id, "reason": "Company check",
        })
        wizard.action_apply()

    def test_grade_policy_is_written_for_the_dealer_company_not_the_user_current_one(self):
        self._change_grade(self.dealer_b, self.grade_b)
        in_b = self.dealer_b.with_company(self.company_b).sudo()
        in_a = self.dealer_b.with_company(self.company_a).sudo()
        self.assertEqual(in_b.property_product_pricelist, self.pricelist_b)
        self.assertEqual(in_b.property_payment_term_id, self.term_b)
        self.assertEqual(in_b.credit_limit, 300000.0)
        self.assertNotEqual(in_a.property_product_pricelist, self.pricelist_b)
        self.assertFalse(in_a.property_payment_term_id)
        self.assertEqual(in_a.credit_limit, 0.0)

    def test_grade_policy_of_a_shared_dealer_goes_to_the_grade_company(self):
        shared = self._create_dealer("Shared Dealer Ltd.", state="active")
        self.assertFalse(shared.company_id)
        self._change_grade(shared, self.grade_b)
        self.assertEqual(shared.with_company(self.company_b).sudo().property_product_pricelist, self.pricelist_b)
        self.assertNotEqual(shared.with_company(self.company_a).sudo().property_product_pricelist, self.pricelist_b)

    def test_grade_of_another_company_is_refused_for_a_company_dealer(self):
        dealer_a = self._create_dealer("Company A Dealer Ltd.", state="active", company_id=self.company_a.id)
        with self.assertRefused(UserError, "Grade Grade B belongs to Policy Company B"):
            self._change_grade(dealer_a, self.grade_b)
        self.assertFalse(dealer_a.dealer_grade_id)

    def test_grade_pointing_at_another_company_pricelist_is_refused(self):
        with self.assertRefused(UserError, "belongs to another company"):
            self.Grade.with_user(self.manager_ab).with_context(
                allowed_company_ids=(self.company_a | self.company_b).ids,
            ).create({"name": "Mixed", "code": "SEC-MIX", "company_id": self.company_a.id,
                      "pricelist_id": self.pricelist_b.id})
        self.assertFalse(self.Grade.search([("code", "=", "SEC-MIX")]))

    def test_application_pointing_at_another_company_grade_is_refused(self):
        Application = self.env["dealer.application"].with_user(self.manager_ab).with_context(
            allowed_company_ids=(self.company_a | self.company_b).ids,
        )
        with self.assertRefused(UserError, "belongs to another company"):
            Application.create({
                "company_name": "Cross Company Ltd.", "credit_code": credit_code("91330100000000016"),
                "company_id": self.company_a.id, "proposed_grade_id": self.grade_b.id,
            })
        self.assertFalse(self.env["dealer.application"].search([("company_name", "=", "Cross Company Ltd.")]))

    def test_contract_pointing_at_another_company_pricelist_is_refused(self):
        count = self.env["dealer.contract"].search_count([])
        with self.assertRefused(UserError, "belongs to another company"):
            self.env["dealer.contract"].create({
                "partner_id": self.dealer.id, "company_id": self.company_a.id, "pricelist_id": self.pricelist_b.id,
                "date_start": fields.Date.today(), "date_end": fields.Date.add(fields.Date.today(), years=1),
            })
        self.assertEqual(self.env["dealer.contract"].search_count([]), count)


@tagged("post_install", "-at_install")
class TestSecurityDealerApplicationReference(MasterdataCase):
    """Hole 6 (continued): the reference is numbered by the sequence, and the review is the manager's step."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        application = cls.env["dealer.application"].with_user(cls.dealer_user).create({
            "company_name": "Reference Ltd.", "credit_code": credit_code("91330100000000021"),
        })
        cls.application = cls.env["dealer.application"].browse(application.id)
        cls.reference = cls.application.name

    def test_dealer_user_cannot_rename_an_application(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager may change the reference"):
            self.application.with_user(self.dealer_user).write({"name": "APP-FORGED"})
        self.assertEqual(self.application.name, self.reference)

    def test_dealer_user_cannot_create_an_application_with_a_chosen_reference(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager may change the reference"):
            self.env["dealer.application"].with_user(self.dealer_user).create({
                "name": "APP-FORGED", "company_name": "Forged Ltd.", "credit_code": credit_code("91330100000000022"),
            })
        self.assertFalse(self.env["dealer.application"].search([("company_name", "=", "Forged Ltd.")]))

    def test_dealer_user_default_name_gives_a_numbered_reference(self):
        application = self.env["dealer.application"].with_user(self.dealer_user).with_context(
            default_name="APP-FORGED",
        ).create({"company_name": "Default Name Ltd.", "credit_code": credit_code("91330100000000023")})
        self.assertNotEqual(application.name, "APP-FORGED")
        self.assertNotEqual(application.name, "/")

    def test_dealer_manager_may_correct_the_reference(self):
        self.application.with_user(self.dealer_manager).write({"name": "APP-CORRECTED"})
        self.assertEqual(self.application.name, "APP-CORRECTED")

    def test_dealer_user_cannot_start_the_review(self):
        self.application.with_user(self.dealer_user).action_submit()
        with self.assertRefused(AccessError, "Only a Dealer Manager may start the review"):
            self.application.with_user(self.dealer_user).action_start_review()
        self.assertEqual(self.application.state, "submitted")
        self.application.with_user(self.dealer_manager).action_start_review()
        self.assertEqual(self.application.state, "review")
