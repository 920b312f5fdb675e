import io
from datetime import date

from lxml import html as lxml_html

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.pdf import PdfFileReader
from odoo.tools.translate import code_translations

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

    # ------------------------------------------------------------------ the printed statement (issue 15)
    def _html_tree(self, html):
        return lxml_html.fromstring(html)

    def test_statement_reads_as_an_accounting_statement_in_chinese(self):
        """贷方 (not 信用额度) and 单据 (not 文件) in the columns, the confirmation block in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["dealer_management"], ["zh_CN"], overwrite=True)
        self.dealer.lang = "zh_CN"
        tree = self._html_tree(self._print(self.dealer_user, self.dealer))
        headers = [" ".join(th.text_content().split()) for th in tree.xpath("//table[@name='statement_lines']//th")]
        self.assertEqual(headers, ["日期", "单据", "类型", "参考编号", "借方", "贷方", "余额"])
        confirmation = " ".join(tree.xpath("//div[hasclass('o_statement_confirmation')]")[0].text_content().split())
        for term in ("对账确认", "确认无误", "有异议", "签字", "盖章", "日期"):
            self.assertIn(term, confirmation)
        self.assertNotIn("信用额度", " ".join(headers) + confirmation)
        # the credit check keeps its own word: "Credit" stays 信用额度, the column is another source string
        self.assertEqual(code_translations.get_python_translations("dealer_management", "zh_CN")["Credit"], "信用额度")

    def test_statement_has_the_company_letterhead(self):
        self.env.company.write({"street": "文一西路 969 号", "city": "杭州市"})
        tree = self._html_tree(self._print(self.dealer_user, self.dealer))
        header = tree.xpath("//div[contains(concat(' ', @class, ' '), ' header ')]")
        self.assertTrue(header, "web.external_layout's header")
        text = " ".join(header[0].text_content().split())
        self.assertIn("文一西路 969 号", text)
        self.assertTrue(header[0].xpath(".//img[starts-with(@src, 'data:image')]"), "the company logo")

    def test_statement_end_kept_together_with_the_confirmation(self):
        """The closing balance, the totals, the footnote and the confirmation block are one block that no page break
        splits: the footnote never stands alone on a page."""
        tree = self._html_tree(self._print(self.dealer_user, self.dealer))
        [end] = tree.xpath("//div[hasclass('o_statement_end')]")
        self.assertIn("page-break-inside: avoid", end.get("style"))
        for css in ("o_statement_closing", "o_statement_footnote", "o_statement_confirmation", "o_statement_dealer",
                    "o_statement_signature", "o_statement_stamp", "o_statement_date", "o_statement_agreed",
                    "o_statement_disputed"):
            self.assertTrue(end.xpath(f".//*[hasclass('{css}')]"), css)
        self.assertIn("1,100.00", end.xpath(".//*[hasclass('o_statement_closing')]")[0].text_content())
        self.assertEqual(len(end.xpath(".//*[hasclass('o_statement_box')]")), 2, "two tick boxes")

    def test_statement_pdf_never_ends_with_a_page_of_footnote_only(self):
        """Rendered by wkhtmltopdf with more lines than a page holds, around the page end: the page with the
        footnote holds the closing balance and the confirmation block too, whatever the number of lines."""
        journal = self.company_data["default_journal_misc"]
        receivable = self.dealer.property_account_receivable_id
        income = self.company_data["default_account_revenue"]
        moves = self.env["account.move"].create([{
            "move_type": "entry", "journal_id": journal.id, "date": f"2025-02-{1 + index % 28:02d}",
            "line_ids": [
                Command.create({"account_id": receivable.id, "partner_id": self.dealer.id, "debit": 10.0 + index}),
                Command.create({"account_id": income.id, "credit": 10.0 + index}),
            ],
        } for index in range(60)])
        moves.action_post()
        # wkhtmltopdf would fetch the styles from this test server, whose requests wait for the test's own
        # transaction: a closed port answers at once (the page breaks under test are inline styles)
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pages_seen = set()
        for count in (20, 24, 28, 32, 36):
            extra = moves[count:]
            extra.button_draft()
            with self.subTest(lines=count):
                pdf, __ = Report.with_user(self.dealer_user)._render_qweb_pdf(
                    "dealer_management.action_report_dealer_statement", self.dealer.ids, data=self.data,
                )
                pages = [" ".join(page.extract_text().split()) for page in PdfFileReader(io.BytesIO(pdf)).pages]
                pages_seen.add(len(pages))
                [last] = [page for page in pages if "Posted entries" in page]
                for text in ("Closing balance", "Balance confirmation", "Company stamp"):
                    self.assertIn(text, last)
                self.assertEqual(last, " ".join(pages[-1].split()), "the footnote is on the last page")
            extra.action_post()
        self.assertGreater(max(pages_seen), 1, "the statements tried run over one page")
