import base64
import re

from odoo import Command
from odoo.tests import HttpCase

from odoo.addons.dealer_management.tests.common import NO_CHECKS, CallKwMixin, DealerTestCommon


def form_token(case, url, name):
    """The one-time token ``name`` of the form on the page at ``url``, for the user logged in ``case`` (an HttpCase)."""
    response = case.url_open(url)
    case.assertEqual(response.status_code, 200)
    match = re.search(rf'name="{name}" value="([^"]+)"', response.text)
    case.assertTrue(match, f"no {name} on {url}")
    return match.group(1)


# the smallest content the upload check accepts as a JPEG image
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


class DealerPortalCase(CallKwMixin, DealerTestCommon, HttpCase):
    """Two dealers with a portal user each, orders, complaints and published announcements."""

    run_as_superuser = True  # the set-up acts as the administrator entering data (HttpCase's own user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the order checks are tested in dealer_management: orders here need no contract
        cls.grade_gold = cls.grade_core
        cls.grade_plain = cls.grade_regular
        (cls.grade_gold | cls.grade_plain).write(NO_CHECKS)
        cls.dealer_a = cls._create_dealer("Dealer Alpha", state="active", grade=cls.grade_gold)
        cls.dealer_b = cls._create_dealer("Dealer Beta", state="active", grade=cls.grade_plain)
        cls.portal_a = cls._create_portal_user(cls.dealer_a, "pr_portal_a", "Alice Alpha")
        cls.portal_b = cls._create_portal_user(cls.dealer_b, "pr_portal_b", "Bob Beta")
        cls.category = cls.env["dealer.complaint.category"].create({"name": "Quality PR", "sla_hours": 48})
        cls.product = cls.env["product.product"].create({"name": "Pump PR-1", "list_price": 50.0})
        cls.order_a, cls.order_b = cls.env["sale.order"].create([{
            "partner_id": dealer.id, "order_line": [Command.create({"product_id": cls.product.id})],
        } for dealer in (cls.dealer_a, cls.dealer_b)])
        (cls.order_a | cls.order_b).action_confirm()
        Complaint = cls.env["dealer.complaint"]
        cls.complaint_a = Complaint.create({
            "partner_id": cls.dealer_a.id, "category_id": cls.category.id, "description": "OWN-ALPHA-CASE",
        })
        cls.complaint_b = Complaint.create({
            "partner_id": cls.dealer_b.id, "category_id": cls.category.id, "description": "SECRET-BETA-CASE",
        })
        Announcement = cls.env["dealer.announcement"]
        cls.news_all = Announcement.create({"name": "Spring price list", "body": "<p>NEWS-FOR-ALL</p>"})
        cls.news_gold = Announcement.create({
            "name": "Gold promotion", "body": "<p>GOLD-ONLY</p>", "audience": "grade",
            "grade_ids": [Command.set(cls.grade_gold.ids)],
        })
        cls.news_all.attachment_ids = cls.env["ir.attachment"].create({
            "name": "pricelist.txt", "datas": base64.b64encode(b"PRICELIST-CONTENT"),
            "res_model": "dealer.announcement", "res_id": cls.news_all.id,
        })
        (cls.news_all | cls.news_gold).action_publish()

    def assertRpcRefused(self, error, exception, regex=None):
        """``error`` (a JSON-RPC error's data) is a refusal by ``exception``, its message matching ``regex``."""
        self.assertTrue(error, "the call was accepted")
        self.assertEqual(error["name"], f"odoo.exceptions.{exception}")
        if regex:
            self.assertRegex(error["message"], regex)
