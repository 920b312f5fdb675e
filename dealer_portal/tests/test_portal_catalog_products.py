import base64
import io
import re

from PIL import Image

from odoo import Command
from odoo.tests import tagged

from .common_ordering import DealerOrderingCase


def _png(color):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), color).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


@tagged("post_install", "-at_install")
class TestPortalCatalogProducts(DealerOrderingCase):
    """Only the products meant for dealers reach the catalog ("Sold to Dealers": goods by default, services only
    when ticked), each with its image or Odoo's placeholder, served to the portal user with a limited token."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        no_tax = {"taxes_id": [Command.clear()]}
        cls.ticket = Product.create({"name": "Fair Ticket", "default_code": "ORD-TICKET", "type": "service",
                                     "list_price": 21.0, **no_tax})
        cls.internal_part = Product.create({"name": "Workshop Rag", "default_code": "ORD-RAG", "type": "consu",
                                            "list_price": 2.0, "dealer_ok": False, **no_tax})
        cls.dealer_service = Product.create({"name": "Installation Service", "default_code": "ORD-INSTALL",
                                             "type": "service", "list_price": 30.0, "dealer_ok": True, **no_tax})
        cls.pump.image_1920 = _png((0, 94, 170))

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")

    def _image_url(self, html, code):
        return re.search(r'<img[^>]*src="([^"]+)"', self._row(html, code)).group(1).replace("&amp;", "&")

    def test_goods_are_sold_to_dealers_by_default_services_are_not(self):
        Template = self.env["product.template"]
        choice = self.env["product.combo"].create({
            "name": "Pump Choice", "combo_item_ids": [Command.create({"product_id": self.pump.id})],
        })
        goods, service, combo = Template.create([
            {"name": "Default Goods", "type": "consu"},
            {"name": "Default Service", "type": "service"},
            {"name": "Default Combo", "type": "combo", "combo_ids": [Command.set(choice.ids)]},
        ])
        self.assertRecordValues(goods | service | combo, [{"dealer_ok": True}, {"dealer_ok": False},
                                                          {"dealer_ok": False}])
        service.type = "consu"
        self.assertTrue(service.dealer_ok, "a service turned into goods follows the default")
        self.assertFalse(self.internal_part.dealer_ok, "the company's choice on create is kept")
        self.assertTrue(self.dealer_service.dealer_ok)

    def test_event_registration_is_not_sold_to_dealers(self):
        """Odoo's own Event Registration service (event_product, installed with the trainings) stays off."""
        event_product = self.env.ref("event_product.product_product_event", raise_if_not_found=False)
        if not event_product:
            self.skipTest("event_product is not installed")
        self.assertFalse(event_product.dealer_ok)
        self.assertNotIn(event_product.display_name, self.url_open("/my/catalog").text)

    def test_catalog_lists_only_products_for_dealers(self):
        html = self.url_open("/my/catalog").text
        self.assertTrue(self._row(html, "ORD-PUMP"))
        self.assertTrue(self._row(html, "ORD-INSTALL"), "a service the company ticked for dealers is offered")
        for code in ("ORD-TICKET", "ORD-RAG"):
            self.assertIsNone(self._row(html, code), f"{code} is not for dealers")

    def test_products_not_for_dealers_cannot_be_ordered_any_way(self):
        counts = self._counts()
        for product in (self.ticket, self.internal_part):
            response = self._post("/my/cart/add", product_id=product.id, quantity="1")
            self.assertIn("cannot be ordered by your dealer", response.text)
        response = self._quick_order("ORD-TICKET 1\nORD-RAG 2")
        self.assertIn("ORD-TICKET", response.text)
        self.assertIn("ORD-RAG", response.text)
        self.assertNotIn("o_dealer_cart_line", self.url_open("/my/cart").text, "nothing reached the cart")
        self.assertEqual(self._counts(), counts)

    def test_catalog_shows_the_image_or_the_placeholder(self):
        html = self.url_open("/my/catalog").text
        pump_url = self._image_url(html, "ORD-PUMP")
        self.assertIn(f"/web/image/product.product/{self.pump.id}/image_128?access_token=", pump_url)
        pump = self.url_open(pump_url)
        self.assertEqual(pump.status_code, 200)
        self.assertEqual(pump.content, base64.b64decode(self.pump.image_128), "the product's own image")
        valve = self.url_open(self._image_url(html, "ORD-VALVE"))
        self.assertEqual(valve.status_code, 200)
        self.assertTrue(valve.headers["Content-Type"].startswith("image/"), "a placeholder image")
        self.assertNotEqual(valve.content, pump.content)

    def test_image_token_opens_that_product_only(self):
        """The token is for one field of one product: moved to another product it gives the placeholder only."""
        self.internal_part.image_1920 = _png((200, 0, 0))
        token = self._image_url(self.url_open("/my/catalog").text, "ORD-PUMP").split("access_token=")[1]
        stolen = self.url_open(f"/web/image/product.product/{self.internal_part.id}/image_128?access_token={token}")
        self.assertNotEqual(stolen.content, base64.b64decode(self.internal_part.image_128))
        other_field = self.url_open(f"/web/image/product.product/{self.pump.id}/image_1920?access_token={token}")
        self.assertNotEqual(other_field.content, base64.b64decode(self.pump.image_1920))
