"""Attacks on the owner pages and the roles: JSON-RPC calls, report URLs and form posts as portal users."""
from datetime import timedelta
from urllib.parse import quote

from odoo import Command, fields, http
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_pages import REFUSED_READ, DealerPagesCase

REFUSED_WRITE = r"not allowed to modify|doesn't have 'write' access|kept as given|change only through"
# a create is refused by the access rights (or earlier, by the access to the document's sequence)
REFUSED_CREATE = r"not allowed to (create|access)|doesn't have 'create' access|change only through"


@tagged("post_install", "-at_install")
class TestSecurityPortalPages(DealerPagesCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.answer_b = cls.env["dealer.target.acknowledgement"].with_user(cls.owner_b)._dealer_portal_answer(
            cls.targets_b[0], "counter", "SECRET-B-PROPOSAL", 10.0,
        )

    def _b_records(self):
        return {
            "dealer.rebate": self.rebate_b, "dealer.rebate.line": self.rebate_b.line_ids,
            "dealer.contract": self.contract_b, "dealer.contract.target": self.targets_b[0],
            "dealer.target.acknowledgement": self.answer_b,
        }

    # ------------------------------------------------------------------ reading another dealer's finances
    def test_owner_a_reads_b_finances_over_rpc(self):
        self._login(self.owner_a)
        self._assert_rpc_reads_refused(self._b_records())

    def test_owner_a_reads_its_own_finances_over_rpc(self):
        """The control of the attack above: the same calls on A's records are answered."""
        self._login(self.owner_a)
        result, error = self._call_kw("dealer.rebate", "read", [self.rebate_a.ids], {"fields": ["name"]})
        self.assertIsNone(error)
        self.assertEqual(result[0]["name"], self.rebate_a.name)

    def test_staff_reads_owner_models_over_rpc(self):
        self._login(self.portal_a)
        self._assert_rpc_reads_refused({
            "dealer.rebate": self.rebate_a, "dealer.contract": self.contract_a,
            "dealer.contract.target": self.targets_a[0], "dealer.target.acknowledgement": self.answer_b,
        }, staff=True)

    def test_staff_has_no_access_to_owner_models(self):
        self._assert_no_access(self.portal_a, self._b_records())

    # ------------------------------------------------------------------ writing answers and terminations
    def test_owner_writes_an_acknowledgement_over_rpc(self):
        self._login(self.owner_b)
        result, error = self._call_kw("dealer.target.acknowledgement", "write",
                                      [self.answer_b.ids, {"decision": "acknowledged"}])
        self.assertIsNone(result)
        self.assertRegex(error["message"], REFUSED_WRITE)
        self.answer_b.invalidate_recordset()
        self.assertEqual(self.answer_b.decision, "counter")

    def test_owner_creates_an_acknowledgement_over_rpc(self):
        self._login(self.owner_a)
        result, error = self._call_kw("dealer.target.acknowledgement", "create", [{
            "target_id": self.targets_a[1].id, "decision": "acknowledged",
        }])
        self.assertIsNone(result)
        self.assertRegex(error["message"], REFUSED_CREATE)
        self.assertFalse(self.targets_a[1].dealer_ack_ids)

    def test_manager_cannot_rewrite_a_dealer_answer(self):
        with self.assertRefused(AccessError, REFUSED_WRITE):
            self.answer_b.with_user(self.dealer_manager).write({"comment": "edited"})
        self.assertEqual(self.answer_b.comment, "SECRET-B-PROPOSAL")

    def test_owner_creates_a_termination_over_rpc(self):
        self._login(self.owner_a)
        result, error = self._call_kw("dealer.termination", "create", [{
            "partner_id": self.dealer_a.id, "reason_code": "voluntary", "effective_date": "2030-01-01",
        }])
        self.assertIsNone(result)
        self.assertRegex(error["message"], REFUSED_CREATE)
        self.assertFalse(self.env["dealer.termination"].search([("partner_id", "=", self.dealer_a.id)]))

    def test_owner_answers_b_target_through_the_route(self):
        self._login(self.owner_a)
        response = self._post(f"/my/targets/{self.targets_b[1].id}/answer", {"decision": "acknowledged"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.targets_b[1].dealer_ack_ids)

    # ------------------------------------------------------------------ B's documents with A's session
    def test_owner_a_downloads_b_documents_on_the_portal(self):
        self._login(self.owner_a)
        self._assert_pages_not_found(
            [f"/my/rebates/{self.rebate_b.id}/pdf", f"/my/contracts/{self.contract_b.id}/pdf"], self.dealer_b.name,
        )

    @mute_logger("odoo.http")  # Odoo's report route logs the refusal it answers
    def test_owner_a_downloads_b_documents_through_the_report_url(self):
        self._login(self.owner_a)
        self._assert_reports_refused([
            ("dealer_management.report_dealer_rebate", self.rebate_b),
            ("dealer_management.report_dealer_contract", self.contract_b),
            ("dealer_management.report_dealer_statement", self.dealer_b),
            ("dealer_management.report_dealer_statement", self.dealer_a),  # even its own, without the route
        ], self.dealer_b.name)

    @mute_logger("odoo.http")
    def test_statement_report_url_with_chosen_partner_and_company_is_refused(self):
        """/report/pdf with the options the wizard would send, a company of the attacker's choice, for another
        dealer, a partner that is no dealer and its own dealer: refused, no figure shown, nothing written."""
        customer = self.Partner.create({"name": "Plain Customer NP", "is_company": True})
        self.init_invoice("out_invoice", partner=customer, amounts=[4321.0], taxes=[], post=True)
        other_company = self.env["res.company"].create({"name": "Other Statement Co"})
        options = http.json.dumps({
            "date_from": "2000-01-01", "date_to": "2100-12-31", "dealer_company_id": other_company.id,
        })
        attachments = self.env["ir.attachment"].search_count([])
        self._login(self.owner_a)
        for partner in (self.dealer_b, customer, self.dealer_a):
            for report_type in ("pdf", "html"):
                with self.subTest(partner=partner.name, report_type=report_type):
                    response = self.url_open(
                        f"/report/{report_type}/dealer_management.report_dealer_statement/{partner.id}"
                        f"?options={quote(options)}"
                    )
                    self.assertNotEqual(response.status_code, 200)
                    for secret in (self.dealer_b.name, customer.name, "4,321.00"):
                        self.assertNotIn(secret, response.text)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)

    # ------------------------------------------------------------------ dealer text in back-office notes
    def test_target_comment_link_is_text_in_the_salesperson_note(self):
        link = '<a href="http://evil.example/login">Open</a>'
        self.env["dealer.target.acknowledgement"].with_user(self.owner_a)._dealer_portal_answer(
            self.targets_a[1], "counter", f"Too high {link}", 800.0,
        )
        note = self.contract_a.activity_ids.note
        self.assertIn("Too high &lt;a href=", note)
        self.assertNotIn("<a", note)

    def test_exit_reason_and_user_name_links_are_text_in_the_salesperson_note(self):
        link = '<a href="http://evil.example/login">Open</a>'
        self.owner_a.partner_id.name = f"Olga {link}"
        termination = self.env["dealer.termination"].with_user(self.owner_a)._dealer_portal_exit_request(
            self.dealer_a, f"Retiring {link}", self.today + timedelta(days=30),
        )
        note = termination.sudo().activity_ids.note
        self.assertIn("Olga &lt;a href=", note)
        self.assertIn("Retiring &lt;a href=", note)
        self.assertNotIn("<a", note)

    @mute_logger("odoo.http")
    def test_staff_downloads_own_documents_through_the_report_url(self):
        self._login(self.portal_a)
        response = self.url_open(f"/report/pdf/dealer_management.report_dealer_rebate/{self.rebate_a.id}")
        self.assertNotEqual(response.status_code, 200)

    # ------------------------------------------------------------------ distributors
    def test_distributor_reads_but_does_not_write_sub_dealer_orders(self):
        sub_dealer = self._create_dealer("Sub Dealer", state="active", grade=self.grade_gold,
                                         parent_dealer_id=self.dealer_a.id)
        order = self.env["sale.order"].create({
            "partner_id": sub_dealer.id, "order_line": [Command.create({"product_id": self.product.id})],
        })
        self._login(self.portal_a)
        result, error = self._call_kw("sale.order", "read", [order.ids], {"fields": ["name"]})
        self.assertIsNone(error)
        self.assertEqual(result[0]["name"], order.name)
        result, error = self._call_kw("sale.order", "write", [order.ids, {"client_order_ref": "HIJACK"}])
        self.assertIsNone(result)
        self.assertRegex(error["message"], REFUSED_WRITE)
        result, error = self._call_kw("sale.order.line", "write", [order.order_line.ids, {"product_uom_qty": 99}])
        self.assertIsNone(result)
        order.invalidate_recordset()
        self.assertFalse(order.client_order_ref)
        self.assertEqual(order.order_line.product_uom_qty, 1.0)

    def test_other_dealer_does_not_read_sub_dealer_orders(self):
        sub_dealer = self._create_dealer("Sub Dealer A", state="active", grade=self.grade_gold,
                                         parent_dealer_id=self.dealer_a.id)
        order = self.env["sale.order"].create({
            "partner_id": sub_dealer.id, "order_line": [Command.create({"product_id": self.product.id})],
        })
        self._login(self.portal_b)
        result, error = self._call_kw("sale.order", "read", [order.ids], {"fields": ["name"]})
        self.assertIsNone(result)
        self.assertRegex(error["message"], REFUSED_READ)

    # ------------------------------------------------------------------ roles over RPC
    def test_portal_user_makes_itself_owner_over_rpc(self):
        self._login(self.portal_a)
        result, error = self._call_kw("res.partner", "write",
                                      [self.portal_a.partner_id.ids, {"dealer_portal_role": "owner"}])
        self.assertIsNone(result)
        self.assertIsNotNone(error)
        self.assertFalse(self.portal_a._dealer_portal_is_owner())

    def test_exit_request_needs_the_owner(self):
        self._login(self.portal_a)
        day = fields.Date.to_string(fields.Date.today())
        response = self._post("/my/dealer/exit", {"reason": "staff wants out", "effective_date": day})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["dealer.termination"].search([("partner_id", "=", self.dealer_a.id)]))
