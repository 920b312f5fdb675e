import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common_ordering import DealerOrderingCase


@tagged("post_install", "-at_install")
class TestPortalCatalog(DealerOrderingCase):

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")

    def test_catalog_lists_what_the_dealer_may_buy_at_net_prices(self):
        response = self.url_open("/my/catalog")
        self.assertEqual(response.status_code, 200)
        self.assertIn("90.00", self._row(response.text, "ORD-PUMP"))
        self.assertIn("45.00", self._row(response.text, "ORD-VALVE"))
        self.assertIn("70.00", self._row(response.text, "ORD-PROMO"))
        for code in ("ORD-PLAIN", "ORD-NOSALE", "ORD-OTHERCO"):
            self.assertIsNone(self._row(response.text, code), f"{code} must not be offered to dealer A")

    def test_catalog_follows_the_grade_restriction(self):
        self.authenticate("pr_portal_b", "pr_portal_b")
        response = self.url_open("/my/catalog")
        self.assertTrue(self._row(response.text, "ORD-PLAIN"), "dealer B's grade may buy ORD-PLAIN")
        self.assertIn("10.00", self._row(response.text, "ORD-PLAIN"))

    def test_catalog_flags_promotions_and_new_products(self):
        html = self.url_open("/my/catalog").text
        self.assertIn("o_dealer_promotion", self._row(html, "ORD-PROMO"))
        self.assertNotIn("o_dealer_promotion", self._row(html, "ORD-PUMP"))
        self.assertIn("o_dealer_new", self._row(html, "ORD-PUMP"))
        self.assertNotIn("o_dealer_new", self._row(html, "ORD-VALVE"), "created 100 days ago: not new")
        self.env["ir.config_parameter"].sudo().set_param("dealer_portal.new_product_days", "365")
        self.assertIn("o_dealer_new", self._row(self.url_open("/my/catalog").text, "ORD-VALVE"))

    def test_catalog_search_and_category_filter(self):
        html = self.url_open("/my/catalog?search=valve").text
        self.assertTrue(self._row(html, "ORD-VALVE"))
        self.assertIsNone(self._row(html, "ORD-PUMP"))
        html = self.url_open("/my/catalog?search=ORD-PU").text
        self.assertTrue(self._row(html, "ORD-PUMP"))
        self.assertIsNone(self._row(html, "ORD-VALVE"))
        category = self.env["product.category"].create({"name": "Ordering Valves"})
        self.valve.categ_id = category
        html = self.url_open(f"/my/catalog?category={category.id}").text
        self.assertTrue(self._row(html, "ORD-VALVE"))
        self.assertIsNone(self._row(html, "ORD-PUMP"))

    def test_catalog_bad_parameters_never_fail(self):
        for url in ("/my/catalog?category=abc", "/my/catalog?category=999999", "/my/catalog/page/999",
                    "/my/catalog?search=%3Cscript%3Ealert(1)%3C/script%3E"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNotIn("<script>alert(1)</script>", response.text)

    def test_catalog_pager(self):
        self.env["product.product"].create([
            {"name": f"Pager Product {index:02d}", "default_code": f"PAGER-{index:02d}"} for index in range(25)
        ])
        html = self.url_open("/my/catalog?search=PAGER").text
        self.assertIn("/my/catalog/page/2", html)
        html = self.url_open("/my/catalog/page/2?search=PAGER").text
        self.assertTrue(self._row(html, "PAGER-24"))
        self.assertIsNone(self._row(html, "PAGER-00"))

    def test_catalog_cards_on_phones_table_on_larger_screens(self):
        """Issue 15: at 390 px the table was 616 px wide. Each product also has a card (image, full name, net price,
        quantity, Add) in a block shown below Bootstrap's md breakpoint only; the table is shown from it on only."""
        html = self.url_open("/my/catalog").text
        self.assertRegex(html, r'<div class="d-md-none o_dealer_catalog_cards">')
        self.assertRegex(html, r'<div class="table-responsive[^"]*\bd-none d-md-block\b[^"]*o_dealer_catalog_table')
        for code, price in (("ORD-PUMP", "90.00"), ("ORD-VALVE", "45.00"), ("ORD-PROMO", "70.00")):
            card, row = self._card(html, code), self._row(html, code)
            self.assertTrue(card and row, code)
            product = self.env["product.product"].search([("default_code", "=", code)])
            for layout in (card, row):
                self.assertIn(price, layout)
                self.assertIn(f'name="product_id" value="{product.id}"', layout)
                self.assertIn('name="quantity"', layout)
                self.assertIn("o_dealer_add", layout)
                self.assertIn(f"/web/image/product.product/{product.id}/image_128", layout)
            self.assertRegex(card, rf'text-break o_dealer_card_name">\s*{re.escape(product.display_name)}',
                             "the full name, wrapped rather than cut")
        self.assertIn("o_dealer_promotion", self._card(html, "ORD-PROMO"))
        self.assertIn("o_dealer_new", self._card(html, "ORD-PUMP"))
        for code in ("ORD-PLAIN", "ORD-NOSALE", "ORD-OTHERCO"):
            self.assertIsNone(self._card(html, code), f"{code} must not be offered to dealer A")

    def test_catalog_for_a_user_of_no_dealer(self):
        partner = self.Partner.create({"name": "Just A Customer"})
        self._create_portal_user(partner, "pr_customer_only")
        self.authenticate("pr_customer_only", "pr_customer_only")
        response = self.url_open("/my/catalog")
        self.assertEqual(response.status_code, 200)
        self.assertIn("The catalog is for the people of our dealers.", response.text)
        self.assertIsNone(self._row(response.text, "ORD-PUMP"))


@tagged("post_install", "-at_install")
class TestPortalCart(DealerOrderingCase):

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")

    def _cart_products(self):
        html = self.url_open("/my/cart").text
        return {product.default_code for product in (self.pump | self.valve | self.promo | self.product)
                if product.display_name in html and "o_dealer_cart_line" in html}

    def test_add_from_catalog(self):
        counts = self._counts()
        response = self._post("/my/cart/add", product_id=self.pump.id, quantity="3", redirect="/my/catalog?search=p")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/catalog", response.url)
        self.assertIn("In cart: 3.0", response.text)
        self.assertEqual(self._cart_products(), {"ORD-PUMP"})
        self.assertEqual(self._counts(), counts, "nothing is written before the submission")

    def test_add_from_catalog_says_so_once(self):
        """Back on the catalog, at the product's card, the page says what was added and how many products the cart
        holds (on both layouts: one message fixed at the bottom of the screen); the next page says nothing."""
        self._post("/my/cart/add", product_id=self.valve.id, quantity="1", redirect="/my/catalog")
        response = self._post("/my/cart/add", product_id=self.pump.id, quantity="2.5",
                              redirect="/my/catalog?search=ORD#elsewhere")
        self.assertEqual(response.history[0].headers["Location"].split("/my/", 1)[1],
                         f"catalog?search=ORD#dealer-product-{self.pump.id}")
        self.assertIn(f'id="dealer-product-{self.pump.id}"', self._card(response.text, "ORD-PUMP"))
        message = re.search(r'<div[^>]*o_dealer_cart_added".*?</div>', response.text, re.S).group(0)
        self.assertIn("position-fixed", message)
        self.assertIn("2.5 × [ORD-PUMP] Ordering Pump added to your cart. Products in your cart: 2.", message)
        self.assertIn('href="/my/cart"', message)
        self.assertNotIn("o_dealer_cart_added", self.url_open("/my/catalog").text, "said once")

    def test_add_refused_says_nothing_was_added(self):
        response = self._post("/my/cart/add", product_id=self.pump.id, quantity="abc", redirect="/my/catalog")
        self.assertIn("Give a quantity above 0", response.text)
        response = self._post("/my/cart/add", product_id=self.plain_only.id, quantity="1", redirect="/my/catalog")
        self.assertIn("cannot be ordered by your dealer", response.text)
        html = self.url_open("/my/catalog").text
        self.assertNotIn("o_dealer_cart_added", html)
        self.assertNotIn("In cart:", html)

    def test_add_refuses_bad_quantities_and_forbidden_products(self):
        cases = [
            ({"product_id": self.pump.id, "quantity": "-2"}, "Give a quantity above 0"),
            ({"product_id": self.pump.id, "quantity": "1e9"}, "Give a quantity above 0"),
            ({"product_id": self.pump.id, "quantity": "abc"}, "Give a quantity above 0"),
            ({"product_id": self.pump.id, "quantity": "nan"}, "Give a quantity above 0"),
            ({"product_id": self.plain_only.id, "quantity": "1"}, "cannot be ordered by your dealer"),
            ({"product_id": self.not_for_sale.id, "quantity": "1"}, "cannot be ordered by your dealer"),
            ({"product_id": "abc", "quantity": "1"}, "cannot be ordered by your dealer"),
        ]
        for data, message in cases:
            response = self._post("/my/cart/add", **data)
            self.assertEqual(response.status_code, 200, data)
            self.assertIn(message, response.text, data)
        self.assertEqual(self._cart_products(), set(), "nothing was added")

    def test_quick_order_adds_every_line(self):
        response = self._quick_order("ORD-PUMP 3\n\nORD-VALVE\t2\nORD-PUMP,1\n")
        self.assertEqual(response.status_code, 200)
        self.assertIn("The products were added to your cart.", response.text)
        self.assertEqual(self._cart_products(), {"ORD-PUMP", "ORD-VALVE"})
        self.assertIn('value="4.0"', response.text, "the pump's two lines add up")

    def test_quick_order_lists_every_wrong_line_and_adds_nothing(self):
        text = "ORD-PUMP 2\nORD-VALVE -1\nNOPE-404 2\nORD-PLAIN 1\nORD-NOSALE 1\nORD-VALVE 1000000\nORD-PUMP abc\njunk"
        response = self._quick_order(text)
        self.assertEqual(response.status_code, 200)
        for message in (
            "Line 2: -1 is not a valid quantity for ORD-VALVE",
            "Line 3: unknown product code NOPE-404: use a code of the catalog.",
            "Line 4: unknown product code ORD-PLAIN: use a code of the catalog.",
            "Line 5: unknown product code ORD-NOSALE: use a code of the catalog.",
            "Line 6: 1000000 is not a valid quantity for ORD-VALVE",
            "Line 7: abc is not a valid quantity for ORD-PUMP",
            "Line 8: write a product code and a quantity",
        ):
            self.assertIn(message, response.text)
        self.assertNotIn("Line 1:", response.text)
        self.assertIn("NOPE-404 2", response.text, "the pasted text is kept for correction")
        self.assertEqual(self._cart_products(), set(), "nothing added when any line is wrong")

    def test_quick_order_script_is_rendered_escaped(self):
        response = self._quick_order("<script>alert('x')</script> 1")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("<script>alert('x')</script>", response.text)
        self.assertIn("&lt;script&gt;", response.text)

    def test_update_and_remove_cart_lines(self):
        self._quick_order("ORD-PUMP 3\nORD-VALVE 2")
        response = self._post("/my/cart/update", product_id=self.pump.id, quantity="-5")
        self.assertIn("Give a quantity above 0", response.text)
        self._post("/my/cart/update", product_id=self.pump.id, quantity="7")
        self.assertIn('value="7.0"', self.url_open("/my/cart").text)
        self._post("/my/cart/update", product_id=self.valve.id, quantity="1", remove="1")
        self.assertEqual(self._cart_products(), {"ORD-PUMP"})

    def test_reorder_puts_the_orderable_lines_in_the_cart(self):
        archived = self.env["product.product"].create({"name": "Discontinued Pump", "default_code": "ORD-OLD"})
        order = self.env["sale.order"].create({"partner_id": self.dealer_a.id, "order_line": [
            Command.create({"product_id": self.pump.id, "product_uom_qty": 2}),
            Command.create({"product_id": archived.id, "product_uom_qty": 1}),
        ]})
        order.action_confirm()
        archived.action_archive()
        response = self._post(f"/my/orders/{order.id}/reorder")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"The products of order {order.name} were added to your cart.", response.text)
        self.assertIn("Discontinued Pump can no longer be ordered: it was left out.", response.text)
        self.assertEqual(self._cart_products(), {"ORD-PUMP"})

    def test_reorder_of_another_dealers_order_is_not_found(self):
        for order_id in (self.order_b.id, 999999):
            response = self._post(f"/my/orders/{order_id}/reorder")
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(self.order_b.name, response.text)
        self.assertEqual(self._cart_products(), set())

    def test_home_counts_the_cart(self):
        self._quick_order("ORD-PUMP 3\nORD-VALVE 2")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["dealer_cart_count"]})
        self.assertEqual(counters["dealer_cart_count"], 2)


@tagged("post_install", "-at_install")
class TestPortalSubmit(DealerOrderingCase):

    def setUp(self):
        super().setUp()
        self.authenticate("pr_portal_a", "pr_portal_a")

    def test_submit_creates_and_confirms_the_dealer_order(self):
        self._quick_order("ORD-PUMP 3\nORD-PROMO 2")
        response = self._submit(shipping_id=self.delivery_a.id, reference="PO-778")
        order = self._orders_of(self.dealer_a)
        self.assertEqual(len(order), 1)
        self.assertIn(f"/my/orders/{order.id}", response.url)
        self.assertRecordValues(order, [{
            "state": "sale", "partner_id": self.dealer_a.id, "partner_shipping_id": self.delivery_a.id,
            "partner_invoice_id": self.dealer_a.id, "pricelist_id": self.pricelist.id, "user_id": self.salesman.id,
            "dealer_portal_submitted": True, "dealer_portal_user_id": self.portal_a.id, "client_order_ref": "PO-778",
            "dealer_checks_passed": True, "amount_total": 3 * 90.0 + 2 * 70.0,
        }])
        self.assertEqual(sorted(order.order_line.mapped("price_unit")), [70.0, 90.0])
        self.assertIn("o_dealer_cart_empty", self.url_open("/my/cart").text, "the cart is emptied")
        self.assertIn(order.name, self.url_open("/my/orders").text)

    def test_submit_without_auto_confirm_waits_for_the_salesperson(self):
        self.authenticate("pr_portal_b", "pr_portal_b")
        self._quick_order("ORD-PLAIN 4")
        self._submit()
        order = self._orders_of(self.dealer_b)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_shipping_id, self.delivery_b, "the dealer's delivery address by default")
        activity = order.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertIn("Submitted on the portal, awaiting confirmation", page)
        self.assertIn(order.name, self.url_open("/my/quotes").text)

    def _assert_refused_and_nothing_written(self, message, **submit):
        counts = self._counts()
        response = self._submit(**submit)
        self.assertEqual(response.status_code, 200)
        self.assertIn(message, response.text)
        self.assertEqual(self._counts(), counts, "nothing was created")
        self.assertFalse(self._orders_of(self.dealer_a))
        return response

    def test_submit_over_credit_is_refused_and_nothing_is_created(self):
        self._quick_order("ORD-PUMP 20")  # 1,800 > 1,000
        response = self._assert_refused_and_nothing_written("Credit limit exceeded")
        self.assertIn("1,800.00", response.text, "the message names the figures")
        self.assertIn("o_dealer_cart_line", self.url_open("/my/cart").text, "the cart is kept")

    def test_checks_run_at_submission_without_auto_confirm(self):
        self.grade_gold.portal_auto_confirm = False
        self._quick_order("ORD-PUMP 20")
        self._assert_refused_and_nothing_written("Credit limit exceeded")

    def test_suspended_dealer_is_refused_whatever_the_grade(self):
        self._quick_order("ORD-PUMP 1")
        self.dealer_a.action_dealer_suspend()
        self._assert_refused_and_nothing_written("is not active")

    def test_replayed_form_creates_one_order(self):
        self._quick_order("ORD-PUMP 1")
        token = self._cart_token()
        self._submit(token=token)
        self._quick_order("ORD-PUMP 1")  # the browser's back button: the cart filled again, the old form replayed
        counts = self._counts()
        response = self._submit(token=token)
        self.assertIn("This cart was already submitted", response.text)
        self.assertEqual(self._counts(), counts)
        self.assertEqual(len(self._orders_of(self.dealer_a)), 1)

    def test_delivery_address_of_another_dealer_is_refused(self):
        self._quick_order("ORD-PUMP 1")
        self._assert_refused_and_nothing_written(
            "Choose one of your delivery addresses.", shipping_id=self.delivery_b.id)

    def test_script_in_reference_is_rendered_escaped(self):
        self._quick_order("ORD-PUMP 1")
        self._submit(reference="<script>alert('ref')</script>")
        order = self._orders_of(self.dealer_a)
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertNotIn("<script>alert('ref')</script>", page)
        self.assertIn("&lt;script&gt;", page)

    def test_empty_cart_or_public_user_creates_nothing(self):
        counts = self._counts()
        response = self._submit(token="no-cart-no-token")
        self.assertIn("Your cart is empty.", response.text)
        self.logout()
        response = self.url_open("/my/cart/submit", data={"cart_token": "x"}, allow_redirects=False)
        self.assertIn(response.status_code, (303, 302, 400, 403))
        self.assertEqual(self._counts(), counts)


@tagged("post_install", "-at_install")
class TestPortalOrderTracking(DealerOrderingCase):

    def test_delivery_status_and_tracking_reference_on_the_order_page(self):
        order = self.env["sale.order"].create({"partner_id": self.dealer_a.id, "order_line": [
            Command.create({"product_id": self.pump.id, "product_uom_qty": 1}),
        ]})
        order.action_confirm()
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        self.env.cr.precommit.run()  # the confirmation's transaction ends; the warehouse then enters the number
        picking.dealer_tracking_ref = "SF1234567890"
        self.env.cr.precommit.run()  # the tracking messages are written when the transaction commits
        picking.invalidate_recordset(["message_ids"])
        self.assertIn("SF1234567890", picking.message_ids.tracking_value_ids.mapped("new_value_char"))
        self.authenticate("pr_portal_a", "pr_portal_a")
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertIn("SF1234567890", page)
        self.assertIn("o_dealer_delivery_tracking", page)
        self.assertIn(dict(picking._fields["state"]._description_selection(picking.env))[picking.state], page)


@tagged("post_install", "-at_install")
class TestPortalOrderingTour(DealerOrderingCase):

    def test_ordering_tour(self):
        """Pumps from the catalog, valves by quick order, refused over the credit limit, then a smaller order
        accepted; the orders list shows its status and delivery."""
        Product = self.env["product.product"]
        Product.create([
            {"name": "Tour Pump", "default_code": "TOUR-PUMP", "list_price": 100.0, "taxes_id": [Command.clear()]},
            {"name": "Tour Valve", "default_code": "TOUR-VALVE", "list_price": 50.0, "taxes_id": [Command.clear()]},
        ])
        self.dealer_a.property_product_pricelist = self.env["product.pricelist"].create({"name": "Tour List Prices"})
        self.dealer_a.credit_limit = 300.0  # 8 pumps and 2 valves: 900, refused; 1 pump and 2 valves: 200
        self.start_tour("/my/catalog?search=TOUR", "dealer_portal_ordering_tour", login="pr_portal_a")
        order = self._orders_of(self.dealer_a)
        self.assertEqual(len(order), 1, "the refused try left nothing")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.amount_total, 200.0)


@tagged("post_install", "-at_install")
class TestPortalOrderingTourPhone(TestPortalOrderingTour):
    """The same tour on a 390 px phone: the catalog's cards (the tour checks that the cards, not the table, are
    shown, and that nothing is wider than the screen)."""

    browser_size = "390x844"
    touch_enabled = True
    allow_inherited_tests_method = True  # Odoo's test loader runs the inherited test_ordering_tour too


@tagged("post_install", "-at_install")
class TestCatalogRules(DealerOrderingCase):
    """The catalog rules themselves (dealer.portal.catalog), without HTTP."""

    def test_promotion_of_a_category_rule_in_its_dates_only(self):
        Catalog = self.env["dealer.portal.catalog"].with_user(self.portal_a)
        parent = self.env["product.category"].create({"name": "Ordering Parent"})
        child = self.env["product.category"].create({"name": "Ordering Child", "parent_id": parent.id})
        self.valve.categ_id = child
        now = fields.Datetime.now()
        item = self.env["product.pricelist.item"].create({
            "pricelist_id": self.pricelist.id, "applied_on": "2_product_category", "categ_id": parent.id,
            "compute_price": "percentage", "percent_price": 30.0,
            "date_start": now - timedelta(days=10), "date_end": now - timedelta(days=1),
        })
        products = self.pump | self.valve | self.promo
        self.assertEqual(Catalog._dealer_promotion_ids(self.dealer_a, products), {self.promo.id}, "expired rule")
        item.date_end = now + timedelta(days=1)
        self.assertEqual(Catalog._dealer_promotion_ids(self.dealer_a, products), {self.promo.id, self.valve.id})

    def test_figures_of_a_page_take_a_fixed_number_of_queries(self):
        Catalog = self.env["dealer.portal.catalog"].with_user(self.portal_a)
        many = self.env["product.product"].create([{"name": f"Query Product {index}"} for index in range(30)])

        def queries(products):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Catalog._dealer_prices(self.dealer_a, products)
            Catalog._dealer_promotion_ids(self.dealer_a, products)
            Catalog._dealer_new_ids(products)
            return self.env.cr.sql_log_count - before

        queries(many[:3])  # warm the ORM caches (pricelist rules, settings)
        self.assertEqual(queries(many[:30]), queries(many[:3]))

    def test_quick_order_total_above_the_maximum(self):
        Catalog = self.env["dealer.portal.catalog"].with_user(self.portal_a)
        cart, errors = Catalog._dealer_parse_quick_order(self.dealer_a, "ORD-PUMP 60000\nORD-PUMP 60000")
        self.assertEqual(errors, ["Product ORD-PUMP: the total quantity is above 100000."])
        self.assertIsNone(Catalog._dealer_cart_merge({self.pump.id: 99999.0}, {self.pump.id: 2.0}))
        self.assertEqual(cart, {self.pump.id: 120000.0}, "the caller adds nothing: errors are listed")

    def test_grade_restriction_domain(self):
        Template = self.env["product.template"]
        allowed = Template.search(Template._dealer_grade_domain(self.grade_plain)).ids
        self.assertIn(self.plain_only.product_tmpl_id.id, allowed)
        self.assertIn(self.pump.product_tmpl_id.id, allowed)
        gold = Template.search(Template._dealer_grade_domain(self.grade_gold)).ids
        self.assertNotIn(self.plain_only.product_tmpl_id.id, gold)
        self.assertNotIn(self.plain_only.product_tmpl_id.id, Template.search(Template._dealer_grade_domain(None)).ids)
