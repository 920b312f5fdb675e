"""Attacks on the dealer portal, made the way a portal user would: JSON-RPC calls and form posts."""
import re
from datetime import date, timedelta

from requests import HTTPError

from odoo import http
from odoo.tests import JsonRpcException, tagged

from .common import JPEG, DealerPortalCase

# a create is refused by the access rights, or earlier by the protected state when a default_state is sent
REFUSED_CREATE = r"not allowed to create|State of a Dealer .* change only through its buttons and wizards"
REFUSED_READ = r"doesn't have 'read' access"
REFUSED_WRITE = r"not allowed to modify|State of a Dealer .* change only through its buttons and wizards"
REFUSED_POST = r"Post your message from the page of the document on the portal"


@tagged("post_install", "-at_install")
class TestSecurityPortal(DealerPortalCase):

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")

    # ------------------------------------------------------------------ helpers
    def _count(self, model):
        self.env.invalidate_all()
        return self.env[model].sudo().search_count([])

    def _complaint_vals(self, **values):
        return {"category_id": self.category.id, "description": "Pump leaks", **values}

    # ------------------------------------------------------------------ hole 4: portal create through RPC
    def _assert_complaint_create_refused(self, vals, context=None):
        before = self._count("dealer.complaint")
        result, error = self._call_kw("dealer.complaint", "create", [vals], context=context)
        self.assertRpcRefused(error, "AccessError", REFUSED_CREATE)
        self.assertIsNone(result)
        self.assertEqual(self._count("dealer.complaint"), before, "nothing was created")

    def test_portal_cannot_create_closed_complaint_over_rpc(self):
        self._assert_complaint_create_refused(self._complaint_vals(), context={"default_state": "closed"})

    def test_portal_cannot_backdate_complaint_over_rpc(self):
        self._assert_complaint_create_refused(
            self._complaint_vals(), context={"default_date_reported": "2020-01-01 00:00:00"},
        )

    def test_portal_cannot_assign_complaint_over_rpc(self):
        self._assert_complaint_create_refused(self._complaint_vals(), context={"default_user_id": self.env.uid})

    def test_portal_cannot_link_other_dealer_order_over_rpc(self):
        self._assert_complaint_create_refused(
            self._complaint_vals(), context={"default_sale_order_id": self.order_b.id},
        )
        self._assert_complaint_create_refused(self._complaint_vals(sale_order_id=self.order_b.id))
        self.assertFalse(self.env["dealer.complaint"].sudo().search([("sale_order_id", "=", self.order_b.id)]))

    def test_portal_cannot_plant_feedback_answer_over_rpc(self):
        before = self._count("dealer.feedback")
        result, error = self._call_kw("dealer.feedback", "create", [{
            "name": "Price", "feedback_type": "demand", "description": "More pumps",
        }], context={"default_response": "Approved: 50% discount for you", "default_state": "done"})
        self.assertRpcRefused(error, "AccessError", REFUSED_CREATE)
        self.assertEqual(self._count("dealer.feedback"), before)
        self.assertFalse(self.env["dealer.feedback"].sudo().search([("response", "like", "Approved")]))

    def test_route_ignores_default_keys_of_the_caller(self):
        """The route creates with the validated whitelist only, whatever context the session carries."""
        complaint = self.env["dealer.complaint"].with_user(self.portal_a).with_context(
            default_state="closed", default_user_id=self.env.uid, default_priority="3",
        )._dealer_portal_create(self.dealer_a, self._complaint_vals())
        self.assertRecordValues(complaint.sudo(), [{
            "state": "new", "priority": "1", "partner_id": self.dealer_a.id, "create_uid": self.portal_a.id,
        }])

    def _assert_post_refused(self, **kwargs):
        before = self._count("mail.message")
        result, error = self._call_kw(
            "dealer.complaint", "message_post", [[self.complaint_a.id]],
            {"body": "Planted", "message_type": "comment", **kwargs},
        )
        self.assertRpcRefused(error, "AccessError", REFUSED_POST)
        self.assertEqual(self._count("mail.message"), before, "no message was written")

    def test_portal_cannot_message_post_as_another_author_over_rpc(self):
        self._assert_post_refused(author_id=self.dealer_b.id)

    def test_portal_cannot_message_post_to_other_dealer_partners_over_rpc(self):
        self._assert_post_refused(partner_ids=self.portal_b.partner_id.ids)

    def test_portal_cannot_message_post_with_chosen_subtype_over_rpc(self):
        self._assert_post_refused(subtype_xmlid="mail.mt_note")

    def test_portal_cannot_message_post_on_feedback_over_rpc(self):
        feedback = self.env["dealer.feedback"].create({
            "name": "Demand", "partner_id": self.dealer_a.id, "description": "More pumps",
        })
        before = self._count("mail.message")
        _result, error = self._call_kw(
            "dealer.feedback", "message_post", [[feedback.id]], {"body": "x", "author_id": self.dealer_b.id},
        )
        self.assertRpcRefused(error, "AccessError", REFUSED_POST)
        self.assertEqual(self._count("mail.message"), before)

    def test_portal_chatter_keeps_working_logged_in_and_with_token(self):
        post = {"body": "Any news?", "message_type": "comment", "subtype_xmlid": "mail.mt_comment"}
        self.make_jsonrpc_request("/mail/message/post", {
            "thread_model": "dealer.complaint", "thread_id": self.complaint_a.id, "post_data": post,
        })
        self.env.invalidate_all()
        message = self.complaint_a.message_ids[0]
        self.assertIn("Any news?", message.body)
        self.assertEqual(message.author_id, self.portal_a.partner_id)
        token = self.complaint_a.sudo()._portal_ensure_token()
        self.authenticate(None, None)
        self.make_jsonrpc_request("/mail/message/post", {
            "thread_model": "dealer.complaint", "thread_id": self.complaint_a.id, "token": token,
            "post_data": {**post, "body": "Sent with the link"},
        })
        self.env.invalidate_all()
        self.assertIn("Sent with the link", self.complaint_a.message_ids[0].body)

    def test_portal_cannot_run_back_office_actions_over_rpc(self):
        for model, record, method in (
            ("dealer.complaint", self.complaint_a, "action_start"),
            ("dealer.announcement", self.news_all, "action_archive_announcement"),
        ):
            state = record.state
            _result, error = self._call_kw(model, method, [record.ids])
            self.assertRpcRefused(error, "AccessError", REFUSED_WRITE)
            self.env.invalidate_all()
            self.assertEqual(record.state, state)

    def test_portal_cannot_read_other_dealer_records_over_rpc(self):
        feedback_b = self.env["dealer.feedback"].create({
            "name": "Beta demand", "partner_id": self.dealer_b.id, "description": "SECRET-BETA-FEEDBACK",
        })
        for model, record in (("dealer.complaint", self.complaint_b), ("dealer.feedback", feedback_b)):
            _result, error = self._call_kw(model, "read", [record.ids, ["description"]])
            self.assertRpcRefused(error, "AccessError", REFUSED_READ)
            result, _error = self._call_kw(model, "search_read", [[], ["partner_id"]])
            self.assertEqual({row["partner_id"][0] for row in result} - {self.dealer_a.id}, set())

    def test_portal_cannot_write_own_complaint_over_rpc(self):
        _result, error = self._call_kw(
            "dealer.complaint", "write", [self.complaint_a.ids, {"state": "closed", "description": "changed"}],
        )
        self.assertRpcRefused(error, "AccessError", REFUSED_WRITE)
        self.env.invalidate_all()
        self.assertRecordValues(self.complaint_a, [{"state": "new", "description": "OWN-ALPHA-CASE"}])

    # ------------------------------------------------------------------ hole 7: announcements before their date
    def test_portal_cannot_read_scheduled_announcement_over_rpc(self):
        later = self.env["dealer.announcement"].create({
            "name": "Price rise next month", "body": "<p>EMBARGOED</p>",
            "date_publish": date.today() + timedelta(days=10),
        })
        later.action_publish()
        self.assertEqual(later.state, "scheduled")
        _result, error = self._call_kw("dealer.announcement", "read", [later.ids, ["name", "body"]])
        self.assertRpcRefused(error, "AccessError", REFUSED_READ)
        result, error = self._call_kw("dealer.announcement", "search_read", [[("id", "=", later.id)], ["body"]])
        self.assertEqual(result, [])

    def test_portal_cannot_read_expired_announcement_over_rpc(self):
        old = self.env["dealer.announcement"].create({"name": "Old news", "date_publish": date.today()})
        old.action_publish()
        old.date_expire = date.today() - timedelta(days=1)
        self.assertEqual(old.state, "archived")
        _result, error = self._call_kw("dealer.announcement", "read", [old.ids, ["name"]])
        self.assertRpcRefused(error, "AccessError", REFUSED_READ)

    # ------------------------------------------------------------------ hole 11: uploads
    def _complaint_form(self, files):
        return self.url_open("/my/complaints/new", data={
            "csrf_token": http.Request.csrf_token(self), "category_id": self.category.id,
            "subject_type": "quality", "product_qty": "1", "origin": "dealer", "description": "UPLOAD-ATTACK",
        }, files=files)

    def _assert_upload_refused(self, files, regex):
        before = self._count("dealer.complaint"), self._count("ir.attachment")
        response = self._complaint_form(files)
        self.assertEqual(response.status_code, 200, "a form error, never a server error")
        self.assertIn("o_dealer_form_error", response.text)
        self.assertRegex(response.text, regex)
        self.assertEqual((self._count("dealer.complaint"), self._count("ir.attachment")), before)

    def test_portal_upload_over_size_limit_refused(self):
        self._assert_upload_refused(
            {"attachments": ("big.pdf", b"%PDF-1.4\n" + (b"0" * 1023 + b"\n") * (10 * 1024 + 1))}, r"larger than 10 MB",
        )

    def test_portal_upload_of_forbidden_type_refused(self):
        self._assert_upload_refused({"attachments": ("run.exe", b"MZ\x90\x00")}, r"only these types are accepted")
        self._assert_upload_refused({"attachments": ("page.html", b"<script>alert(1)</script>")}, r"only these")

    def test_portal_upload_with_disguised_content_refused(self):
        self._assert_upload_refused(
            {"attachments": ("invoice.pdf", b"<html><script>alert(1)</script></html>")}, r"not a valid PDF file",
        )

    def test_portal_feedback_upload_limits(self):
        before = self._count("dealer.feedback")
        response = self.url_open("/my/feedback/new", data={
            "csrf_token": http.Request.csrf_token(self), "name": "Price", "feedback_type": "demand",
            "description": "More pumps",
        }, files={"attachments": ("x.svg", b"<svg onload='alert(1)'/>")})
        self.assertEqual(response.status_code, 200)
        self.assertIn("only these types are accepted", response.text)
        self.assertEqual(self._count("dealer.feedback"), before)

    def test_portal_upload_within_limits_accepted(self):
        response = self._complaint_form({"attachments": ("photo.jpg", JPEG)})
        self.assertEqual(response.status_code, 200)
        complaint = self.env["dealer.complaint"].search([("description", "=", "UPLOAD-ATTACK")])
        self.assertEqual(complaint.attachment_ids.mapped("name"), ["photo.jpg"])

    # ------------------------------------------------------------------ hole 11: read receipts
    def test_opening_an_announcement_with_get_writes_no_receipt(self):
        before = self._count("dealer.announcement.read")
        response = self.url_open(f"/my/announcements/{self.news_all.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._count("dealer.announcement.read"), before)

    def test_read_receipt_without_csrf_token_refused(self):
        before = self._count("dealer.announcement.read")
        response = self.url_open(f"/my/announcements/{self.news_all.id}/read", data={"csrf_token": "forged"})
        self.assertEqual(response.status_code, 400)
        response = self.url_open(f"/my/announcements/{self.news_all.id}/read")  # a GET
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(self._count("dealer.announcement.read"), before)

    def test_read_receipt_for_announcement_of_other_audience_refused(self):
        self.authenticate("pr_portal_b", "pr_portal_b")  # Dealer Beta is not in the Gold grade
        scheduled = self.env["dealer.announcement"].create({
            "name": "Later", "date_publish": date.today() + timedelta(days=3),
        })
        scheduled.action_publish()
        before = self._count("dealer.announcement.read")
        for announcement in (self.news_gold, scheduled):
            self.url_open(f"/my/announcements/{announcement.id}/read", data={
                "csrf_token": http.Request.csrf_token(self),
            })
        self.assertEqual(self._count("dealer.announcement.read"), before)

    def test_portal_cannot_create_read_receipt_over_rpc(self):
        scheduled = self.env["dealer.announcement"].create({
            "name": "Later", "date_publish": date.today() + timedelta(days=3),
        })
        scheduled.action_publish()
        before = self._count("dealer.announcement.read")
        for vals in (
            {"announcement_id": scheduled.id, "user_id": self.portal_a.id},  # not readable yet
            {"announcement_id": self.news_all.id, "user_id": self.portal_b.id},  # in another user's name
        ):
            _result, error = self._call_kw("dealer.announcement.read", "create", [vals])
            self.assertRpcRefused(error, "AccessError", REFUSED_CREATE)
        self.assertEqual(self._count("dealer.announcement.read"), before)

    # ------------------------------------------------------------------ hole 11: tokens after termination
    def test_attachment_tokens_stop_working_when_dealer_terminated(self):
        self.url_open("/my/complaints/new", data={
            "csrf_token": http.Request.csrf_token(self), "category_id": self.category.id,
            "subject_type": "quality", "product_qty": "1", "origin": "dealer", "description": "TOKEN-CASE",
        }, files={"attachments": ("photo.jpg", JPEG)})
        complaint = self.env["dealer.complaint"].sudo().search([("description", "=", "TOKEN-CASE")])
        attachment = complaint.attachment_ids
        self.assertEqual(len(attachment), 1)
        file_token = attachment.generate_access_token()[0]
        record_token = complaint._portal_ensure_token()
        self.authenticate(None, None)
        file_url = f"/web/content/{attachment.id}?access_token={file_token}"
        page_url = f"/my/complaints/{complaint.id}?access_token={record_token}"
        self.assertEqual(self.url_open(file_url).content, JPEG, "the share link works while the dealer is active")
        termination = self.env["dealer.termination"].create({
            "partner_id": self.dealer_a.id, "reason_code": "voluntary",
        })
        termination._execute()
        self.env.invalidate_all()
        self.assertFalse(attachment.access_token)
        self.assertNotEqual(complaint.access_token, record_token)
        response = self.url_open(file_url)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotEqual(response.content, JPEG)
        self.assertNotIn("TOKEN-CASE", self.url_open(page_url).text)
        posted = True
        try:
            self.make_jsonrpc_request("/mail/message/post", {
                "thread_model": "dealer.complaint", "thread_id": complaint.id, "token": record_token,
                "post_data": {"body": "After the end", "message_type": "comment"},
            })
        except (JsonRpcException, HTTPError):
            posted = False  # refused, as it must be
        self.assertFalse(posted, "the revoked share link still posts on the chatter")
        self.assertFalse(complaint.message_ids.filtered(lambda message: "After the end" in (message.body or "")))

    # ------------------------------------------------------------------ same pattern: ids in route parameters
    def test_complaint_with_other_dealer_product_or_category_id_refused(self):
        other_product = self.env["product.product"].create({"name": "Not bought"})
        before = self._count("dealer.complaint")
        response = self.url_open("/my/complaints/new", data={
            "csrf_token": http.Request.csrf_token(self), "category_id": self.category.id,
            "subject_type": "quality", "product_id": other_product.id, "description": "x",
        })
        self.assertIn("Choose one of the listed products", response.text)
        self.assertEqual(self._count("dealer.complaint"), before)

    def test_announcement_of_other_audience_page_redirects(self):
        self.authenticate("pr_portal_b", "pr_portal_b")
        response = self.url_open(f"/my/announcements/{self.news_gold.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertNotIn("GOLD-ONLY", response.text)
        self.assertFalse(re.search("GOLD-ONLY", self.url_open(f"/my/announcements/{self.news_gold.id}").text))
