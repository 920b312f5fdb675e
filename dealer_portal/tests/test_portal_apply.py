import re
from datetime import timedelta

from lxml import html as lxml_html

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import JPEG
from .common_forms import DealerFormsCase, make_credit_code

SCRIPT = "<script>alert('x')</script>"


@tagged("post_install", "-at_install")
class TestPortalApply(DealerFormsCase):

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)  # the applicant has no account
        self.code = make_credit_code("91330100MA27AP0Q1")

    def _apply(self, files=None, **values):
        data = {
            "csrf_token": self._csrf(),
            "company_name": "Hangzhou Pumps Trading Co.",
            "credit_code": self.code,
            "legal_representative": "Zhang San",
            "registered_capital": "500",
            "annual_turnover": "1,200.5",
            "outlet_count": "3",
            "privacy_consent": "1",
            "contact_name": "Wang Wei",
            "phone": "138 0000 1111",
            "email": "wang@example.com",
            "state_id": str(self.state_zj.id),
            "city": "杭州市",
            "territory_id": str(self.hangzhou.id),
            "proposed_grade_id": str(self.grade_gold.id),
        }
        data.update(values)
        return self.url_open("/dealer/apply", data=data, files=files or {})

    def _applications(self):
        self.env.invalidate_all()
        return self.env["dealer.application"].search([("company_name", "like", "Hangzhou Pumps")])

    def assertRefusedForm(self, response, message, status=200):
        self.assertEqual(response.status_code, status)
        self.assertIn("o_dealer_form_error", response.text)
        self.assertIn(message, response.text)
        self.assertFalse(self._applications(), "nothing was created")
        self.assertFalse(self.env["ir.attachment"].search([("res_model", "=", "dealer.application.document")]))

    # ------------------------------------------------------------------ happy path
    def test_form_page_lists_grades_and_required_documents(self):
        response = self.url_open("/dealer/apply")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.grade_gold.name, response.text)
        self.assertIn("Financial statements PR", response.text)
        self.assertIn(f'name="document_{self.doc_licence.id}"', response.text)

    def test_application_submitted_with_documents_and_link_mailed(self):
        before = fields.Datetime.now().replace(microsecond=0)
        response = self._apply(files={f"document_{self.doc_licence.id}": ("licence.jpg", JPEG)})
        self.assertEqual(response.status_code, 200)
        error = re.search(r'o_dealer_form_error" role="alert">([^<]*)<', response.text)
        self.assertFalse(error, error and error.group(1))
        application = self._applications()
        self.assertEqual(len(application), 1)
        self.assertRecordValues(application, [{
            "state": "submitted", "credit_code": self.code, "contact_name": "Wang Wei", "email": "wang@example.com",
            "state_id": self.state_zj.id, "proposed_grade_id": self.grade_gold.id, "user_id": False,
            # what the selection criteria need; capital and turnover typed in 万元, stored in CNY
            "legal_representative": "Zhang San", "registered_capital": 5_000_000.0, "annual_turnover": 12_005_000.0,
            "outlet_count": 3,
        }])
        # the consent (个人信息处理同意), with the server's date and time
        self.assertTrue(before <= application.privacy_consent_date <= fields.Datetime.now() + timedelta(seconds=1))
        self.assertEqual(application.proposed_territory_ids, self.hangzhou)
        self.assertTrue(application.portal_ip_hash)
        self.assertNotIn("127.0.0.1", application.portal_ip_hash)
        licence = application.document_ids.filtered(lambda doc: doc.document_type_id == self.doc_licence)
        self.assertTrue(licence.required)
        self.assertEqual(licence.attachment_ids.mapped("name"), ["licence.jpg"])
        self.assertEqual(application.missing_document_ids.document_type_id, self.doc_finance)
        # the applicant lands on its status page, and the same link was e-mailed
        self.assertIn(f"/dealer/apply/{application.id}?access_token={application.access_token}", response.url)
        self.assertIn("your application was sent", response.text)
        mail = self.env["mail.mail"].search([("model", "=", "dealer.application"), ("res_id", "=", application.id)])
        self.assertEqual(mail.email_to, "wang@example.com")
        self.assertIn(f"/dealer/apply/{application.id}?access_token={application.access_token}", mail.body_html)

    def test_status_page_shows_state_and_reject_reason(self):
        self._apply()
        application = self._applications()
        application.with_user(self.dealer_manager)._action_reject("Territory already covered")
        response = self.url_open(application.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Territory already covered", response.text)
        self.assertIn("Rejected", response.text)
        self.assertNotIn('name="document_id"', response.text, "no upload on a closed application")

    def test_missing_document_uploaded_with_the_link(self):
        self._apply()
        application = self._applications()
        missing = application.missing_document_ids
        self.assertEqual(missing.document_type_id, self.doc_licence | self.doc_finance)
        line = missing.filtered(lambda doc: doc.document_type_id == self.doc_finance)
        response = self.url_open(f"/dealer/apply/{application.id}/document", data={
            "csrf_token": self._csrf(), "access_token": application.access_token, "document_id": line.id,
        }, files={"file": ("accounts.pdf", b"%PDF-1.4\n%%EOF")})
        self.assertEqual(response.status_code, 200)
        self.assertIn("The document was received", response.text)
        self.env.invalidate_all()
        self.assertEqual(line.attachment_ids.mapped("name"), ["accounts.pdf"])
        self.assertEqual(application.missing_document_ids.document_type_id, self.doc_licence)

    # ------------------------------------------------------------------ bad input
    def test_bad_credit_code_refused(self):
        self.assertRefusedForm(self._apply(credit_code="91330100MA27AP0Q1X"), "is not valid")
        self.assertRefusedForm(self._apply(credit_code="12345"), "is not valid")

    def test_missing_fields_refused(self):
        for field, message in (
            ("company_name", "Give the legal name"), ("credit_code", "Give the unified social credit code"),
            ("contact_name", "Give the name of the contact"), ("phone", "Give a phone number"),
            ("email", "Give an e-mail address"), ("state_id", "Choose your province"),
            ("proposed_grade_id", "Choose the dealer grade"),
            ("legal_representative", "Give the name of the legal representative"),
            ("registered_capital", "Give the registered capital of your company in 10,000 CNY"),
            ("annual_turnover", "Give the annual turnover of your company in 10,000 CNY"),
            ("outlet_count", "Give the number of your sales outlets and stores"),
            ("privacy_consent", "Tick the box to agree to the processing of the personal data"),
        ):
            with self.subTest(field=field):
                self.assertRefusedForm(self._apply(**{field: ""}), message)

    def test_consent_not_ticked_refused_and_nothing_written(self):
        attempts = self.env["dealer.application.attempt"].search_count([])
        data_without_consent = {"privacy_consent": ""}
        self.assertRefusedForm(self._apply(**data_without_consent, files={
            f"document_{self.doc_licence.id}": ("licence.jpg", JPEG),
        }), "without your consent we cannot examine your application")
        self.assertFalse(self.env["mail.mail"].search([("model", "=", "dealer.application")]))
        # the submission is counted for the rate limit, nothing else is written
        self.assertEqual(self.env["dealer.application.attempt"].search_count([]), attempts + 1)

    def test_negative_or_garbage_figures_refused(self):
        cases = [
            ("registered_capital", "-1"), ("registered_capital", "五百"), ("registered_capital", "nan"),
            ("registered_capital", "1e300"), ("annual_turnover", "-0.5"), ("annual_turnover", "inf"),
            ("annual_turnover", "<script>"), ("outlet_count", "-2"), ("outlet_count", "2.5"),
            ("outlet_count", "99999999999"), ("outlet_count", "three"),
        ]
        for field, value in cases:
            with self.subTest(field=field, value=value):
                response = self._apply(**{field: value})
                self.assertRefusedForm(response, "a number from 0" if field != "outlet_count"
                                       else "a whole number from 0")
                self.assertNotIn("Traceback", response.text)
        self._apply(registered_capital="0", annual_turnover="0", outlet_count="0")
        self.assertRecordValues(self._applications(), [
            {"registered_capital": 0.0, "annual_turnover": 0.0, "outlet_count": 0},
        ])

    def test_required_fields_are_marked_and_required(self):
        """Every required input has the required attribute and a red asterisk on its label; the others neither."""
        page = lxml_html.fromstring(self.url_open("/dealer/apply").text)
        form = page.xpath("//form[hasclass('o_dealer_apply_form')]")[0]
        required = {node.get("name") for node in form.xpath(".//*[@required]")}
        self.assertEqual(required, {
            "company_name", "credit_code", "legal_representative", "registered_capital", "annual_turnover",
            "outlet_count", "contact_name", "phone", "email", "state_id", "proposed_grade_id", "privacy_consent",
        })
        for node in form.xpath(".//input|.//select"):
            if not node.get("id") or node.get("type") in ("hidden", "file") or node.get("name") == "website_url":
                continue
            label = form.xpath(f".//label[@for='{node.get('id')}']")[0]
            with self.subTest(field=node.get("name")):
                self.assertEqual(bool(label.xpath(".//span[hasclass('o_dealer_required')]")),
                                 node.get("required") is not None)
        self.assertEqual(form.xpath("//input[@name='privacy_consent']")[0].get("type"), "checkbox")

    def test_provinces_in_official_order(self):
        """Provinces in GB/T 2260 order (北京 11, 天津 12, 河北 13 … 澳门 82), not by Odoo's abbreviation."""
        page = lxml_html.fromstring(self.url_open("/dealer/apply").text)
        ids = [int(value) for value in page.xpath("//select[@name='state_id']/option/@value") if value]
        gb2260 = ["BJ", "TJ", "HE", "SX", "NM", "LN", "JL", "HL", "SH", "JS", "ZJ", "AH", "FJ", "JX", "SD", "HA", "HB",
                  "HN", "GD", "GX", "HI", "CQ", "SC", "GZ", "YN", "XZ", "SN", "GS", "QH", "NX", "XJ", "TW", "HK", "MO"]
        self.assertEqual(ids, [self.env.ref(f"base.state_cn_{code}").id for code in gb2260])

    def test_form_in_chinese(self):
        """The form reads 法定代表人, 注册资本（万元）… and 个人信息处理同意; its messages are Chinese too."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["dealer_portal"], ["zh_CN"], overwrite=True)
        self.opener.cookies.set("frontend_lang", "zh_CN")
        text = self.url_open("/dealer/apply").text
        for term in ("法定代表人", "注册资本（万元）", "年营业额（万元）", "销售网点/门店数", "个人信息处理同意"):
            self.assertIn(term, text)
        self.assertRefusedForm(self._apply(outlet_count="-1"), "销售网点和门店数量")
        self.assertRefusedForm(self._apply(privacy_consent=""), "个人信息")

    def test_ids_outside_the_lists_refused(self):
        self.assertRefusedForm(self._apply(state_id=str(self.env.ref("base.state_us_5").id)), "Choose your province")
        self.assertRefusedForm(self._apply(territory_id="999999"), "Choose one of the listed territories")
        self.assertRefusedForm(self._apply(proposed_grade_id="abc"), "Choose the dealer grade")
        self.assertRefusedForm(self._apply(email="not-an-address"), "is not valid")
        self.assertRefusedForm(self._apply(city="x" * 201), "longer than 200 characters")

    def test_script_in_text_fields_stored_as_text_and_escaped(self):
        self._apply(company_name=f"Hangzhou Pumps {SCRIPT}", contact_name=SCRIPT)
        application = self._applications()
        self.assertEqual(application.company_name, f"Hangzhou Pumps {SCRIPT}")
        response = self.url_open(application.get_portal_url())
        self.assertNotIn(SCRIPT, response.text)
        self.assertIn("&lt;script&gt;", response.text)
        mail = self.env["mail.mail"].search([("model", "=", "dealer.application"), ("res_id", "=", application.id)])
        self.assertNotIn(SCRIPT, mail.body_html)

    def test_oversize_or_wrong_type_file_refused(self):
        field = f"document_{self.doc_licence.id}"
        big = b"%PDF-1.4\n" + (b"0" * 1023 + b"\n") * (10 * 1024 + 1)
        self.assertRefusedForm(self._apply(files={field: ("licence.pdf", big)}), "larger than 10 MB")
        self.assertRefusedForm(self._apply(files={field: ("licence.exe", b"MZ\x90")}), "only these types")
        self.assertRefusedForm(self._apply(files={field: ("licence.pdf", b"<html><script>x</script>")}),
                               "not a valid PDF file")

    def test_replayed_form_refused(self):
        files = {f"document_{self.doc_licence.id}": ("licence.jpg", JPEG)}
        self._apply(files=files)
        self.assertEqual(len(self._applications()), 1)
        attachments = self.env["ir.attachment"].search_count([("res_model", "=", "dealer.application.document")])
        # the replay is refused before anything is created: the code has an open application
        response = self._apply(files=files)
        self.assertEqual(response.status_code, 200)
        self.assertIn("This application cannot be accepted", response.text)
        self.assertNotIn(self._applications().name, response.text)
        self.assertEqual(len(self._applications()), 1, "the replay created nothing")
        self.assertEqual(
            self.env["ir.attachment"].search_count([("res_model", "=", "dealer.application.document")]), attachments,
        )

    def test_known_credit_code_refused_without_naming_the_dealer_or_application(self):
        """A visitor posting a dealer's (public) credit code learns neither the dealer's name and code nor an
        open application's reference: one message, whatever the code belongs to, and nothing is written."""
        company = self.grade_gold.company_id or self.env.ref("base.public_user").company_id
        company.write({"email": "channel@example.com", "phone": "400-800-1234"})
        codes = {
            "active dealer": make_credit_code("91330100MA27LK1Q1"),
            "open application": make_credit_code("91330100MA27LK2Q1"),
            "terminated dealer": make_credit_code("91330100MA27LK3Q1"),
        }
        active = self._create_dealer("Secret Active Dealer", state="active", grade=self.grade_gold,
                                     vat=codes["active dealer"])
        terminated = self._create_dealer("Secret Former Dealer", state="active", grade=self.grade_gold,
                                         vat=codes["terminated dealer"])
        terminated._dealer_set_state("terminated")
        pending = self.env["dealer.application"].create({
            "company_name": "Secret Pending Applicant", "credit_code": codes["open application"],
        })
        secrets = [active.name, active.dealer_code, terminated.name, terminated.dealer_code, pending.name,
                   pending.company_name, "already is the dealer", "is already open"]
        self.assertTrue(active.dealer_code and terminated.dealer_code and pending.name != "/")
        attachments = self.env["ir.attachment"].search_count([])
        messages = set()
        for case, code in codes.items():
            with self.subTest(case=case):
                response = self._apply(credit_code=code, files={
                    f"document_{self.doc_licence.id}": ("licence.jpg", JPEG),
                })
                self.assertRefusedForm(response, "This application cannot be accepted. Please contact us: "
                                                 "channel@example.com / 400-800-1234.")
                for secret in secrets:
                    self.assertNotIn(secret, response.text)
                messages.add(re.search(r'o_dealer_form_error" role="alert">([^<]*)<', response.text).group(1))
        self.assertEqual(len(messages), 1, "the same words whatever the code belongs to")
        self.assertEqual(self.env["dealer.application"].search_count([("credit_code", "in", list(codes.values()))]),
                         1, "only the back office's application")
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        self.assertEqual(terminated.dealer_state, "terminated")

    def test_back_office_keeps_the_precise_duplicate_message(self):
        code = make_credit_code("91330100MA27LK4Q1")
        dealer = self._create_dealer("Known Dealer", state="active", grade=self.grade_gold, vat=code)
        application = self.env["dealer.application"].with_user(self.dealer_manager).create({
            "company_name": "Known Dealer", "credit_code": code,
        })
        with self.assertRaisesRegex(UserError, f"already is the dealer {dealer.name}"):
            application.action_submit()

    def test_missing_or_forged_csrf_token_refused(self):
        for token in (None, "forged-token"):
            data = {"company_name": "Hangzhou Pumps Trading Co.", "credit_code": self.code}
            if token:
                data["csrf_token"] = token
            response = self.url_open("/dealer/apply", data=data)
            self.assertEqual(response.status_code, 400)
        self.assertFalse(self._applications())

    def test_honeypot_refused(self):
        self.assertRefusedForm(self._apply(website_url="http://spam.example"), "could not be sent", status=400)

    def test_rate_limit_per_ip(self):
        self.env["ir.config_parameter"].set_param("dealer_portal.application_rate_limit", "2")
        for base in ("91330100MA27AP1Q1", "91330100MA27AP2Q1"):
            self._apply(credit_code=make_credit_code(base), company_name=f"Hangzhou Pumps {base}")
        self.assertEqual(len(self._applications()), 2)
        response = self._apply(credit_code=make_credit_code("91330100MA27AP3Q1"), company_name="Hangzhou Pumps 3")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many applications", response.text)
        self.assertEqual(len(self._applications()), 2)

    def test_refused_submissions_count_towards_the_limit(self):
        self.env["ir.config_parameter"].set_param("dealer_portal.application_attempt_limit", "3")
        Attempt = self.env["dealer.application.attempt"]
        before = Attempt.search_count([])
        for _attempt in range(3):
            self.assertRefusedForm(self._apply(credit_code="12345"), "is not valid")
        self.assertEqual(Attempt.search_count([]) - before, 3)
        # a correct application from the same address is now refused too, and nothing is written
        response = self._apply()
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many applications", response.text)
        self.assertFalse(self._applications())
        self.assertEqual(Attempt.search_count([]) - before, 3, "a refused submission is not logged again")

    def test_submission_log_is_not_readable_by_visitors_or_dealers(self):
        self._apply()
        attempt = self.env["dealer.application.attempt"].search([], limit=1)
        self.assertTrue(attempt.ip_hash)
        self.assertNotIn("127.0.0.1", attempt.ip_hash)
        self.authenticate(self.portal_a.login, self.portal_a.login)
        for method, args in (("search_read", [[]]), ("create", [{"ip_hash": "x"}]), ("unlink", [attempt.ids])):
            with self.subTest(method=method):
                error = self._rpc_error("dealer.application.attempt", method, args)
                self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.env["dealer.application.attempt"].search_count([("ip_hash", "=", "x")]), 0)
        self.assertTrue(attempt.exists())

    # ------------------------------------------------------------------ the tokenised link
    def test_wrong_or_absent_token_is_404(self):
        self._apply()
        application = self._applications()
        for url in (
            f"/dealer/apply/{application.id}",
            f"/dealer/apply/{application.id}?access_token=",
            f"/dealer/apply/{application.id}?access_token=wrong",
            f"/dealer/apply/{application.id + 1000}?access_token={application.access_token}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Hangzhou Pumps", response.text)

    def test_other_application_token_is_404(self):
        self._apply()
        self._apply(credit_code=make_credit_code("91330100MA27AP4Q1"), company_name="Hangzhou Pumps Other")
        first, second = self._applications().sorted("id")
        response = self.url_open(f"/dealer/apply/{first.id}?access_token={second.access_token}")
        self.assertEqual(response.status_code, 404)
        response = self.url_open(f"/dealer/apply/{first.id}/document", data={
            "csrf_token": self._csrf(), "access_token": second.access_token,
            "document_id": first.missing_document_ids[:1].id,
        }, files={"file": ("x.pdf", b"%PDF-1.4\n")})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(first.document_ids.attachment_ids)

    def test_upload_with_link_only_for_missing_documents(self):
        self._apply(files={f"document_{self.doc_licence.id}": ("licence.jpg", JPEG)})
        application = self._applications()
        provided = application.document_ids.filtered("is_provided")
        response = self.url_open(f"/dealer/apply/{application.id}/document", data={
            "csrf_token": self._csrf(), "access_token": application.access_token, "document_id": provided.id,
        }, files={"file": ("again.pdf", b"%PDF-1.4\n")})
        self.assertIn("Choose one of the missing documents", response.text)
        self.env.invalidate_all()
        self.assertEqual(provided.attachment_ids.mapped("name"), ["licence.jpg"])
        self.assertFalse(re.search(r"Traceback|Internal Server Error", response.text))
