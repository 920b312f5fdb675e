import json
import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common_pages import DealerPagesCase

# pages only a dealer's owner may open (staff get a 404)
OWNER_PAGES = ["/my/targets", "/my/rebates", "/my/contracts", "/my/statement", "/my/dealer/exit"]


@tagged("post_install", "-at_install")
class TestPortalPages(DealerPagesCase):
    """The dealer's dashboard and owner pages, as the owner and as staff."""

    # ------------------------------------------------------------------ home and dashboard
    def test_home_shows_the_owner_cards(self):
        self._login(self.owner_a)
        body = self.url_open("/my").text
        for url in ("/my/dealer", "/my/targets", "/my/statement", "/my/rebates", "/my/contracts"):
            self.assertIn(f'href="{url}"', body)

    def test_home_hides_the_owner_cards_from_staff(self):
        self._login(self.portal_a)
        body = self.url_open("/my").text
        self.assertIn('href="/my/dealer"', body)
        self.assertNotIn('href="/my/statement"', body)
        self.assertNotIn('href="/my/rebates"', body)

    def test_home_counters(self):
        self._login(self.owner_a)
        response = self.url_open("/my/counters", data=json.dumps({"params": {"counters": [
            "dealer_open_order_count", "dealer_open_complaint_count", "dealer_pending_target_count",
        ]}}), headers={"Content-Type": "application/json"})
        counters = response.json()["result"]
        # order_a is confirmed and not invoiced; complaint_a is new; the three targets await an answer
        self.assertEqual(counters["dealer_open_order_count"], 1)
        self.assertEqual(counters["dealer_open_complaint_count"], 1)
        self.assertEqual(counters["dealer_pending_target_count"], 3)

    def test_dashboard_owner_sees_everything(self):
        self._login(self.owner_a)
        response = self.url_open("/my/dealer")
        self.assertEqual(response.status_code, 200)
        body = response.text
        self.assertIn(self.contract_a.name, body)
        self.assertIn(self.grade_gold.name, body)
        self.assertIn("o_dealer_targets", body)
        self.assertIn("o_dealer_credit", body)
        # credit used: order_a, confirmed and not invoiced (57.50)
        self.assertRegex(body, r"(?s)Used \(receivable and confirmed orders not invoiced\)</td>.{0,300}?57\.50")
        self.assertIn("o_dealer_rebates", body)
        self.assertNotIn(self.contract_b.name, body)

    def test_dashboard_staff_sees_grade_validity_and_targets_only(self):
        """Staff see whether a contract is in force and the targets, not the contract itself (an owner's document)."""
        self._login(self.portal_a)
        body = self.url_open("/my/dealer").text
        self.assertNotIn(self.contract_a.name, body)
        self.assertIn("o_dealer_days_left", body)
        self.assertIn("o_dealer_targets", body)
        self.assertNotIn("o_dealer_credit", body)
        self.assertNotIn("o_dealer_rebates", body)
        self.assertNotIn("o_dealer_scorecard", body)

    def test_dashboard_figures(self):
        """Rebates earned/settled and the credit figures the dashboard shows, read from the model."""
        values = self.dealer_a._dealer_portal_dashboard(self.env.company, self.today)
        self.assertEqual(values["contract"], self.contract_a)
        self.assertEqual(values["rebate_earned"], self.rebate_a.total_amount)
        self.assertEqual(values["rebate_settled"], 0.0)

    def test_dashboard_shows_pending_rebates_next_to_settled_ones(self):
        """Issue 15: a rebate still in draft is pending (待结算), next to the earned and settled amounts."""
        draft = self.env["dealer.rebate"].create({
            "contract_id": self.contract_a.id, "date_from": self.contract_a.date_start,
            "date_to": self.contract_a.date_start,
        })
        draft._add_adjustment_line("bonus", "Showroom bonus", 45.0)
        values = self.dealer_a._dealer_portal_dashboard(self.env.company, self.today)
        self.assertEqual((values["rebate_pending"], values["rebate_earned"], values["rebate_settled"]),
                         (draft.total_amount, self.rebate_a.total_amount, 0.0))
        self._login(self.owner_a)
        body = self.url_open("/my/dealer").text
        pending = re.search(r'(?s)o_dealer_rebate_pending">(.*?)</tr>', body).group(1)
        self.assertIn("<td>Pending", pending)
        self.assertIn('oe_currency_value">45.00<', pending)
        settled = re.search(r'(?s)o_dealer_rebate_settled">(.*?)</tr>', body).group(1)
        self.assertIn('oe_currency_value">0.00<', settled)

    def test_dashboard_overdue_amount(self):
        invoice = self.init_invoice("out_invoice", partner=self.dealer_a, amounts=[400.0], taxes=[],
                                    invoice_date=self.today - timedelta(days=60))
        invoice.invoice_date_due = self.today - timedelta(days=30)
        invoice.action_post()
        self.assertEqual(self.dealer_a._dealer_portal_overdue(self.env.company, self.today), 400.0)

    def test_dashboard_query_count_does_not_grow_with_orders(self):
        """Rendering /my/dealer costs as many queries with 200 past orders as with 10."""
        self._login(self.owner_a)
        self._create_orders(self.dealer_a, 10)
        self.url_open("/my/dealer")  # warm the caches (templates, rules, translations)
        count_10 = self._dashboard_queries()
        self._create_orders(self.dealer_a, 190)
        count_200 = self._dashboard_queries()
        self.assertEqual(count_10, count_200)

    def _dashboard_queries(self):
        self.env.flush_all()
        before = self.cr.sql_log_count
        response = self.url_open("/my/dealer")
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def _create_orders(self, dealer, count):
        orders = self.env["sale.order"].create([{
            "partner_id": dealer.id, "order_line": [Command.create({"product_id": self.product.id})],
        } for _index in range(count)])
        orders.action_confirm()
        return orders

    # ------------------------------------------------------------------ owner pages refuse staff
    def test_staff_gets_404_on_owner_pages(self):
        self._login(self.portal_a)
        for url in OWNER_PAGES + [f"/my/rebates/{self.rebate_a.id}/pdf", f"/my/contracts/{self.contract_a.id}/pdf"]:
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_owner_opens_every_owner_page(self):
        self._login(self.owner_a)
        for url in OWNER_PAGES:
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 200)

    # ------------------------------------------------------------------ documents
    def test_rebates_list_and_pdf(self):
        self._login(self.owner_a)
        body = self.url_open("/my/rebates").text
        self.assertIn(self.rebate_a.name, body)
        self.assertNotIn(self.rebate_b.name, body)
        response = self.url_open(f"/my/rebates/{self.rebate_a.id}/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Launch bonus", response.text)  # test mode renders the report's HTML

    def test_draft_rebate_is_not_shown(self):
        draft = self.env["dealer.rebate"].create({
            "contract_id": self.contract_a.id, "date_from": self.contract_a.date_start,
            "date_to": self.contract_a.date_start,
        })
        self._login(self.owner_a)
        self.assertNotIn(draft.name, self.url_open("/my/rebates").text)
        self.assertEqual(self.url_open(f"/my/rebates/{draft.id}/pdf").status_code, 404)

    def test_contracts_list_and_pdf(self):
        self._login(self.owner_a)
        self.assertIn(self.contract_a.name, self.url_open("/my/contracts").text)
        response = self.url_open(f"/my/contracts/{self.contract_a.id}/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.contract_a.name, response.text)

    # ------------------------------------------------------------------ statement of account
    def test_statement_pdf(self):
        invoice = self.init_invoice("out_invoice", partner=self.dealer_a, amounts=[250.0], taxes=[],
                                    invoice_date=self.today)
        invoice.action_post()
        self._login(self.owner_a)
        day = fields.Date.to_string(self.today)
        response = self.url_open(f"/my/statement?date_from={day}&date_to={day}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(invoice.name, response.text)

    def test_statement_bad_dates_show_a_form_error(self):
        self._login(self.owner_a)
        for query, message in (
            ("date_from=2025-02-01&date_to=2025-01-01", "starts after it ends"),
            ("date_from=yesterday&date_to=2025-01-01", "YYYY-MM-DD"),
            ("date_from=2025-01-01", "first and the last day"),
            ("date_from=2000-01-01&date_to=2025-01-01", "at most five years"),
        ):
            with self.subTest(query=query):
                response = self.url_open(f"/my/statement?{query}")
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_dealer_form_error", response.text)
                self.assertIn(message, response.text)

    # ------------------------------------------------------------------ targets
    def test_acknowledge_a_target(self):
        target = self.targets_a[0]
        self._login(self.owner_a)
        response = self._post(f"/my/targets/{target.id}/answer", {"decision": "acknowledged", "comment": "OK"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(target.dealer_ack_state, "acknowledged")
        answer = target.dealer_ack_ids
        self.assertEqual((answer.decision, answer.user_id, answer.target_amount),
                         ("acknowledged", self.owner_a, 1000.0))
        activity = self.contract_a.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.contract_a.user_id or self.contract_a.create_uid)

    def test_counter_propose_a_target(self):
        target = self.targets_a[1]
        self._login(self.owner_a)
        self._post(f"/my/targets/{target.id}/answer",
                   {"decision": "counter", "proposed_amount": "800", "comment": "Market is slow"})
        self.assertEqual(target.dealer_ack_state, "counter")
        self.assertEqual(target.dealer_ack_proposed_amount, 800.0)
        self.assertEqual(target.dealer_ack_comment, "Market is slow")
        self.assertIn("800", self.contract_a.activity_ids.note)

    def test_target_answer_bad_input_shows_a_form_error(self):
        target = self.targets_a[2]
        self._login(self.owner_a)
        for data, message in (
            ({"decision": "counter", "proposed_amount": "800", "comment": ""}, "Explain your counter-proposal"),
            ({"decision": "counter", "proposed_amount": "-5", "comment": "x"}, "positive number"),
            ({"decision": "counter", "proposed_amount": "abc", "comment": "x"}, "must be a number"),
            ({"decision": "counter", "proposed_amount": "1e300", "comment": "x"}, "too large"),
            ({"decision": "maybe", "comment": "x"}, "Choose whether"),
        ):
            with self.subTest(data=data):
                response = self._post(f"/my/targets/{target.id}/answer", data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
        self.assertFalse(target.dealer_ack_ids)
        self.assertFalse(self.contract_a.activity_ids)

    def test_adjusted_target_awaits_a_new_answer(self):
        target = self.targets_a[0]
        self._login(self.owner_a)
        self._post(f"/my/targets/{target.id}/answer", {"decision": "acknowledged"})
        target.with_user(self.dealer_manager)._adjust(1500.0, "Bigger showroom")
        target.invalidate_recordset()
        self.assertEqual(target.dealer_ack_state, "pending")
        self.assertEqual(len(target.dealer_ack_ids), 1)  # the history is kept

    # ------------------------------------------------------------------ voluntary exit
    def test_exit_request_creates_a_draft_voluntary_termination(self):
        self._login(self.owner_a)
        day = fields.Date.to_string(self.today + timedelta(days=60))
        response = self._post("/my/dealer/exit", {"reason": "Retiring", "effective_date": day})
        self.assertEqual(response.status_code, 200)
        termination = self.env["dealer.termination"].search([("partner_id", "=", self.dealer_a.id)])
        self.assertEqual(len(termination), 1)
        self.assertEqual((termination.state, termination.reason_code, termination.reason),
                         ("draft", "voluntary", "Retiring"))
        self.assertEqual(termination.requested_by_id, self.owner_a)
        self.assertEqual(len(termination.activity_ids), 1)
        # one open request at a time: the page now shows it instead of the form
        response = self._post("/my/dealer/exit", {"reason": "Again", "effective_date": day})
        self.assertIn("o_dealer_exit_open", response.text)
        self.assertEqual(self.env["dealer.termination"].search_count([("partner_id", "=", self.dealer_a.id)]), 1)

    def test_exit_request_bad_input_shows_a_form_error(self):
        self._login(self.owner_a)
        past = fields.Date.to_string(self.today - timedelta(days=1))
        for data, message in (
            ({"reason": "", "effective_date": fields.Date.to_string(self.today)}, "Tell us why"),
            ({"reason": "x", "effective_date": past}, "today or later"),
            ({"reason": "x", "effective_date": "soon"}, "YYYY-MM-DD"),
        ):
            with self.subTest(data=data):
                response = self._post("/my/dealer/exit", data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
        self.assertFalse(self.env["dealer.termination"].search([("partner_id", "=", self.dealer_a.id)]))
