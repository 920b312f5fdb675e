import re

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin
from odoo.addons.dealer_portal.tests.common import JPEG
from odoo.addons.dealer_visit.tests.common import VisitTestCommon

URL = "/my/visit-findings"


@tagged("post_install", "-at_install")
class TestPortalVisitFindings(CallKwMixin, HttpCase, VisitTestCommon):
    """Dealer A's people see and answer the findings of A's done visits; B's and those of a visit in progress are
    not theirs to see, nor to answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = cls._create_portal_user(cls.dealer_a, "pv_portal_a", "Amy of A")
        cls.portal_b = cls._create_portal_user(cls.dealer_b, "pv_portal_b", "Ben of B")
        cls.finding_a = cls._done_visit().finding_ids
        cls.finding_b = cls._done_visit(cls.dealer_b, finding="SECRET FINDING OF B").finding_ids
        # a visit of A in progress: its finding is the salesperson's draft
        cls.draft_visit = cls._visit()
        cls.draft_visit.action_check_in()
        cls.draft_finding = cls.Finding.create({"visit_id": cls.draft_visit.id, "name": "DRAFT FINDING",
                                                "deadline": cls.today})

    def setUp(self):
        super().setUp()
        self.authenticate("pv_portal_a", "pv_portal_a")

    def _token(self, finding):
        response = self.url_open(f"{URL}/{finding.id}")
        match = re.search(r'name="form_token" value="([^"]+)"', response.text)
        self.assertTrue(match, "the page has the answer form and its one-time token")
        return match.group(1)

    def _answer(self, finding, token=None, files=None, answer="Price tags are up on every E5."):
        data = {"csrf_token": http.Request.csrf_token(self), "form_token": token or self._token(self.finding_a),
                "answer": answer}
        return self.url_open(f"{URL}/{finding.id}/answer", data=data, files=files or {})

    def _state(self, finding):
        self.env.invalidate_all()
        return finding.state, finding.dealer_answer

    def test_list_shows_own_findings_of_done_visits(self):
        page = self.url_open(URL).text
        self.assertIn(self.finding_a.name, page)
        self.assertNotIn("SECRET FINDING OF B", page)
        self.assertNotIn("DRAFT FINDING", page)
        home = self.url_open("/my/home").text
        self.assertIn(URL, home)

    def test_answer_with_photo(self):
        response = self._answer(self.finding_a, files={"attachments": ("tags.jpg", JPEG)})
        self.assertTrue(response.url.endswith(f"{URL}/{self.finding_a.id}?answered=1"))
        self.assertIn("Your answer was sent", response.text)
        self.assertEqual(self._state(self.finding_a), ("answered", "Price tags are up on every E5."))
        self.assertEqual(self.finding_a.answer_attachment_ids.mapped("name"), ["tags.jpg"])
        message = self.finding_a.message_ids.filtered(lambda m: "Price tags are up" in (m.body or ""))
        self.assertEqual(message.author_id, self.portal_a.partner_id, "the salesperson reads who answered")

    def test_other_dealers_finding_refused(self):
        for finding in (self.finding_b, self.draft_finding):
            with self.subTest(finding=finding.name):
                page = self.url_open(f"{URL}/{finding.id}")
                self.assertTrue(page.url.endswith(URL), "redirected to the list")
                self.assertNotIn(finding.name, page.text)
                response = self._answer(finding, answer="FORGED")
                self.assertTrue(response.url.endswith(URL))
                self.assertEqual(self._state(finding), ("open", False))

    def test_replayed_and_empty_answers_refused(self):
        token = self._token(self.finding_a)
        self._answer(self.finding_a, token=token)
        replay = self._answer(self.finding_a, token=token, answer="REPLAYED")
        self.assertIn("This form was already submitted", replay.text)
        self.assertEqual(self._state(self.finding_a)[1], "Price tags are up on every E5.")
        empty = self._answer(self.finding_a, answer="   ")
        self.assertIn("Write what you did about this finding.", empty.text)
        self.assertEqual(self._state(self.finding_a)[1], "Price tags are up on every E5.")

    def test_bad_file_refused(self):
        response = self._answer(self.finding_a, files={"attachments": ("virus.exe", b"MZ\x90\x00")})
        self.assertIn("o_dealer_form_error", response.text)
        self.assertEqual(self._state(self.finding_a), ("open", False))
        self.assertFalse(self.env["ir.attachment"].search([("res_model", "=", "dealer.visit.finding")]))

    def test_closed_finding_takes_no_answer(self):
        token = self._token(self.finding_a)
        self.finding_a.action_close()
        response = self._answer(self.finding_a, token=token)
        self.assertIn("it takes no answer", response.text)
        self.assertEqual(self._state(self.finding_a), ("closed", False))

    def test_portal_rpc_refused(self):
        """Over JSON-RPC: no write, no answer, no read of another dealer's finding or of a visit."""
        for model, method, args in (
                ("dealer.visit.finding", "write", [self.finding_a.ids, {"user_id": self.portal_a.id}]),
                ("dealer.visit.finding", "read", [self.finding_b.ids, ["name"]]),
                ("dealer.visit.finding", "_dealer_answer", [self.finding_a.ids, "x"]),
                ("dealer.visit", "read", [self.finding_a.visit_id.ids, ["note"]])):
            with self.subTest(model=model, method=method):
                _result, error = self._call_kw(model, method, args)
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self._state(self.finding_a), ("open", False))
        self.assertEqual(self.finding_a.user_id, self.env["res.users"])
        _result, error = self._call_kw("dealer.visit.finding", "write", [self.finding_a.ids, {"name": "x"}])
        self.assertTrue(error, "the finding of a done visit is locked, and not the dealer's to write anyway")
        self.env.invalidate_all()
        self.assertEqual(self.finding_a.name, "Price tags missing on the E5")
