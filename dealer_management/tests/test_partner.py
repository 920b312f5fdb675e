from datetime import timedelta

from lxml import etree
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerPartner(DealerTestCommon):
    """The dealer on res.partner: code, lifecycle, grade and its history, distributors, counters."""

    run_as_superuser = True  # the tests act as the administrator entering data (TransactionCase's user)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sequence = cls.env.ref("dealer_management.seq_dealer_code")
        cls.pricelist_core = cls.env["product.pricelist"].create({"name": "核心经销商价格表"})
        cls.term_30 = cls.env["account.payment.term"].create({
            "name": "经销商30天",
            "line_ids": [Command.create({"value": "percent", "value_amount": 100.0, "nb_days": 30})],
        })
        cls.grade_core.write({
            "pricelist_id": cls.pricelist_core.id, "payment_term_id": cls.term_30.id, "credit_limit": 500000.0,
        })
        cls.dealer = cls._create_dealer("杭州测试经销有限公司", grade=cls.grade_regular)
        cls.product = cls.env["product.product"].create({"name": "测试商品", "list_price": 100.0})

    def _history(self, partner):
        return self.env["dealer.grade.history"].search([("partner_id", "=", partner.id)], order="id")

    # ------------------------------------------------------------------ dealer code
    def test_code_is_taken_from_the_sequence_on_create(self):
        expected = self.sequence.get_next_char(self.sequence.number_next_actual)
        dealer = self._create_dealer("宁波新经销商")
        self.assertEqual(dealer.dealer_code, expected)
        self.assertTrue(dealer.dealer_code.startswith("DLR"))

    def test_new_dealer_starts_as_prospect(self):
        self.assertEqual(self._create_dealer("宁波新经销商").dealer_state, "prospect")

    def test_partner_that_is_not_a_dealer_has_no_code(self):
        partner = self.Partner.create({"name": "普通客户", "is_company": True})
        self.assertFalse(partner.dealer_code)
        self.assertFalse(partner.dealer_state)

    def test_code_is_assigned_when_a_partner_becomes_a_dealer(self):
        partner = self.Partner.create({"name": "普通客户", "is_company": True})
        expected = self.sequence.get_next_char(self.sequence.number_next_actual)
        partner.is_dealer = True
        self.assertEqual(partner.dealer_code, expected)
        self.assertEqual(partner.dealer_state, "prospect")

    def test_codes_are_distinct(self):
        first = self._create_dealer("经销商一")
        second = self._create_dealer("经销商二")
        self.assertNotEqual(first.dealer_code, second.dealer_code)

    def test_code_is_not_copied(self):
        # a copy is a plain contact: it becomes a dealer only through registration or an application
        copy = self.dealer.copy()
        self.assertFalse(copy.dealer_code)
        self.assertFalse(copy.is_dealer)

    def test_duplicate_code_is_refused(self):
        other = self._create_dealer("经销商二")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            other.write({"dealer_code": self.dealer.dealer_code})
            other.flush_recordset()

    # ------------------------------------------------------------------ lifecycle
    def test_prospect_becomes_applicant(self):
        self.dealer.action_dealer_make_applicant()
        self.assertEqual(self.dealer.dealer_state, "applicant")

    def test_applicant_is_activated_with_a_start_date(self):
        self.dealer.action_dealer_make_applicant()
        self.dealer.with_user(self.dealer_manager).action_dealer_activate()
        self.assertEqual(self.dealer.dealer_state, "active")
        self.assertEqual(self.dealer.dealer_since, fields.Date.context_today(self.dealer))

    def test_active_dealer_is_suspended(self):
        dealer = self._create_dealer("待暂停经销商", state="active")
        dealer.with_user(self.dealer_manager).action_dealer_suspend()
        self.assertEqual(dealer.dealer_state, "suspended")

    def test_suspended_dealer_is_reactivated_by_a_manager(self):
        dealer = self._create_dealer("暂停经销商", state="suspended")
        dealer.with_user(self.dealer_manager).action_dealer_reactivate()
        self.assertEqual(dealer.dealer_state, "active")

    def test_terminated_dealer_is_reactivated_by_a_manager(self):
        dealer = self._create_dealer("已终止经销商", state="active")
        dealer.write({"dealer_state": "terminated", "dealer_end_date": fields.Date.today()})
        dealer.with_user(self.dealer_manager).action_dealer_reactivate()
        self.assertEqual(dealer.dealer_state, "active")
        self.assertFalse(dealer.dealer_end_date)

    def test_reactivation_keeps_the_first_start_date(self):
        dealer = self._create_dealer("老经销商", state="suspended")
        since = fields.Date.today() - timedelta(days=400)
        dealer.dealer_since = since
        dealer.action_dealer_reactivate()
        self.assertEqual(dealer.dealer_since, since)

    def test_terminated_dealer_cannot_be_activated(self):
        dealer = self._create_dealer("已终止经销商", state="active")
        dealer.write({"dealer_state": "terminated"})
        with self.assertRefused(UserError, "cannot become Active from status Terminated"):
            dealer.action_dealer_activate()
        self.assertEqual(dealer.dealer_state, "terminated")

    def test_prospect_cannot_be_suspended(self):
        with self.assertRefused(UserError, "cannot become Suspended from status Prospect"):
            self.dealer.action_dealer_suspend()
        self.assertEqual(self.dealer.dealer_state, "prospect")

    def test_active_dealer_cannot_go_back_to_applicant(self):
        dealer = self._create_dealer("活跃经销商", state="active")
        with self.assertRefused(UserError, "cannot become Applicant from status Active"):
            dealer.action_dealer_make_applicant()
        self.assertEqual(dealer.dealer_state, "active")

    def test_active_dealer_cannot_be_reactivated(self):
        dealer = self._create_dealer("活跃经销商", state="active")
        with self.assertRefused(UserError, "Only a suspended or terminated dealer can be reactivated"):
            dealer.action_dealer_reactivate()
        self.assertEqual(dealer.dealer_state, "active")

    def test_lifecycle_action_on_a_non_dealer_is_refused(self):
        partner = self.Partner.create({"name": "普通客户", "is_company": True})
        with self.assertRefused(UserError, "普通客户 is not a dealer"):
            partner.action_dealer_make_applicant()
        self.assertFalse(partner.dealer_state)

    def test_dealer_user_cannot_reactivate(self):
        dealer = self._create_dealer("暂停经销商", state="suspended")
        with self.assertRefused(AccessError, "Only a Dealer Manager may reactivate a dealer"):
            dealer.with_user(self.dealer_user).action_dealer_reactivate()
        self.assertEqual(dealer.dealer_state, "suspended")

    def test_dealer_user_cannot_reactivate_a_terminated_dealer(self):
        dealer = self._create_dealer("已终止经销商", state="active")
        dealer.write({"dealer_state": "terminated"})
        with self.assertRefused(AccessError, "Only a Dealer Manager may reactivate a dealer"):
            dealer.with_user(self.dealer_user).action_dealer_reactivate()
        self.assertEqual(dealer.dealer_state, "terminated")

    def test_dealer_user_cannot_suspend(self):
        dealer = self._create_dealer("活跃经销商", state="active")
        with self.assertRefused(AccessError, "Only a Dealer Manager may suspend a dealer"):
            dealer.with_user(self.dealer_user).action_dealer_suspend()
        self.assertEqual(dealer.dealer_state, "active")

    def test_dealer_user_cannot_activate(self):
        with self.assertRefused(AccessError, "Only a Dealer Manager may activate a dealer"):
            self.dealer.with_user(self.dealer_user).action_dealer_activate()
        self.assertEqual(self.dealer.dealer_state, "prospect")

    def test_dealer_user_may_mark_an_applicant(self):
        self.dealer.with_user(self.dealer_user).action_dealer_make_applicant()
        self.assertEqual(self.dealer.dealer_state, "applicant")

    # ------------------------------------------------------------------ grade and history
    def test_creating_a_dealer_with_a_grade_writes_one_history_line(self):
        history = self._history(self.dealer)
        self.assertEqual(len(history), 1)
        self.assertFalse(history.old_grade_id)
        self.assertEqual(history.new_grade_id, self.grade_regular)
        self.assertTrue(history.reason)

    def test_creating_a_dealer_without_a_grade_writes_no_history(self):
        self.assertFalse(self._history(self._create_dealer("无等级经销商")))

    def test_grade_change_wizard_records_who_when_from_to_and_why(self):
        before = fields.Datetime.now().replace(microsecond=0)
        wizard = self.env["dealer.grade.change.wizard"].with_user(self.dealer_manager).create({
            "partner_id": self.dealer.id, "new_grade_id": self.grade_core.id, "reason": "年度考核第一名",
        })
        wizard.action_apply()
        self.assertEqual(self.dealer.dealer_grade_id, self.grade_core)
        line = self._history(self.dealer)[-1]
        self.assertRecordValues(line, [{
            "user_id": self.dealer_manager.id, "old_grade_id": self.grade_regular.id,
            "new_grade_id": self.grade_core.id, "reason": "年度考核第一名",
        }])
        self.assertGreaterEqual(line.date, before)
        self.assertEqual(len(self._history(self.dealer)), 2)

    def test_grade_change_applies_the_grade_policy(self):
        wizard = self.env["dealer.grade.change.wizard"].with_user(self.dealer_manager).create({
            "partner_id": self.dealer.id, "new_grade_id": self.grade_core.id, "reason": "升级",
        })
        wizard.action_apply()
        self.assertEqual(self.dealer.property_product_pricelist, self.pricelist_core)
        self.assertEqual(self.dealer.property_payment_term_id, self.term_30)
        self.assertEqual(self.dealer.credit_limit, 500000.0)

    def test_creating_a_dealer_with_a_grade_applies_its_policy(self):
        dealer = self._create_dealer("核心新经销商", dealer_grade_id=self.grade_core.id)
        self.assertEqual(dealer.property_product_pricelist, self.pricelist_core)
        self.assertEqual(dealer.property_payment_term_id, self.term_30)
        self.assertEqual(dealer.credit_limit, 500000.0)

    def test_manager_registering_a_prospect_then_grading_it_gets_its_policy(self):
        dealer = self.Partner.with_user(self.dealer_manager).create({
            "name": "新登记经销商", "is_company": True, "is_dealer": True,
        })
        self.env["dealer.grade.change.wizard"].with_user(self.dealer_manager).create({
            "partner_id": dealer.id, "new_grade_id": self.grade_core.id, "reason": "首次评级",
        }).action_apply()
        self.assertEqual(dealer.sudo().credit_limit, 500000.0)
        self.assertEqual(len(self._history(dealer)), 1)

    def test_grade_change_wizard_refuses_the_current_grade(self):
        wizard = self.env["dealer.grade.change.wizard"].with_user(self.dealer_manager).create({
            "partner_id": self.dealer.id, "new_grade_id": self.grade_regular.id, "reason": "无变化",
        })
        with self.assertRefused(UserError, "already has grade Regular"):
            wizard.action_apply()
        self.assertEqual(len(self._history(self.dealer)), 1)

    def test_dealer_user_cannot_change_a_dealer_grade(self):
        with self.assertRefused(AccessError, "Dealer Grade of .* change only through the dealer buttons and wizards"):
            self.dealer.with_user(self.dealer_user).write({"dealer_grade_id": self.grade_core.id})
        self.assertEqual(self.dealer.dealer_grade_id, self.grade_regular)
        self.assertEqual(len(self._history(self.dealer)), 1)

    def test_dealer_user_cannot_open_the_grade_change_wizard(self):
        with self.assertRefused(AccessError, "dealer.grade.change.wizard"):
            self.env["dealer.grade.change.wizard"].with_user(self.dealer_user).create({
                "partner_id": self.dealer.id, "new_grade_id": self.grade_core.id, "reason": "越权",
            })

    def test_dealer_user_may_edit_other_dealer_fields(self):
        self.dealer.with_user(self.dealer_user).write({"phone": "+86 571 8888 8888"})
        self.assertEqual(self.dealer.phone, "+86 571 8888 8888")

    # ------------------------------------------------------------------ distributors
    def test_dealer_cannot_be_its_own_parent_distributor(self):
        with self.assertRefused(ValidationError, r"own \(indirect\) parent distributor"):
            self.dealer.parent_dealer_id = self.dealer
        self.assertFalse(self.dealer.parent_dealer_id)

    def test_indirect_parent_distributor_cycle_is_refused(self):
        distributor = self._create_dealer("省级总代理")
        sub = self._create_dealer("二级分销商", parent_dealer_id=self.dealer.id)
        self.dealer.parent_dealer_id = distributor
        with self.assertRefused(ValidationError, r"own \(indirect\) parent distributor"):
            distributor.parent_dealer_id = sub
        self.assertFalse(distributor.parent_dealer_id)

    def test_parent_distributor_must_be_a_dealer(self):
        customer = self.Partner.create({"name": "普通客户", "is_company": True})
        with self.assertRefused(ValidationError, "parent distributor of .* must itself be a dealer"):
            self.dealer.parent_dealer_id = customer
        self.assertFalse(self.dealer.parent_dealer_id)

    # ------------------------------------------------------------------ smart buttons
    def _order(self, partner, confirmed=True):
        order = self.env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1.0})],
        })
        if confirmed:
            # the counter reads the order state; the confirmation checks have their own tests
            order.write({"state": "sale"})
        return order

    def test_sale_order_count_counts_confirmed_orders_of_dealer_and_contacts(self):
        contact = self.Partner.create({"name": "采购员李娜", "parent_id": self.dealer.id, "type": "contact"})
        other_dealer = self._create_dealer("其他经销商")
        self._order(self.dealer)
        self._order(contact)
        self._order(self.dealer, confirmed=False)
        self._order(other_dealer)
        self.assertEqual(self.dealer.dealer_sale_order_count, 2)
        self.assertEqual(other_dealer.dealer_sale_order_count, 1)

    def test_sale_order_count_ignores_cancelled_orders(self):
        self._order(self.dealer).write({"state": "cancel"})
        self.assertEqual(self.dealer.dealer_sale_order_count, 0)

    def test_sub_dealer_count(self):
        self._create_dealer("二级分销商一", parent_dealer_id=self.dealer.id)
        self._create_dealer("二级分销商二", parent_dealer_id=self.dealer.id)
        self.assertEqual(self.dealer.dealer_sub_dealer_count, 2)

    def test_orders_action_covers_the_contacts(self):
        contact = self.Partner.create({"name": "采购员李娜", "parent_id": self.dealer.id, "type": "contact"})
        orders = self._order(self.dealer) | self._order(contact)
        action = self.dealer.action_view_dealer_orders()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), orders)

    def test_orders_action_lists_dealer_orders_in_the_dealer_orders_action(self):
        action = self.dealer.action_view_dealer_orders()
        self.assertEqual(action["id"], self.env.ref("dealer_management.action_dealer_sale_order").id)
        self.assertEqual(action["context"].get("search_default_sales"), 1)  # the confirmed orders: the count

    # ------------------------------------------------------------------ the dealer form
    def _form_arch(self, user):
        view = self.env.ref("base.view_partner_form")
        return etree.fromstring(self.env["res.partner"].with_user(user).get_view(view.id, "form")["arch"])

    def test_form_shows_the_dealer_profile_at_the_top(self):
        arch = self._form_arch(self.dealer_user)
        top = arch.xpath("//sheet/group")[0]
        for fname in ("dealer_code", "dealer_grade_id", "dealer_state", "dealer_territory_ids",
                      "dealer_credit_available"):
            fields_at_top = top.xpath(f".//field[@name='{fname}']")
            self.assertTrue(fields_at_top, f"{fname} is not at the top of the dealer form")
            self.assertIn("not is_dealer", fields_at_top[0].get("invisible") + fields_at_top[0].getparent().get(
                "invisible", ""))
            # not a second time in the Dealer tab
            self.assertFalse(arch.xpath(f"//page[@name='dealer']//field[@name='{fname}']"), fname)

    def test_form_labels_the_vat_as_credit_code_for_dealers_only(self):
        arch = self._form_arch(self.dealer_user)
        vats = arch.xpath("//sheet/group//field[@name='vat']")
        self.assertEqual(len(vats), 2)
        self.assertEqual([v.get("invisible") for v in vats], ["is_dealer", "not is_dealer"])
        self.assertFalse(vats[0].get("string"))  # Odoo's own label for every other contact
        self.assertEqual(vats[1].get("string"), "Unified Social Credit Code")
        # a contact creator without the dealer groups still sees the vat, and no dealer field
        arch = self._form_arch(self.contact_creator)
        self.assertEqual(len(arch.xpath("//field[@name='vat']")), 2)
        self.assertFalse(arch.xpath("//field[@name='dealer_credit_available']"))

    def test_form_has_one_orders_button_for_dealers(self):
        arch = self._form_arch(self.dealer_user)
        odoo_button = arch.xpath("//div[@name='button_box']/button[@name='action_view_sale_order']")
        ours = arch.xpath("//div[@name='button_box']/button[@name='action_view_dealer_orders']")
        self.assertEqual(len(odoo_button), 1)
        self.assertEqual(odoo_button[0].get("invisible"), "is_dealer")  # Odoo's stays for other customers
        self.assertEqual(len(ours), 1)
        self.assertEqual(ours[0].get("invisible"), "not is_dealer")

    def test_credit_available_at_the_top(self):
        dealer = self._create_dealer("授信经销商", grade=self.grade_core)  # grade credit limit: 500,000
        self.assertEqual(dealer.dealer_credit_limit, 500000.0)
        self.assertEqual(dealer.dealer_credit_available, 500000.0)
        order = self._order(dealer)
        dealer.invalidate_recordset()
        self.assertEqual(dealer.dealer_credit_available, 500000.0 - order.amount_total)

    def test_credit_available_without_limit_or_for_other_partners(self):
        self.grade_regular.credit_limit = 0.0
        dealer = self._create_dealer("无授信经销商", grade=self.grade_regular)
        self.assertFalse(dealer.dealer_credit_limit)
        self.assertFalse(dealer.dealer_credit_available)
        customer = self.Partner.create({"name": "普通客户", "is_company": True})
        self.assertFalse(customer.dealer_credit_available)

    def test_credit_available_not_readable_by_portal_or_plain_users(self):
        portal = self._create_portal_user(self.dealer, "credit_portal_t")
        for user in (portal, self.contact_creator):
            with self.assertRaises(AccessError):
                self.dealer.with_user(user).read(["dealer_credit_available"])
