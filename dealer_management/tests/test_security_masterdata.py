"""Attacks on the dealer master data, the applications and the company of the grade policy (issue #7, holes 1, 6, 8).

Each test performs the attack as the user named in its name and checks that it is refused and that nothing was
written. Set-up data is created as superuser, the way an administrator would.
"""
import json

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user
from stdnum.cn import uscc

from .common_dealer import DealerCase

CONTACT_CREATOR_GROUPS = "base.group_user,base.group_partner_manager"
PROTECTED = "change only through the dealer buttons and wizards"


def credit_code(base17):
    return base17 + uscc.calc_check_digit(base17)


class MasterdataCase(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact_creator = new_test_user(
            cls.env, login="contact_creator_t", groups=CONTACT_CREATOR_GROUPS, name="Contact Creator T",
        )
        cls.grade_core = cls.Grade.create({"name": "Core", "code": "SEC-CORE", "sequence": 1})
        cls.grade_regular = cls.Grade.create({"name": "Regular", "code": "SEC-REG", "sequence": 2})
        cls.zhejiang = cls.Territory.create({
            "name": "Zhejiang", "code": "SEC-ZJ", "level": "province", "state_id": cls.state_zj.id,
        })
        cls.jiangsu = cls.Territory.create({
            "name": "Jiangsu", "code": "SEC-JS", "level": "province", "state_id": cls.state_js.id,
        })
        cls.dealer = cls._create_dealer(
            "Active Dealer Ltd.", state="active", dealer_grade_id=cls.grade_regular.id,
            dealer_territory_ids=[Command.set(cls.zhejiang.ids)],
        )
        cls.terminated = cls._create_dealer("Terminated Dealer Ltd.", state="active")
        cls.terminated._dealer_set_state("terminated")
        cls.terminated.dealer_end_date = fields.Date.today()
        cls.customer = cls.Partner.create({"name": "Plain Customer Ltd.", "is_company": True})

    def _history(self, partner):
        return self.env["dealer.grade.history"].search([("partner_id", "=", partner.id)])


@tagged("post_install", "-at_install")
class TestSecurityDealerMasterdata(MasterdataCase):
    """Hole 1: dealer status, grade, territories and the other policy fields change only through the actions."""

    # ------------------------------------------------------------------ reactivate a terminated dealer
    def test_dealer_user_cannot_reactivate_terminated_dealer_by_write(self):
        with self.assertRefused(AccessError, "Dealer Status of Terminated Dealer Ltd. " + PROTECTED):
            self.terminated.with_user(self.dealer_user).write({"dealer_state": "active"})
        self.assertEqual(self.terminated.dealer_state, "terminated")

    def test_contact_creator_cannot_reactivate_terminated_dealer_by_write(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.terminated.with_user(self.contact_creator).write({"dealer_state": "active", "dealer_end_date": False})
        self.assertEqual(self.terminated.dealer_state, "terminated")
        self.assertTrue(self.terminated.dealer_end_date)

    def test_dealer_manager_cannot_write_dealer_state_directly(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.terminated.with_user(self.dealer_manager).write({"dealer_state": "active"})
        self.assertEqual(self.terminated.dealer_state, "terminated")

    # ------------------------------------------------------------------ is_dealer off, order, on again
    def test_dealer_user_cannot_switch_is_dealer_off(self):
        with self.assertRefused(AccessError, "Is a Dealer of Active Dealer Ltd. " + PROTECTED):
            self.dealer.with_user(self.dealer_user).write({"is_dealer": False})
        self.assertTrue(self.dealer.is_dealer)

    def test_contact_creator_cannot_switch_is_dealer_off(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.dealer.with_user(self.contact_creator).is_dealer = False
        self.assertTrue(self.dealer.is_dealer)

    def test_dealer_user_cannot_switch_is_dealer_on(self):
        with self.assertRefused(AccessError, "Is a Dealer of Plain Customer Ltd. " + PROTECTED):
            self.customer.with_user(self.dealer_user).write({"is_dealer": True})
        self.assertFalse(self.customer.is_dealer)
        self.assertFalse(self.customer.dealer_code)

    def test_dealer_manager_cannot_switch_is_dealer_off_directly(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.dealer.with_user(self.dealer_manager).write({"is_dealer": False})
        self.assertTrue(self.dealer.is_dealer)

    # ------------------------------------------------------------------ grade without history
    def test_dealer_user_cannot_change_grade_without_history(self):
        with self.assertRefused(AccessError, "Dealer Grade of Active Dealer Ltd. " + PROTECTED):
            self.dealer.with_user(self.dealer_user).write({"dealer_grade_id": self.grade_core.id})
        self.assertEqual(self.dealer.dealer_grade_id, self.grade_regular)
        self.assertEqual(len(self._history(self.dealer)), 1)

    def test_contact_creator_cannot_change_grade_without_history(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.dealer.with_user(self.contact_creator).write({"dealer_grade_id": self.grade_core.id})
        self.assertEqual(self.dealer.dealer_grade_id, self.grade_regular)
        self.assertEqual(len(self._history(self.dealer)), 1)

    def test_dealer_manager_cannot_write_grade_directly(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.dealer.with_user(self.dealer_manager).write({"dealer_grade_id": self.grade_core.id})
        self.assertEqual(self.dealer.dealer_grade_id, self.grade_regular)
        self.assertEqual(len(self._history(self.dealer)), 1)

    def test_dealer_manager_cannot_move_dealers_through_the_grade(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.grade_core.with_user(self.dealer_manager).write({"dealer_ids": [Command.link(self.dealer.id)]})
        self.assertEqual(self.dealer.dealer_grade_id, self.grade_regular)

    # ------------------------------------------------------------------ add a territory
    def test_dealer_user_cannot_add_territory(self):
        with self.assertRefused(AccessError, "Territories of Active Dealer Ltd. " + PROTECTED):
            self.dealer.with_user(self.dealer_user).write({"dealer_territory_ids": [Command.link(self.jiangsu.id)]})
        self.assertEqual(self.dealer.dealer_territory_ids, self.zhejiang)

    def test_contact_creator_cannot_add_territory(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.dealer.with_user(self.contact_creator).write({"dealer_territory_ids": [Command.set(self.jiangsu.ids)]})
        self.assertEqual(self.dealer.dealer_territory_ids, self.zhejiang)

    def test_dealer_manager_cannot_add_dealer_from_the_territory(self):
        with self.assertRefused(AccessError, "Dealers of a Dealer Territory change only through"):
            self.jiangsu.with_user(self.dealer_manager).write({"dealer_ids": [Command.link(self.dealer.id)]})
        self.assertEqual(self.dealer.dealer_territory_ids, self.zhejiang)

    # ------------------------------------------------------------------ other policy fields
    def test_dealer_user_cannot_set_parent_distributor(self):
        distributor = self._create_dealer("Distributor Ltd.", state="active")
        with self.assertRefused(AccessError, "Parent Distributor of Active Dealer Ltd. " + PROTECTED):
            self.dealer.with_user(self.dealer_user).write({"parent_dealer_id": distributor.id})
        self.assertFalse(self.dealer.parent_dealer_id)

    def test_dealer_user_cannot_detach_sub_dealers_from_the_distributor(self):
        sub = self._create_dealer("Sub Dealer Ltd.", parent_dealer_id=self.dealer.id)
        with self.assertRefused(AccessError, PROTECTED):
            self.dealer.with_user(self.dealer_user).write({"child_dealer_ids": [Command.unlink(sub.id)]})
        self.assertEqual(sub.parent_dealer_id, self.dealer)

    def test_dealer_user_cannot_rewrite_dealer_code_or_dates(self):
        code, since = self.dealer.dealer_code, self.dealer.dealer_since
        with self.assertRefused(AccessError, "Dealer Code, Dealer Since of Active Dealer Ltd. " + PROTECTED):
            self.dealer.with_user(self.dealer_user).write({"dealer_code": "DLR-FAKE", "dealer_since": "2000-01-01"})
        self.assertEqual(self.dealer.dealer_code, code)
        self.assertEqual(self.dealer.dealer_since, since)

    def test_dealer_user_cannot_give_a_dealer_other_payment_terms_than_its_grade(self):
        term = self.env["account.payment.term"].create({"name": "180 days"})
        old = self.dealer.property_payment_term_id
        with self.assertRefused(AccessError, "Only a Dealer Manager may change the Customer Payment Terms"):
            self.dealer.with_user(self.dealer_user).write({"property_payment_term_id": term.id})
        self.assertEqual(self.dealer.property_payment_term_id, old)

    def test_dealer_user_cannot_give_a_dealer_another_pricelist(self):
        old = self.env["product.pricelist"].create({"name": "Grade pricelist"})
        self.dealer.property_product_pricelist = old
        pricelist = self.env["product.pricelist"].create({"name": "Friends and family"})
        with self.assertRefused(AccessError, "Only a Dealer Manager may change the Pricelist"):
            self.dealer.with_user(self.dealer_user).write({"property_product_pricelist": pricelist.id})
        self.assertEqual(self.dealer.property_product_pricelist, old)

    def test_dealer_user_still_sets_payment_terms_of_a_plain_customer(self):
        term = self.env["account.payment.term"].create({"name": "45 days"})
        self.customer.with_user(self.dealer_user).write({"property_payment_term_id": term.id})
        self.assertEqual(self.customer.property_payment_term_id, term)

    # ------------------------------------------------------------------ create, directly or through default_*
    def test_dealer_user_cannot_create_an_active_dealer(self):
        count = self.Partner.search_count([("is_dealer", "=", True)])
        with self.assertRefused(AccessError, PROTECTED):
            self.Partner.with_user(self.dealer_user).create({
                "name": "Self-made Dealer Ltd.", "is_company": True, "is_dealer": True, "dealer_state": "active",
                "dealer_grade_id": self.grade_core.id,
            })
        self.assertEqual(self.Partner.search_count([("is_dealer", "=", True)]), count)

    def test_dealer_user_cannot_create_a_dealer_through_default_context(self):
        Partner = self.Partner.with_user(self.dealer_user).with_context(
            default_is_dealer=True, default_dealer_state="active", default_dealer_territory_ids=self.jiangsu.ids,
        )
        with self.assertRefused(AccessError, PROTECTED):
            Partner.create({"name": "Default Dealer Ltd.", "is_company": True})
        self.assertFalse(self.Partner.search([("name", "=", "Default Dealer Ltd.")]))

    def test_contact_creator_cannot_register_a_prospect_dealer(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.Partner.with_user(self.contact_creator).create({"name": "Prospect Ltd.", "is_dealer": True})
        self.assertFalse(self.Partner.search([("name", "=", "Prospect Ltd.")]))

    def test_dealer_manager_cannot_create_an_active_dealer(self):
        with self.assertRefused(AccessError, PROTECTED):
            self.Partner.with_user(self.dealer_manager).create({
                "name": "Manager Dealer Ltd.", "is_company": True, "is_dealer": True, "dealer_state": "active",
            })
        self.assertFalse(self.Partner.search([("name", "=", "Manager Dealer Ltd.")]))

    def test_copying_a_dealer_gives_a_plain_contact(self):
        copy = self.dealer.with_user(self.dealer_user).copy()
        self.assertFalse(copy.is_dealer or copy.dealer_grade_id or copy.dealer_territory_ids or copy.dealer_state)

    # ------------------------------------------------------------------ what keeps working
    def test_everybody_still_creates_and_edits_plain_contacts(self):
        for user in (self.contact_creator, self.dealer_user, self.dealer_manager):
            partner = self.Partner.with_user(user).create({"name": f"Contact of {user.login}", "is_dealer": False})
            partner.write({"phone": "+86 571 1234 5678", "is_dealer": False, "dealer_territory_ids": []})
            self.assertFalse(partner.is_dealer)

    def test_dealer_user_adds_a_contact_person_from_the_dealers_menu(self):
        dealer = self.dealer.with_user(self.dealer_user).with_context(default_is_dealer=True, default_is_company=True)
        dealer.write({"child_ids": [Command.create({"name": "Wang Wei", "type": "contact", "is_company": False})]})
        contact = self.dealer.child_ids.filtered(lambda c: c.name == "Wang Wei")
        self.assertTrue(contact)
        self.assertFalse(contact.is_dealer)

    def test_dealer_manager_registers_a_prospect_from_the_dealers_menu(self):
        prospect = self.Partner.with_user(self.dealer_manager).with_context(default_is_dealer=True).create(
            {"name": "New Prospect Ltd.", "is_company": True}
        )
        self.assertRecordValues(prospect, [{"is_dealer": True, "dealer_state": "prospect"}])
        self.assertTrue(prospect.dealer_code)

    def test_dealer_manager_registers_an_existing_company_as_a_dealer(self):
        self.customer.with_user(self.dealer_manager).action_dealer_register()
        self.assertRecordValues(self.customer, [{"is_dealer": True, "dealer_state": "prospect"}])
        self.assertIn("Registered as a prospect dealer by Dealer Manager T", self.customer.message_ids[0].body)

    def test_dealer_user_cannot_register_a_dealer(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager may register"):
            self.customer.with_user(self.dealer_user).action_dealer_register()
        self.assertFalse(self.customer.is_dealer)

    def test_dealer_manager_reactivates_through_the_action(self):
        self.terminated.with_user(self.dealer_manager).action_dealer_reactivate()
        self.assertEqual(self.terminated.dealer_state, "active")

    # ------------------------------------------------------------------ territory assignment wizard
    def _assign(self, user, territories, parent=None, reason="New contract area"):
        Wizard = self.env["dealer.territory.assign.wizard"]
        wizard = (Wizard.with_user(user) if user else Wizard).create({
            "partner_id": self.dealer.id, "territory_ids": [Command.set(territories.ids)],
            "parent_dealer_id": parent.id if parent else False, "reason": reason,
        })
        return wizard.action_apply()

    def test_territory_wizard_records_who_when_what_in_the_chatter(self):
        before = fields.Datetime.now().replace(microsecond=0)
        self._assign(self.dealer_manager, self.jiangsu)
        self.assertEqual(self.dealer.dealer_territory_ids, self.jiangsu)
        message = self.dealer.message_ids[0]
        self.assertEqual(message.author_id, self.dealer_manager.partner_id)
        self.assertGreaterEqual(message.date, before)
        self.assertIn("Territories assigned by Dealer Manager T. Reason: New contract area", message.body)
        self.assertIn("Territories added: Jiangsu", message.body)
        self.assertIn("Territories removed: Zhejiang", message.body)

    def test_territory_wizard_sets_the_parent_distributor(self):
        distributor = self._create_dealer("Distributor Ltd.", state="active")
        self._assign(self.dealer_manager, self.zhejiang, parent=distributor)
        self.assertEqual(self.dealer.parent_dealer_id, distributor)
        self.assertIn("Parent distributor", self.dealer.message_ids[0].body)

    def test_dealer_user_cannot_use_the_territory_wizard(self):
        with self.assertRefused(AccessError, "dealer.territory.assign.wizard"):
            self._assign(self.dealer_user, self.jiangsu)
        self.assertEqual(self.dealer.dealer_territory_ids, self.zhejiang)

    def test_territory_wizard_refuses_a_territory_of_another_company(self):
        company_b = self.env["res.company"].create({"name": "Territory Company B"})
        territory_b = self.Territory.create({"name": "B Region", "code": "SEC-B", "level": "region",
                                             "company_id": company_b.id})
        self.dealer.company_id = self.env.company
        with self.assertRefused(UserError, "Territory B Region belongs to Territory Company B"):
            self._assign(None, territory_b)
        self.assertEqual(self.dealer.dealer_territory_ids, self.zhejiang)

    def test_grade_wizard_refuses_a_partner_that_is_not_a_dealer(self):
        wizard = self.env["dealer.grade.change.wizard"].with_user(self.dealer_manager).create({
            "partner_id": self.customer.id, "new_grade_id": self.grade_core.id, "reason": "Try",
        })
        with self.assertRefused(UserError, "Plain Customer Ltd. is not a dealer"):
            wizard.action_apply()
        self.assertFalse(self.customer.dealer_grade_id)


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
class TestSecurityMasterdataRpc(HttpCase, MasterdataCase):
    """Hole 1 over JSON-RPC, the way the web client (or a script with a session) would attempt it."""

    def _call_kw(self, model, method, args, kwargs=None):
        """POST /web/dataset/call_kw; return the JSON-RPC error (or None)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": model, "method": method, "args": args, "kwargs": kwargs or {},
        }}
        response = self.url_open(
            "/web/dataset/call_kw", data=json.dumps(payload), headers={"Content-Type": "application/json"},
        )
        return response.json().get("error")

    def test_dealer_user_cannot_write_dealer_state_over_rpc(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        error = self._call_kw("res.partner", "write", [[self.terminated.id], {"dealer_state": "active"}])
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertRegex(error["data"]["message"], "Dealer Status of Terminated Dealer Ltd. " + PROTECTED)
        self.terminated.invalidate_recordset()
        self.assertEqual(self.terminated.dealer_state, "terminated")

    def test_dealer_manager_cannot_add_territory_over_rpc(self):
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        error = self._call_kw("res.partner", "write", [
            [self.dealer.id], {"dealer_territory_ids": [[4, self.jiangsu.id]], "is_dealer": True},
        ])
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertRegex(error["data"]["message"], "Territories of Active Dealer Ltd. " + PROTECTED)
        self.dealer.invalidate_recordset()
        self.assertEqual(self.dealer.dealer_territory_ids, self.zhejiang)

    def test_dealer_user_cannot_create_an_active_dealer_with_default_context_over_rpc(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        error = self._call_kw("res.partner", "create", [{"name": "RPC Dealer Ltd.", "is_company": True}], {
            "context": {"default_is_dealer": True, "default_dealer_state": "active"},
        })
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertFalse(self.Partner.search([("name", "=", "RPC Dealer Ltd.")]))

    def test_dealer_user_cannot_call_the_private_lifecycle_method_over_rpc(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        error = self._call_kw("res.partner", "_dealer_set_state", [[self.terminated.id], "active"])
        self.assertTrue(error)
        self.terminated.invalidate_recordset()
        self.assertEqual(self.terminated.dealer_state, "terminated")
