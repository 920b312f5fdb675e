from odoo.tests import tagged

from .common import PortalSelloutCase

FORM = "/my/sellouts/new"
SCRIPT = "<script>alert('x')</script>"


@tagged("post_install", "-at_install")
class TestPortalSellout(PortalSelloutCase):
    """Retail sales on the portal: the list and pages of the dealer's (and sub-dealers') sales, the form of one sale."""

    def _sale(self, **values):
        """Post the form of one sale of the vehicle (a fresh one-time token unless ``token`` is given)."""
        token = values.pop("token", None) or self._token(FORM, "form_token")
        data = {
            "date": "2026-11-02", "product_id": str(self.vehicle.id), "serial": "VIN-P-001", "quantity": "1",
            "price_unit": "120000", "customer_name": "Zhang San", "customer_phone": "13800000000",
            "state_id": str(self.state_zj.id), "city": "杭州", "address": "西湖区 1 号", **values,
        }
        return self._post(FORM, data, token_name="form_token", token=token)

    def _portal_sales(self):
        return self.Sellout.search([("source", "=", "portal")])

    # ------------------------------------------------------------------ list and detail
    def test_list_shows_own_sales_only(self):
        self.authenticate("so_portal_b", "so_portal_b")
        response = self.url_open("/my/sellouts")
        self.assertEqual(response.status_code, 200)
        self.assertIn("BETA-SECRET", response.text)
        self.assertNotIn("ALPHA-BUYER", response.text)
        self.assertNotIn("SUB-DEALER-BUYER", response.text)

    def test_distributor_reads_sub_dealer_sales(self):
        self.authenticate("so_portal_a", "so_portal_a")
        response = self.url_open("/my/sellouts")
        self.assertIn("ALPHA-BUYER", response.text)
        self.assertIn("SUB-DEALER-BUYER", response.text)
        self.assertNotIn("BETA-SECRET", response.text)
        page = self.url_open(f"/my/sellouts/{self.sale_a1.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("SUB-DEALER-BUYER", page.text)

    def test_sub_dealer_does_not_read_distributor_sales(self):
        self.authenticate("so_portal_a1", "so_portal_a1")
        response = self.url_open("/my/sellouts")
        self.assertIn("SUB-DEALER-BUYER", response.text)
        self.assertNotIn("ALPHA-BUYER", response.text)
        page = self.url_open(f"/my/sellouts/{self.sale_a.id}")
        self.assertNotIn("ALPHA-BUYER", page.text)
        self.assertTrue(page.url.endswith("/my/sellouts"), "redirected to the list")

    def test_other_dealer_sale_page_redirects(self):
        self.authenticate("so_portal_a", "so_portal_a")
        for sellout_id in (self.sale_b.id, 999999):
            response = self.url_open(f"/my/sellouts/{sellout_id}")
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.url.endswith("/my/sellouts"))
            self.assertNotIn("BETA-SECRET", response.text)

    def test_home_counts_sales(self):
        self.authenticate("so_portal_a", "so_portal_a")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["dealer_sellout_count"]})
        self.assertEqual(counters["dealer_sellout_count"], 2, "its own sale and its sub-dealer's")

    # ------------------------------------------------------------------ one sale
    def test_form_lists_products_and_unsold_serials(self):
        self.authenticate("so_portal_a", "so_portal_a")
        response = self.url_open(FORM)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Vehicle X1", response.text)
        self.assertIn("Floor Mat", response.text)
        self.assertIn("VIN-P-002", response.text)
        self.assertNotIn("VIN-P-101", response.text, "the serials of another dealer are not offered")

    def test_report_serialised_sale(self):
        self.authenticate("so_portal_a", "so_portal_a")
        response = self._sale()
        self.assertEqual(response.status_code, 200)
        sale = self._portal_sales()
        self.assertEqual(len(sale), 1)
        self.assertTrue(response.url.endswith(f"/my/sellouts/{sale.id}?recorded=1"))
        self.assertIn("Your retail sale was recorded.", response.text)
        self.assertRecordValues(sale, [{
            "dealer_id": self.dealer_a.id, "product_id": self.vehicle.id, "lot_id": self.lots_a[0].id,
            "lot_name": "VIN-P-001", "quantity": 1.0, "price_unit": 120000.0, "state": "draft",
            "customer_name": "Zhang San", "customer_state_id": self.state_zj.id, "customer_city": "杭州",
            "company_id": self.company.id,
        }])

    def test_negative_quantity_refused(self):
        self.authenticate("so_portal_a", "so_portal_a")
        response = self._sale(product_id=str(self.accessory.id), serial="", quantity="-3", price_unit="100")
        self.assertPageError(response, "The quantity must be positive.")
        self.assertFalse(self._portal_sales())

    def test_text_in_number_refused(self):
        self.authenticate("so_portal_a", "so_portal_a")
        response = self._sale(price_unit="a lot")
        self.assertPageError(response, "is not a number")
        self.assertFalse(self._portal_sales())

    def test_unknown_serial_refused(self):
        self.authenticate("so_portal_a", "so_portal_a")
        response = self._sale(serial="VIN-NOPE-999")
        self.assertPageError(response, "Serial/VIN VIN-NOPE-999 is not a serial of")
        self.assertFalse(self._portal_sales())

    def test_product_not_sold_by_dealer_refused(self):
        product = self._create_product(name="Secret Prototype", lst_price=10.0)
        self.authenticate("so_portal_a", "so_portal_a")
        response = self._sale(product_id=str(product.id), serial="")
        self.assertPageError(response, "Choose one of the listed products.")
        self.assertFalse(self._portal_sales())

    def test_future_date_refused(self):
        self.authenticate("so_portal_a", "so_portal_a")
        response = self._sale(date="2999-01-01")
        self.assertPageError(response, "is in the future")
        self.assertFalse(self._portal_sales())

    def test_missing_customer_and_province_refused(self):
        self.authenticate("so_portal_a", "so_portal_a")
        response = self._sale(customer_name=" ", state_id="")
        self.assertPageError(
            response, "Enter the name of the end customer.", "Choose the province of the end customer.",
        )
        self.assertFalse(self._portal_sales())

    def test_other_dealer_serial_recorded_for_the_check(self):
        """A serial delivered to another dealer is recorded (the back office's confirmation flags it as goods of
        another dealer) without telling the dealer anything about the other dealer."""
        self.authenticate("so_portal_a", "so_portal_a")
        response = self._sale(serial="VIN-P-101")
        self.assertEqual(response.status_code, 200)
        sale = self._portal_sales()
        self.assertEqual(sale.lot_id, self.lot_b)
        self.assertNotIn(self.dealer_b.name, response.text)
        sale.action_confirm()  # by the back office (administrator)
        self.assertEqual(sale.serial_status, "other_dealer")

    def test_script_in_text_is_escaped(self):
        self.authenticate("so_portal_a", "so_portal_a")
        response = self._sale(customer_name=SCRIPT, address=SCRIPT)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._portal_sales().customer_name, SCRIPT)
        self.assertNotIn(SCRIPT, response.text)
        self.assertIn("&lt;script&gt;", response.text)
        # the same on the form shown again with an error
        response = self._sale(customer_name=SCRIPT, quantity="-1")
        self.assertNotIn(SCRIPT, response.text)

    def test_replayed_form_records_once(self):
        self.authenticate("so_portal_a", "so_portal_a")
        token = self._token(FORM, "form_token")
        self._sale(token=token)
        response = self._sale(token=token, serial="VIN-P-002")
        self.assertPageError(response, "This form was already submitted")
        self.assertEqual(len(self._portal_sales()), 1)

    def test_missing_token_refused(self):
        self.authenticate("so_portal_a", "so_portal_a")
        self._token(FORM, "form_token")
        response = self._sale(token="forged")
        self.assertPageError(response, "This form was already submitted")
        self.assertFalse(self._portal_sales())

    def test_wrong_form_keeps_token(self):
        """A form refused for a wrong line can be corrected and sent again."""
        self.authenticate("so_portal_a", "so_portal_a")
        token = self._token(FORM, "form_token")
        self.assertPageError(self._sale(token=token, quantity="-1"), "The quantity must be positive.")
        self._sale(token=token)
        self.assertEqual(len(self._portal_sales()), 1)

    def test_suspended_dealer_cannot_report(self):
        self.dealer_b.with_user(self.dealer_manager).action_dealer_suspend()
        self.authenticate("so_portal_b", "so_portal_b")
        response = self._sale(product_id=str(self.accessory.id), serial="", price_unit="100")
        self.assertPageError(response, "only an active dealer&#39;s retail sales are recorded")
        self.assertFalse(self._portal_sales())
