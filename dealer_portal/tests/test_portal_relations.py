import base64
import re

from odoo import http
from odoo.tests import JsonRpcException, tagged

from .common import JPEG, DealerPortalCase


@tagged("post_install", "-at_install")
class TestPortalRelations(DealerPortalCase):
    def _complaint_post(self, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "category_id": self.category.id,
            "subject_type": "quality",
            "product_id": self.product.id,
            "product_qty": "2",
            "sale_order_id": self.order_a.id,
            "origin": "customer",
            "customer_name": "Mr. Wang",
            "customer_phone": "138 0000 0000",
            "description": "The pump leaks after two days.",
        }
        data.update(values)
        return self.url_open("/my/complaints/new", data=data, files={"attachments": ("leak.jpg", JPEG)})

    # ------------------------------------------------------------------ complaints
    def test_complaint_list_shows_own_only(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self.url_open("/my/complaints")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.complaint_a.name, response.text)
        self.assertNotIn(self.complaint_b.name, response.text)

    def test_own_complaint_detail_with_chatter(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self.url_open(f"/my/complaints/{self.complaint_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("OWN-ALPHA-CASE", response.text)
        self.assertIn("o_portal_chatter", response.text)

    def test_other_dealer_complaint_never_shown(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self.url_open(f"/my/complaints/{self.complaint_b.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303, 403, 404))
        self.assertNotIn("SECRET-BETA-CASE", response.text)
        response = self.url_open(f"/my/complaints/{self.complaint_b.id}")
        self.assertNotIn("SECRET-BETA-CASE", response.text)
        self.assertNotIn(self.complaint_b.name, response.text)

    def test_chatter_post_own_only(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        post = {"body": "Any news?", "message_type": "comment", "subtype_xmlid": "mail.mt_comment"}
        self.make_jsonrpc_request("/mail/message/post", {
            "thread_model": "dealer.complaint", "thread_id": self.complaint_a.id, "post_data": post,
        })
        self.env.invalidate_all()
        self.assertIn("Any news?", self.complaint_a.message_ids.mapped("body")[0])
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/mail/message/post", {
                "thread_model": "dealer.complaint", "thread_id": self.complaint_b.id, "post_data": post,
            })
        self.assertFalse(self.complaint_b.message_ids.filtered(lambda m: "Any news?" in (m.body or "")))

    def test_submit_complaint_form(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self._complaint_post()
        self.assertEqual(response.status_code, 200)
        complaint = self.env["dealer.complaint"].search([("description", "=", "The pump leaks after two days.")])
        self.assertEqual(len(complaint), 1)
        self.assertIn(f"/my/complaints/{complaint.id}", response.url)
        self.assertRecordValues(complaint, [{
            "partner_id": self.dealer_a.id, "category_id": self.category.id, "product_id": self.product.id,
            "product_qty": 2.0, "sale_order_id": self.order_a.id, "origin": "customer", "customer_name": "Mr. Wang",
            "state": "new",
        }])
        self.assertEqual(complaint.attachment_ids.mapped("name"), ["leak.jpg"])
        self.assertIn(complaint.name, response.text)

    def test_bad_input_rerenders_form(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        count = self.env["dealer.complaint"].search_count([])
        response = self._complaint_post(description="  ")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_form_error", response.text)
        self.assertIn("Describe the problem", response.text)
        self.assertIn("Mr. Wang", response.text, "what the dealer typed is kept")
        response = self._complaint_post(category_id="not-a-number")
        self.assertIn("o_dealer_form_error", response.text)
        response = self._complaint_post(product_qty="-3")
        self.assertIn("o_dealer_form_error", response.text)
        self.assertEqual(self.env["dealer.complaint"].search_count([]), count, "nothing was created")

    def test_order_of_another_dealer_refused(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self._complaint_post(sale_order_id=self.order_b.id)
        self.assertIn("Choose one of your orders", response.text)
        self.assertFalse(self.env["dealer.complaint"].search([("sale_order_id", "=", self.order_b.id)]))

    # ------------------------------------------------------------------ announcements
    def test_announcements_and_read_receipt(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self.url_open("/my/announcements")
        self.assertIn("Spring price list", response.text)
        self.assertIn("Gold promotion", response.text)
        self.assertIn("o_dealer_unread", response.text)
        self.assertEqual(self.make_jsonrpc_request("/my/counters", {"counters": ["announcement_unread_count"]}),
                         {"announcement_unread_count": 2})
        response = self.url_open(f"/my/announcements/{self.news_all.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("NEWS-FOR-ALL", response.text)
        self.assertIn("o_dealer_mark_read", response.text)
        self.env.invalidate_all()
        self.assertFalse(self.news_all.read_ids, "opening the page (GET) records nothing")
        response = self.url_open(f"/my/announcements/{self.news_all.id}/read", data={
            "csrf_token": http.Request.csrf_token(self),
        })
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_read_done", response.text)
        self.env.invalidate_all()
        receipt = self.news_all.read_ids
        self.assertEqual(receipt.user_id, self.portal_a)
        self.assertEqual(receipt.partner_id, self.dealer_a)
        self.assertEqual(self.make_jsonrpc_request("/my/counters", {"counters": ["announcement_unread_count"]}),
                         {"announcement_unread_count": 1})

    def test_announcement_attachment_download(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self.url_open(f"/my/announcements/{self.news_all.id}")
        link = re.search(r'href="(/my/announcements/\d+/files/\d+)"', response.text)
        self.assertTrue(link, "the attachment is offered through the announcement's own route")
        download = self.url_open(link.group(1))
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, b"PRICELIST-CONTENT")
        self.env.invalidate_all()
        self.assertFalse(self.news_all.attachment_ids.access_token, "no share token was written by the GET")
        self.authenticate("pr_portal_b", "pr_portal_b")  # Dealer Beta may read this one too, not the Gold one
        gold_file = self.env["ir.attachment"].create({
            "name": "gold.txt", "datas": base64.b64encode(b"GOLD-FILE"),
            "res_model": "dealer.announcement", "res_id": self.news_gold.id,
        })
        self.news_gold.attachment_ids = gold_file
        for url in (f"/my/announcements/{self.news_gold.id}/files/{gold_file.id}",
                    f"/my/announcements/{self.news_all.id}/files/{gold_file.id}"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(b"GOLD-FILE", response.content)

    def test_home_entries(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.assertIn('href="/my/complaints"', response.text)
        self.assertIn('href="/my/feedback"', response.text)
        self.assertIn('data-placeholder_count="announcement_unread_count"', response.text)
        counters = self.make_jsonrpc_request("/my/counters", {
            "counters": ["announcement_count", "complaint_count", "feedback_count"],
        })
        self.assertEqual(counters, {"announcement_count": 2, "complaint_count": 1, "feedback_count": 0})

    def test_announcement_of_other_audience_not_shown(self):
        self.authenticate("pr_portal_b", "pr_portal_b")
        response = self.url_open("/my/announcements")
        self.assertIn("Spring price list", response.text)
        self.assertNotIn("Gold promotion", response.text)
        response = self.url_open(f"/my/announcements/{self.news_gold.id}")
        self.assertNotIn("GOLD-ONLY", response.text)
        self.env.invalidate_all()
        self.assertFalse(self.news_gold.read_ids)

    # ------------------------------------------------------------------ feedback
    def test_submit_feedback(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self.url_open("/my/feedback/new", data={
            "csrf_token": http.Request.csrf_token(self), "name": "Brand X is cheaper",
            "feedback_type": "competitor_price", "competitor_name": "Brand X", "competitor_price": "45.5",
            "product_id": self.product.id, "description": "Brand X sells its pump at 45.5.",
        })
        self.assertEqual(response.status_code, 200)
        feedback = self.env["dealer.feedback"].search([("name", "=", "Brand X is cheaper")])
        self.assertRecordValues(feedback, [{
            "partner_id": self.dealer_a.id, "user_id": self.portal_a.id, "competitor_price": 45.5, "state": "new",
        }])
        response = self.url_open("/my/feedback")
        self.assertIn("Brand X is cheaper", response.text)
        self.authenticate("pr_portal_b", "pr_portal_b")
        response = self.url_open(f"/my/feedback/{feedback.id}")
        self.assertNotIn("Brand X sells its pump", response.text)

    def test_feedback_bad_input(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self.url_open("/my/feedback/new", data={
            "csrf_token": http.Request.csrf_token(self), "name": "Price", "feedback_type": "competitor_price",
            "competitor_price": "cheap", "description": "x",
        })
        self.assertEqual(response.status_code, 200)
        self.assertIn("The competitor price must be a number", response.text)
        self.assertFalse(self.env["dealer.feedback"].search([("name", "=", "Price")]))
