import base64

from odoo import Command
from odoo.tests import HttpCase, new_test_user

# the smallest content the upload check accepts as a JPEG image
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


class DealerPortalCase(HttpCase):
    """Two dealers with a portal user each, orders, complaints and published announcements."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # the order checks are tested in dealer_management: orders here need no contract
        cls.grade_gold = cls.env["dealer.grade"].create({"name": "Gold", "code": "PR_G", "check_contract": False, "check_floor_price": False, "check_credit": False, "check_territory": False})
        cls.dealer_a = Partner.create({
            "name": "Dealer Alpha", "is_company": True, "is_dealer": True, "dealer_state": "active",
            "dealer_grade_id": cls.grade_gold.id,
        })
        cls.grade_plain = cls.env["dealer.grade"].create({"name": "Plain", "code": "PR_P", "check_contract": False, "check_floor_price": False, "check_credit": False, "check_territory": False})
        cls.dealer_b = Partner.create({
            "name": "Dealer Beta", "is_company": True, "is_dealer": True, "dealer_state": "active",
            "dealer_grade_id": cls.grade_plain.id,
        })
        cls.portal_a = new_test_user(
            cls.env, "pr_portal_a", groups="base.group_portal",
            partner_id=Partner.create({"name": "Alice Alpha", "parent_id": cls.dealer_a.id}).id,
        )
        cls.portal_b = new_test_user(
            cls.env, "pr_portal_b", groups="base.group_portal",
            partner_id=Partner.create({"name": "Bob Beta", "parent_id": cls.dealer_b.id}).id,
        )
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

