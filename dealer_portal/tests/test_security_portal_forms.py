"""Attacks on the stock report and application forms: RPC creates, default_* keys, other dealers' ids, probing
for products, formulas in the templates."""
from datetime import timedelta

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.xlsx_cells import xlsx_cells, xlsx_links

from .common_forms import DealerFormsCase, csv_bytes, make_credit_code

# refused by the access rights, by the protected fields, or first by the numbering (sequences are not theirs)
REFUSED_CREATE = r"not allowed to create|change only through its buttons and wizards|not allowed to access 'Sequence'"


@tagged("post_install", "-at_install")
class TestSecurityPortalForms(DealerFormsCase):

    def setUp(self):
        super().setUp()
        self.day = self.today - timedelta(days=1)

    def _report_vals(self, dealer=None):
        return {
            "partner_id": (dealer or self.dealer_a).id, "date": str(self.day),
            "line_ids": [Command.create({"product_id": self.product.id, "quantity": 1.0})],
        }

    # ------------------------------------------------------------------ stock reports over RPC
    def test_portal_cannot_create_stock_report_over_rpc(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        before = self._count("dealer.stock.report"), self._count("dealer.stock.report.line")
        for context in ({}, {"default_state": "validated"}, {"default_partner_id": self.dealer_b.id}):
            with self.subTest(context=context):
                _result, error = self._call_kw("dealer.stock.report", "create", [self._report_vals()], context=context)
                self.assertRpcRefused(error, "AccessError", REFUSED_CREATE)
        _result, error = self._call_kw("dealer.stock.report.line", "create", [{
            "report_id": self.report_a.id, "product_id": self.valve.id, "quantity": 5.0,
        }])
        self.assertRpcRefused(error, "AccessError", REFUSED_CREATE)
        self.assertEqual((self._count("dealer.stock.report"), self._count("dealer.stock.report.line")), before)

    def test_portal_cannot_validate_or_change_own_report_over_rpc(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        for method, args in (
            ("action_validate", [self.report_a.ids]),
            ("action_cancel", [self.report_a.ids]),
            ("action_draft", [self.report_a.ids]),
            ("write", [self.report_a.ids, {"date": str(self.today - timedelta(days=30))}]),
        ):
            with self.subTest(method=method):
                _result, error = self._call_kw("dealer.stock.report", method, args)
                self.assertRpcRefused(error, "AccessError")
        _result, error = self._call_kw("dealer.stock.report.line", "write", [self.report_a.line_ids.ids, {
            "quantity": 999.0,
        }])
        self.assertRpcRefused(error, "AccessError")
        self.env.invalidate_all()
        self.assertRecordValues(self.report_a, [{"state": "submitted", "date": self.report_day}])
        self.assertEqual(self.report_a.line_ids.quantity, 11.0)

    def test_portal_cannot_call_the_route_helpers_over_rpc(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        before = self._count("dealer.stock.report")
        _result, error = self._call_kw("dealer.stock.report", "_dealer_portal_submit", [
            self.dealer_b.id, str(self.day), "", [{"product_id": self.product.id, "quantity": 1}],
        ])
        self.assertTrue(error, "a private method answered over RPC")
        self.assertEqual(self._count("dealer.stock.report"), before)

    def test_submit_ignores_default_keys_of_the_caller(self):
        report = self.env["dealer.stock.report"].with_user(self.portal_a).with_context(
            default_state="validated", default_user_id=self.env.uid, default_note="planted",
        )._dealer_portal_submit(self.dealer_a, self.day, "", [{"product_id": self.product.id, "quantity": 2.0}])
        self.assertRecordValues(report.sudo(), [{
            "state": "submitted", "partner_id": self.dealer_a.id, "note": False, "create_uid": self.portal_a.id,
        }])

    def test_submit_refuses_fields_outside_the_whitelist(self):
        Report = self.env["dealer.stock.report"].with_user(self.portal_a)
        before = self._count("dealer.stock.report")
        with self.assertRefused(AccessError, "can only report products, quantities"):
            Report._dealer_portal_submit(self.dealer_a, self.day, "", [{
                "product_id": self.product.id, "quantity": 2.0, "alert_sent": "overstock",
            }])
        self.assertEqual(self._count("dealer.stock.report"), before)

    # ------------------------------------------------------------------ stock reports through the routes
    def test_posted_dealer_and_state_are_ignored(self):
        """The report is the user's own dealer's and submitted, whatever the form posts."""
        self.authenticate("pr_portal_a", "pr_portal_a")
        self._stock_report_upload(
            csv_bytes([["product_code", "quantity"], ["PR-1", "3"]]), self.day, partner_id=self.dealer_b.id,
            state="validated", company_id="999", user_id=self.env.uid,
        )
        self.env.invalidate_all()
        report = self.env["dealer.stock.report"].search([("date", "=", self.day)])
        self.assertRecordValues(report, [{"partner_id": self.dealer_a.id, "state": "submitted"}])
        self.assertFalse(self.env["dealer.stock.report"].search([("partner_id", "=", self.dealer_b.id),
                                                                 ("date", "=", self.day)]))

    def test_another_dealer_report_page_redirects(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        for report in (self.report_b, self.report_s, self.report_d):
            response = self.url_open(f"/my/stock_reports/{report.id}", allow_redirects=False)
            self.assertIn(response.status_code, (302, 303))
            self.assertNotIn(report.name, self.url_open(f"/my/stock_reports/{report.id}").text)

    def test_distributor_cannot_report_for_its_sub_dealer(self):
        """The sub-dealer's products are not the distributor's, and the report is always the user's dealer's."""
        self.authenticate("pr_portal_d", "pr_portal_d")
        before = self._count("dealer.stock.report")
        response = self.url_open("/my/stock_reports/new", data={
            "csrf_token": self._csrf(), "date": str(self.day), "partner_id": self.sub_dealer.id,
            "product_id": str(self.valve.id), "quantity": "1",
        })
        self.assertIn("Row 1: choose one of the listed products", response.text)
        self.assertEqual(self._count("dealer.stock.report"), before)

    def test_stock_report_form_without_csrf_token_refused(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        before = self._count("dealer.stock.report")
        response = self.url_open("/my/stock_reports/new", data={
            "date": str(self.day), "product_id": str(self.product.id), "quantity": "1",
        })
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._count("dealer.stock.report"), before)

    def test_stock_report_upload_does_not_reveal_other_products(self):
        """A code of a product the dealer does not buy (another company's, one never ordered, one not for sale)
        is answered as an unknown code: the code typed and nothing else, and nothing is created."""
        self.authenticate("pr_portal_a", "pr_portal_a")
        other_company = self.env["res.company"].create({"name": "Other Stock Co"})
        hidden = self.env["product.product"].create([
            {"name": "Secret Gear OC", "default_code": "OC-1", "type": "consu", "company_id": other_company.id},
            {"name": "Secret Prototype NS", "default_code": "NS-1", "type": "consu", "sale_ok": False},
        ]) | self.motor
        before = self._count("dealer.stock.report"), self._count("dealer.stock.report.line")
        rows = [["product_code", "quantity"], ["PR-1", "1"], ["OC-1", "1"], ["NS-1", "1"], ["PR-9", "1"], ["NOPE", "1"]]
        response = self._stock_report_upload(csv_bytes(rows), self.day)
        self.assertEqual(response.status_code, 200)
        for row, code in ((3, "OC-1"), (4, "NS-1"), (5, "PR-9"), (6, "NOPE")):
            self.assertIn(f"Row {row}: unknown product code {code}: report only the products of your orders",
                          response.text)
        for product in hidden:
            self.assertNotIn(product.name, response.text)
        self.assertEqual((self._count("dealer.stock.report"), self._count("dealer.stock.report.line")), before)

    def test_xlsx_template_writes_texts_as_texts(self):
        """Product names, codes and column titles are text cells: none becomes a formula or a link."""
        names = {self.product: '=HYPERLINK("http://evil.example/x","Open")', self.valve: "@SUM(A1:A9)"}
        for product, name in names.items():
            product.name = name
        self.valve.default_code = "-2"
        content = self.env["dealer.stock.report"]._dealer_portal_template(self.dealer_a, "xlsx")
        cells = xlsx_cells(content)["Stock Report"]
        self.assertFalse([cell for cell in cells.values() if cell[0] == "formula"])
        self.assertEqual(xlsx_links(content), {"Stock Report": 0})
        rows = {row: [cells.get((row, col)) for col in range(5)] for row in (1, 2)}
        self.assertCountEqual(rows.values(), [
            [("string", "PR-1"), ("string", names[self.product]), ("number", "0"), None, None],
            [("string", "-2"), ("string", names[self.valve]), ("number", "0"), None, None],
        ])
        # the products sheet of the sell-out and forecast templates
        content = self.env["dealer.portal.spreadsheet"]._dealer_template(
            "xlsx", [("code", "+1+1")], "Template", products=self.product | self.valve, rows=[{"code": "=1+1"}],
        )
        cells = xlsx_cells(content)
        self.assertEqual(cells["Template"], {(0, 0): ("string", "+1+1"), (1, 0): ("string", "=1+1")})
        self.assertEqual(sorted(value for (row, col), (kind, value) in cells["Products"].items() if row and col == 1),
                         sorted(names.values()))
        self.assertEqual({kind for kind, __ in cells["Products"].values()}, {"string"})

    # ------------------------------------------------------------------ applications
    def _application_vals(self):
        return {"company_name": "RPC Applicant", "credit_code": make_credit_code("91330100MA27RPC01")}

    def test_portal_cannot_create_application_over_rpc(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        before = self._count("dealer.application")
        for context in ({}, {"default_state": "approved"}):
            _result, error = self._call_kw("dealer.application", "create", [self._application_vals()], context=context)
            self.assertRpcRefused(error, "AccessError", REFUSED_CREATE)
        _result, error = self._call_kw("dealer.application", "_dealer_portal_apply", [self._application_vals(), {}, ""])
        self.assertTrue(error, "a private method answered over RPC")
        self.assertEqual(self._count("dealer.application"), before)

    def test_public_user_cannot_create_application_over_rpc(self):
        self.authenticate(None, None)
        before = self._count("dealer.application")
        response = self.url_open("/web/dataset/call_kw", data=self._rpc_body("dealer.application", "create", [
            self._application_vals(),
        ]), headers={"Content-Type": "application/json"})
        self.assertIn("error", response.json())
        self.assertEqual(self._count("dealer.application"), before)

    @staticmethod
    def _rpc_body(model, method, args):
        return http.json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                                "params": {"model": model, "method": method, "args": args, "kwargs": {}}})

    def test_apply_ignores_default_keys_and_refuses_other_fields(self):
        Application = self.env["dealer.application"].with_user(self.env.ref("base.public_user")).with_context(
            default_state="approved", default_partner_id=self.dealer_b.id, default_reject_reason="planted",
            default_parent_dealer_id=self.distributor.id,
        )
        application = Application._dealer_portal_apply(self._application_vals(), {}, "hash", consent=True)
        self.assertRecordValues(application.sudo(), [{
            "state": "submitted", "partner_id": False, "parent_dealer_id": False, "reject_reason": False,
        }])
        before = self._count("dealer.application")
        for field in ("state", "partner_id", "parent_dealer_id", "score", "user_id"):
            with self.subTest(field=field), self.assertRefused(AccessError, "An applicant cannot set these fields"):
                Application._dealer_portal_apply({**self._application_vals(), field: False}, {}, "hash",
                                                 consent=True)
        self.assertEqual(self._count("dealer.application"), before)

    def test_posted_extra_fields_of_the_application_form_are_ignored(self):
        self.authenticate(None, None)
        self.url_open("/dealer/apply", data={
            "csrf_token": self._csrf(), "company_name": "Extra Fields Co.",
            "credit_code": make_credit_code("91330100MA27EXT01"), "contact_name": "Li", "phone": "1",
            "email": "li@example.com", "state_id": str(self.state_zj.id), "proposed_grade_id": str(self.grade_gold.id),
            "legal_representative": "Li", "registered_capital": "100", "annual_turnover": "0", "outlet_count": "1",
            "privacy_consent": "1", "privacy_consent_date": "2020-01-01 00:00:00",
            "state": "approved", "partner_id": str(self.dealer_b.id), "parent_dealer_id": str(self.distributor.id),
            "score": "100", "user_id": str(self.env.uid), "portal_ip_hash": "chosen",
        })
        application = self.env["dealer.application"].search([("company_name", "=", "Extra Fields Co.")])
        self.assertRecordValues(application, [{
            "state": "submitted", "partner_id": False, "parent_dealer_id": False, "user_id": False,
        }])
        self.assertNotEqual(application.portal_ip_hash, "chosen")
        self.assertGreater(application.privacy_consent_date.year, 2020, "the server's time, not the posted one")

    def test_back_office_user_cannot_set_the_applicant_link_or_ip_hash(self):
        application = self.env["dealer.application"].create(self._application_vals())
        for vals in ({"access_token": "chosen"}, {"portal_ip_hash": "chosen"},
                     {"privacy_consent_date": "2020-01-01 00:00:00"}):
            with self.subTest(vals=vals), self.assertRefused(AccessError, "change only through its buttons"):
                application.with_user(self.dealer_manager).write(vals)
        self.assertNotEqual(application.access_token, "chosen")
        self.assertFalse(application.privacy_consent_date, "a consent is recorded by the public form only")
