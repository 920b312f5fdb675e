"""Attacks on the dealer master data (issue #7, hole 1).

Each test performs the attack as the user named in its name and checks that it is refused and that nothing was
written. Set-up data is created as superuser, the way an administrator would.
"""

from stdnum.cn import uscc

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import CallKwMixin, DealerTestCommon

PROTECTED = "change only through the dealer buttons and wizards"


def credit_code(base17):
    return base17 + uscc.calc_check_digit(base17)


class MasterdataCase(DealerTestCommon):

    run_as_superuser = True  # the tests act as the administrator entering data (TransactionCase's user)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer = cls._create_dealer(
            "Active Dealer Ltd.", state="active", grade=cls.grade_regular, territories=cls.zhejiang,
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
        self.assertIn("Territories added: 华东 / 江苏", message.body)
        self.assertIn("Territories removed: 华东 / 浙江", message.body)

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
class TestSecurityMasterdataRpc(CallKwMixin, MasterdataCase, HttpCase):
    """Hole 1 over JSON-RPC, the way the web client (or a script with a session) would attempt it."""

    def test_dealer_user_cannot_write_dealer_state_over_rpc(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        error = self._rpc_error("res.partner", "write", [[self.terminated.id], {"dealer_state": "active"}])
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertRegex(error["data"]["message"], "Dealer Status of Terminated Dealer Ltd. " + PROTECTED)
        self.terminated.invalidate_recordset()
        self.assertEqual(self.terminated.dealer_state, "terminated")

    def test_dealer_manager_cannot_add_territory_over_rpc(self):
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        error = self._rpc_error("res.partner", "write", [
            [self.dealer.id], {"dealer_territory_ids": [[4, self.jiangsu.id]], "is_dealer": True},
        ])
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertRegex(error["data"]["message"], "Territories of Active Dealer Ltd. " + PROTECTED)
        self.dealer.invalidate_recordset()
        self.assertEqual(self.dealer.dealer_territory_ids, self.zhejiang)

    def test_dealer_user_cannot_create_an_active_dealer_with_default_context_over_rpc(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        error = self._rpc_error("res.partner", "create", [{"name": "RPC Dealer Ltd.", "is_company": True}], {
            "context": {"default_is_dealer": True, "default_dealer_state": "active"},
        })
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertFalse(self.Partner.search([("name", "=", "RPC Dealer Ltd.")]))

    def test_dealer_user_cannot_call_the_private_lifecycle_method_over_rpc(self):
        self.authenticate(self.dealer_user.login, self.dealer_user.login)
        error = self._rpc_error("res.partner", "_dealer_set_state", [[self.terminated.id], "active"])
        self.assertTrue(error)
        self.terminated.invalidate_recordset()
        self.assertEqual(self.terminated.dealer_state, "terminated")
