from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

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

    @classmethod
    def _post(cls, move_type, partner, day, amount):
        move = cls.init_invoice(move_type, partner=partner, invoice_date=day, amounts=[amount], taxes=[])
        move.action_post()
        return move

    def test_statement_figures(self):
        statement = self.dealer._dealer_statement(date(2025, 2, 1), date(2025, 2, 28), self.env.company)
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
            self.dealer._dealer_statement(date(2025, 3, 1), date(2025, 2, 1), self.env.company)

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
        data = {"date_from": "2025-02-01", "date_to": "2025-02-28", "dealer_company_id": self.env.company.id}
        with self.assertRaisesRegex(AccessError, "Only Dealer Users and accountants"):
            self.env["ir.actions.report"].with_user(self.contact_creator)._render_qweb_html(
                "dealer_management.action_report_dealer_statement", self.dealer.ids, data=data,
            )
