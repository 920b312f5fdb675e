"""Attacks on retail sales and forecasts, made as a dealer's portal user would: JSON-RPC calls and form posts."""
from odoo.tests import JsonRpcException, tagged

from .common import PortalSelloutCase

ACCESS_ERROR = r"odoo\.exceptions\.AccessError"


@tagged("post_install", "-at_install")
class TestSecurityPortalSellout(PortalSelloutCase):

    def setUp(self):
        super().setUp()
        self.authenticate("so_portal_a", "so_portal_a")

    def _sale_vals(self, **values):
        return {"dealer_id": self.dealer_a.id, "product_id": self.accessory.id, "quantity": 1, "price_unit": 150.0,
                "customer_name": "RPC", **values}

    def test_portal_cannot_create_sellout_over_rpc(self):
        before = self._count()
        for context in ({}, {"default_state": "confirmed"}, {"default_source": "backoffice"}):
            with self.subTest(context=context), self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
                self._rpc("dealer.sellout", "create", [self._sale_vals()], context=context)
        self.assertEqual(self._count(), before)

    def test_portal_cannot_create_sale_of_other_dealer_over_rpc(self):
        before = self._count()
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self._rpc("dealer.sellout", "create", [self._sale_vals(dealer_id=self.dealer_b.id)])
        self.assertEqual(self._count(), before)

    def test_portal_cannot_call_checked_batch_over_rpc(self):
        before = self._count()
        for method in ("_dealer_sellout_create_checked", "_dealer_portal_submit"):
            with self.subTest(method=method), self.assertRaises(JsonRpcException):
                self._rpc("dealer.sellout", method, [[self._sale_vals()]])
        self.assertEqual(self._count(), before)

    def test_portal_cannot_write_or_confirm_own_sale_over_rpc(self):
        for method, args in (("write", [self.sale_a.ids, {"price_unit": 1.0}]), ("action_confirm", [self.sale_a.ids]),
                             ("unlink", [self.sale_a.ids])):
            with self.subTest(method=method), self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
                self._rpc("dealer.sellout", method, args)
        self.sale_a.invalidate_recordset()
        self.assertRecordValues(self.sale_a, [{"price_unit": 150.0, "state": "draft"}])

    def test_portal_cannot_read_other_dealer_sale_over_rpc(self):
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self._rpc("dealer.sellout", "read", [self.sale_b.ids, ["customer_name"]])
        records = self._rpc("dealer.sellout", "search_read", [[], ["dealer_id"]])
        self.assertEqual({record["id"] for record in records}, {self.sale_a.id, self.sale_a1.id})

    def test_sub_dealer_cannot_read_distributor_sale_over_rpc(self):
        self.authenticate("so_portal_a1", "so_portal_a1")
        records = self._rpc("dealer.sellout", "search_read", [[], ["customer_name"]])
        self.assertEqual([record["id"] for record in records], self.sale_a1.ids)

    def test_distributor_cannot_write_sub_dealer_sale_over_rpc(self):
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self._rpc("dealer.sellout", "write", [self.sale_a1.ids, {"customer_name": "CHANGED"}])
        self.sale_a1.invalidate_recordset()
        self.assertEqual(self.sale_a1.customer_name, "SUB-DEALER-BUYER")

    def test_portal_cannot_create_or_write_forecast_over_rpc(self):
        Forecast = self.env["dealer.sellout.forecast"]
        forecast = Forecast.sudo().create({
            "dealer_id": self.dealer_a.id, "product_id": self.accessory.id, "month": "2026-01-01", "quantity": 5,
        })
        before = self._count("dealer.sellout.forecast")
        vals = {"dealer_id": self.dealer_b.id, "product_id": self.accessory.id, "month": "2026-02-01", "quantity": 1}
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self._rpc("dealer.sellout.forecast", "create", [vals])
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self._rpc("dealer.sellout.forecast", "write", [forecast.ids, {"quantity": 500}])
        with self.assertRaises(JsonRpcException):
            self._rpc("dealer.sellout.forecast", "_dealer_forecast_submit", [self.dealer_b.id, []])
        self.assertEqual(self._count("dealer.sellout.forecast"), before)
        forecast.invalidate_recordset()
        self.assertEqual(forecast.quantity, 5.0)

    def test_portal_cannot_read_other_dealer_forecast_over_rpc(self):
        forecast_b = self.env["dealer.sellout.forecast"].sudo().create({
            "dealer_id": self.dealer_b.id, "product_id": self.accessory.id, "month": "2026-01-01", "quantity": 5,
        })
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self._rpc("dealer.sellout.forecast", "read", [forecast_b.ids, ["quantity"]])
        self.assertFalse(self._rpc("dealer.sellout.forecast", "search_read", [[], ["quantity"]]))

    def test_form_ignores_dealer_and_state_posted(self):
        """The route sets the dealer and the draft state itself: posted dealer_id, state or source are ignored."""
        token = self._token("/my/sellouts/new", "form_token")
        self._post("/my/sellouts/new", {
            "date": "2026-11-02", "product_id": str(self.accessory.id), "quantity": "1", "price_unit": "150",
            "customer_name": "Posted", "state_id": str(self.state_zj.id), "dealer_id": str(self.dealer_b.id),
            "state": "confirmed", "source": "backoffice", "company_id": "999",
        }, token_name="form_token", token=token)
        sale = self.Sellout.search([("customer_name", "=", "Posted")])
        self.assertRecordValues(sale, [{"dealer_id": self.dealer_a.id, "state": "draft", "source": "portal",
                                        "company_id": self.company.id}])

    def test_other_dealer_product_id_refused(self):
        """A product id the dealer does not sell (typed into the form) is refused, nothing recorded."""
        product = self._create_product(name="Other Line", lst_price=10.0)
        token = self._token("/my/sellouts/new", "form_token")
        response = self._post("/my/sellouts/new", {
            "date": "2026-11-02", "product_id": str(product.id), "quantity": "1", "price_unit": "10",
            "customer_name": "X", "state_id": str(self.state_zj.id),
        }, token_name="form_token", token=token)
        self.assertPageError(response, "Choose one of the listed products.")
        self.assertFalse(self.Sellout.search([("product_id", "=", product.id)]))

    def test_templates_need_a_dealer(self):
        self.authenticate(None, None)
        response = self.url_open("/my/sellouts/template.csv", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers.get("Location", ""))

    def test_portal_user_of_no_dealer_gets_pages_and_records_nothing(self):
        """A portal customer who is no dealer's contact: every page answers (no error), nothing is recorded."""
        customer = self.Partner.create({"name": "Plain Customer Ltd", "is_company": True})
        self._create_portal_user(customer, "so_portal_plain")
        self.authenticate("so_portal_plain", "so_portal_plain")
        before = (self._count(), self._count("dealer.sellout.forecast"))
        for url in ("/my/sellouts", "/my/sellouts/new", "/my/sellouts/upload", "/my/forecasts",
                    f"/my/sellouts/{self.sale_a.id}"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("ALPHA-BUYER", response.text)
        for url in ("/my/sellouts/new", "/my/sellouts/upload", "/my/forecasts", "/my/forecasts/upload"):
            with self.subTest(post=url):
                response = self._post(url, {"product_id": str(self.accessory.id), "quantity": "1",
                                            "price_unit": "1", "customer_name": "X"})
                self.assertEqual(response.status_code, 200)
        self.assertEqual(self.url_open("/my/sellouts/template.csv").status_code, 404)
        self.assertEqual((self._count(), self._count("dealer.sellout.forecast")), before)
