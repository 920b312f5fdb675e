from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerStatement(DealerTestCommon):
    """The statement of account (对账单) against a hand computation, the wizard and who may print it.

    Dealer (all untaxed, immediate terms): invoice 1,000 on 2025-01-10 (before the period), then in
    February: invoice 500 (02-03), credit note 100 (02-10), payment 300 (02-15) and an invoice of another
    dealer (not on the statement); March: invoice 50 (after the period).
    Opening 1,000; period: +500 −100 −300; closing 1,100.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer = cls._create_dealer("Statement Dealer", state="active", grade=cls.grade_unchecked)
        cls.other = cls._create_dealer("Other Dealer", state="active", grade=cls.grade_unchecked)
        cls.contact = cls.Partner.create({"name": "Statement Accountant", "parent_id": cls.dealer.id})
        cls.inv_before = cls._post("out_invoice", cls.dealer, "2025-01-10", 1000.0)
        cls.inv_feb = cls._post("out_invoice", cls.contact, "2025-02-03", 500.0)
        cls.refund_feb = cls._post("out_refund", cls.dealer, "2025-02-10", 100.0)
        cls._post("out_invoice", cls.other, "2025-02-05", 777.0)
        cls._post("out_invoice", cls.dealer, "2025-03-01", 50.0)
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=cls.inv_before.ids,
        ).create({"payment_date": "2025-02-15", "amount": 300.0})._create_payments()
        # the attacks: a customer that is no dealer, another company's dealer, another company's invoice of the
        # (shared) dealer, and an accountant outside the dealer suite
        cls.customer = cls.Partner.create({"name": "Plain Customer ST", "is_company": True})
        cls._post("out_invoice", cls.customer, "2025-02-07", 4321.0)
        cls.company_2 = cls.setup_other_company(name="Statement Company 2")["company"]
        cls.dealer_2 = cls._create_dealer("Company2 Dealer", state="active", grade=cls.grade_unchecked,
                                          company_id=cls.company_2.id)
        for partner, amount in ((cls.dealer_2, 8765.0), (cls.dealer, 999.0)):
            cls.init_invoice("out_invoice", partner=partner, invoice_date="2025-02-08", amounts=[amount], taxes=[],
                             post=True, company=cls.company_2)
        cls.accountant = new_test_user(cls.env, login="statement_accountant_t", groups="account.group_account_invoice",
                                       company_id=cls.env.company.id, company_ids=[Command.set(cls.env.company.ids)])
        cls.data = {"date_from": "2025-02-01", "date_to": "2025-02-28"}

    @classmethod
    def _post(cls, move_type, partner, day, amount):
        move = cls.init_invoice(move_type, partner=partner, invoice_date=day, amounts=[amount], taxes=[])
        move.action_post()
        return move

    def test_statement_figures(self):
        statement = self.dealer._dealer_statement(date(2025, 2, 1), date(2025, 2, 28))
        self.assertEqual(statement["opening"], 1000.0)
        self.assertEqual(statement["closing"], 1100.0)
        self.assertEqual(
            [(row["kind"], row["debit"], row["credit"], row["balance"]) for row in statement["rows"]],
            [("invoice", 500.0, 0.0, 1500.0), ("credit_note", 0.0, 100.0, 1400.0), ("payment", 0.0, 300.0, 1100.0)],
        )
        self.assertEqual(statement["totals"],
                         {"invoice": 500.0, "credit_note": -100.0, "payment": -300.0, "other": 0.0})
        self.assertEqual(statement["rows"][0]["name"], self.inv_feb.name)  # a contact's invoice is the dealer's

    def test_statement_period_must_be_ordered(self):
        with self.assertRaisesRegex(UserError, "starts after it ends"):
            self.dealer._dealer_statement(date(2025, 3, 1), date(2025, 2, 1))

    def test_wizard_prints_the_statement(self):
        wizard = self.env["dealer.statement.wizard"].with_user(self.dealer_user).with_context(
            active_model="res.partner", active_id=self.contact.id,
        ).create({"date_from": "2025-02-01", "date_to": "2025-02-28"})
        self.assertEqual(wizard.partner_id, self.dealer)
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "dealer_management.report_dealer_statement")
        html = self.env["ir.actions.report"].with_user(self.dealer_user)._render_qweb_html(
            "dealer_management.action_report_dealer_statement", self.dealer.ids, data=action["data"],
        )[0].decode()
        self.assertIn(self.refund_feb.name, html)
        self.assertIn("1,100.00", html)

    def test_user_outside_the_dealer_suite_cannot_print_a_statement(self):
        data = self.data
        with self.assertRaisesRegex(AccessError, "Only Dealer Users and accountants"):
            self.env["ir.actions.report"].with_user(self.contact_creator)._render_qweb_html(
                "dealer_management.action_report_dealer_statement", self.dealer.ids, data=data,
            )

    # ------------------------------------------------------------------ attacks
    def _print(self, user, partner, companies=None, **data):
        Report = self.env["ir.actions.report"].with_user(user)
        if companies:
            Report = Report.with_context(allowed_company_ids=companies.ids)
        return Report._render_qweb_html(
            "dealer_management.action_report_dealer_statement", partner.ids, data={**self.data, **data},
        )[0].decode()

    def test_statement_of_a_partner_that_is_not_a_dealer_is_refused(self):
        """A Dealer User or an accountant may read any customer, but prints statements of dealers only."""
        attachments = self.env["ir.attachment"].search_count([])
        for user in (self.dealer_user, self.salesman, self.accountant):
            with self.subTest(user=user.login), self.assertRefused(AccessError, "dealers you may see only"):
                self._print(user, self.customer)
        wizard = self.env["dealer.statement.wizard"].with_user(self.dealer_user).create({
            "partner_id": self.customer.id, "date_from": "2025-02-01", "date_to": "2025-02-28",
        })
        with self.assertRefused(AccessError, "dealers you may see only"):
            wizard.action_print()
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments, "nothing was written")

    def test_statement_of_another_company_dealer_is_refused(self):
        """Not with the dealer's id, nor with the company named in the data, nor with both companies allowed
        to the user but only the first one selected."""
        attachments = self.env["ir.attachment"].search_count([])
        with self.assertRefused(AccessError, "dealers you may see only"):
            self._print(self.dealer_user, self.dealer_2, dealer_company_id=self.company_2.id)
        self.dealer_user.company_ids += self.company_2
        with self.assertRefused(AccessError, "dealers you may see only"):
            self._print(self.dealer_user, self.dealer_2, companies=self.env.company)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments, "nothing was written")

    def test_statement_company_comes_from_the_dealer_not_the_request(self):
        """A shared dealer's statement is the user's company's: another company named in the data is ignored."""
        html = self._print(self.dealer_user, self.dealer, dealer_company_id=self.company_2.id)
        self.assertIn(self.refund_feb.name, html)
        self.assertIn("1,100.00", html)
        self.assertNotIn("999.00", html)
        # a dealer of company 2 has its statement in company 2, for a user working there
        self.dealer_user.company_ids += self.company_2
        html = self._print(self.dealer_user, self.dealer_2, companies=self.company_2,
                           dealer_company_id=self.env.company.id)
        self.assertIn("8,765.00", html)
