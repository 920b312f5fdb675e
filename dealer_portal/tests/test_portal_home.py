"""/my as a dealer sees it once every portal branch is merged: one card per page, counters of its own dealer."""
import json
import re

from odoo.tests import tagged

from .common_forms import DealerFormsCase


@tagged("post_install", "-at_install")
class TestPortalHome(DealerFormsCase):

    def _counters(self, *names):
        response = self.url_open("/my/counters", data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {"counters": list(names)},
        }), headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def test_home_has_one_open_orders_card(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        page = self.url_open("/my").text
        # portal.portal_docs_entry: one link per card, titled with the card's title
        titles = re.findall(r'<a [^>]*title="Open orders"', page)
        self.assertEqual(len(titles), 1, "one 'Open orders' card on /my (the ordering and pages branches merged)")
        # every dealer page has one card (the counters of the alert row are cards of their own)
        for url in ("/my/catalog", "/my/cart", "/my/dealer", "/my/stock_reports"):
            with self.subTest(url=url):
                self.assertEqual(len(re.findall(rf'href="{re.escape(url)}"', page)), 1, url)

    def test_open_orders_counter_counts_the_own_dealer_only(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        own = self.env["sale.order"].search_count([
            ("partner_id", "child_of", self.dealer_a.id), ("state", "in", ("draft", "sent", "sale")),
            ("invoice_status", "!=", "invoiced"),
        ])
        self.assertGreater(own, 0, "dealer A has an open order (DealerFormsCase)")
        self.assertEqual(self._counters("dealer_open_order_count")["dealer_open_order_count"], own)
