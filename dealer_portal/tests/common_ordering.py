import base64
import io
import re
from datetime import timedelta

from PIL import Image

from odoo import Command, fields, http

from .common import DealerPortalCase


def signature_png():
    """A drawn signature, as the portal's signature pad sends it (base64 PNG)."""
    stream = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(stream, format="PNG")
    return base64.b64encode(stream.getvalue()).decode()


class DealerOrderingCase(DealerPortalCase):
    """DealerPortalCase plus a catalog: dealer A (grade gold) buys at its pricelist's net prices.

    Products (codes): ORD-PUMP (new, 100 → 90 net), ORD-VALVE (created 100 days ago, 50 → 45 net), ORD-PROMO
    (a dated rule of A's pricelist: 70), ORD-PLAIN (plain grade only: B may buy it, A may not), ORD-NOSALE (not
    for sale), ORD-OTHERCO (another company's). Grade gold confirms portal orders automatically and checks the
    credit (A's credit limit: 1,000); grade plain leaves them for the back office.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        cls.grade_gold.write({"portal_auto_confirm": True, "check_credit": True})
        cls.grade_plain.portal_auto_confirm = False
        Product = cls.env["product.product"]
        no_tax = {"taxes_id": [Command.clear()], "type": "consu"}
        cls.pump, cls.valve, cls.promo = Product.create([
            {"name": "Ordering Pump", "default_code": "ORD-PUMP", "list_price": 100.0, **no_tax},
            {"name": "Ordering Valve", "default_code": "ORD-VALVE", "list_price": 50.0, **no_tax},
            {"name": "Ordering Promo", "default_code": "ORD-PROMO", "list_price": 80.0, **no_tax},
        ])
        cls.plain_only = Product.create({
            "name": "Plain Only", "default_code": "ORD-PLAIN", "list_price": 10.0,
            "dealer_grade_ids": [Command.set(cls.grade_plain.ids)], **no_tax,
        })
        cls.not_for_sale = Product.create({
            "name": "Not For Sale", "default_code": "ORD-NOSALE", "list_price": 10.0, "sale_ok": False, **no_tax,
        })
        cls.other_company = cls.env["res.company"].create({"name": "Other Ordering Co"})
        cls.other_company_product = Product.create({
            "name": "Other Company Thing", "default_code": "ORD-OTHERCO", "list_price": 10.0,
            "company_id": cls.other_company.id, **no_tax,
        })
        Product.flush_model()
        cls.env.cr.execute(
            "UPDATE product_product SET create_date = %s WHERE id = %s", (now - timedelta(days=100), cls.valve.id))
        cls.env.cr.execute(
            "UPDATE product_template SET create_date = %s WHERE id = %s",
            (now - timedelta(days=100), cls.valve.product_tmpl_id.id),
        )
        cls.valve.invalidate_recordset(["create_date"])
        cls.pricelist = cls.env["product.pricelist"].create({
            "name": "Dealer Net Ordering",
            "item_ids": [
                Command.create({
                    "applied_on": "1_product", "product_tmpl_id": cls.promo.product_tmpl_id.id,
                    "compute_price": "fixed", "fixed_price": 70.0,
                    "date_start": now - timedelta(days=1), "date_end": now + timedelta(days=5),
                }),
                Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 10.0}),
            ],
        })
        cls.dealer_a.property_product_pricelist = cls.pricelist
        cls.dealer_a.credit_limit = 1000.0
        cls.dealer_a.user_id = cls.salesman
        cls.dealer_b.user_id = cls.salesman
        cls.delivery_a = cls.Partner.create({
            "name": "Alpha Warehouse", "parent_id": cls.dealer_a.id, "type": "delivery", "city": "杭州市",
        })
        cls.delivery_b = cls.Partner.create({
            "name": "Beta Warehouse", "parent_id": cls.dealer_b.id, "type": "delivery", "city": "苏州",
        })

    # ------------------------------------------------------------------ helpers
    def _row(self, html, code):
        """The catalog row of the product with this code (its HTML), or None."""
        match = re.search(rf'<tr[^>]*data-code="{re.escape(code)}".*?</tr>', html, re.S)
        return match and match.group(0)

    def _card(self, html, code):
        """The phone layout's card of the product with this code (its HTML up to the next card), or None."""
        match = re.search(rf'<div[^>]*o_dealer_catalog_card"[^>]*data-code="{re.escape(code)}".*?(?=<div[^>]*'
                          rf'o_dealer_catalog_card"|<div[^>]*o_dealer_catalog_table")', html, re.S)
        return match and match.group(0)

    def _csrf(self):
        return http.Request.csrf_token(self)

    def _post(self, url, **data):
        return self.url_open(url, data={"csrf_token": self._csrf(), **data})

    def _quick_order(self, text):
        return self._post("/my/cart/quick", lines=text)

    def _cart_token(self):
        """The one-time token of the cart page, as the browser would read it."""
        response = self.url_open("/my/cart")
        marker = 'name="cart_token" value="'
        start = response.text.index(marker) + len(marker)
        return response.text[start:response.text.index('"', start)]

    def _submit(self, token=None, **data):
        return self._post("/my/cart/submit", cart_token=token or self._cart_token(), **data)

    def _counts(self):
        """Counts of what a submission writes (what a refused one must leave as it was)."""
        self.env.cr.precommit.run()  # the tracking messages of the test's own changes, written at commit
        self.env.invalidate_all()
        return {
            model: self.env[model].sudo().search_count([])
            for model in ("sale.order", "sale.order.line", "mail.message", "mail.activity")
        }

    def _orders_of(self, dealer):
        self.env.invalidate_all()
        return self.env["sale.order"].search([("partner_id", "=", dealer.id), ("dealer_portal_submitted", "=", True)])

    def _submitted_quotation(self):
        """A quotation dealer A (logged in) submitted on the portal, waiting for the back office."""
        self.grade_gold.portal_auto_confirm = False
        self._quick_order("ORD-PUMP 2")
        self._submit()
        order = self._orders_of(self.dealer_a)
        self.assertEqual(order.state, "draft")
        return order
