"""A dealer quotation says, before anyone clicks Confirm, which checks the confirmation would refuse it for."""
from contextlib import contextmanager

from lxml import etree
from psycopg2.errors import ReadOnlySqlTransaction

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .test_order_checks import DealerOrderCheckCommon


@tagged("post_install", "-at_install")
class TestDealerOrderPreview(DealerOrderCheckCommon):
    """The warning banner and the credit available of a quotation: a dry run of the confirmation's checks."""

    def setUp(self):
        super().setUp()
        self.dealer.sudo().with_company(self.env.company).credit_limit = 1000.0

    @contextmanager
    def _database_read_only(self):
        """Inside, PostgreSQL refuses any write of this transaction: even a no-op UPDATE or SELECT … FOR UPDATE."""
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT dealer_preview_read_only")
        self.env.cr.execute("SET TRANSACTION READ ONLY")
        try:
            yield
            self.env.flush_all()  # whatever the code left to write is written now, and refused
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT dealer_preview_read_only")
            self.env.invalidate_all()

    def test_credit_exceeded_is_shown_before_confirming(self):
        order = self._order(price=1500.0)
        self.assertIn("Credit limit exceeded", order.dealer_check_warnings)
        self.assertIn("1,500.00", order.dealer_check_warnings)
        self.assertEqual(order.dealer_credit_limit, 1000.0)
        self.assertEqual(order.dealer_credit_available, 1000.0)
        # the confirmation refuses it for the very reason shown
        message = self.assertConfirmRefused(order, "Credit limit exceeded")
        self.assertIn(order.dealer_check_warnings, message)

    def test_every_failing_check_is_listed(self):
        order = self._order(price=70.0, shipping=self.ship_nanjing)
        warnings = order.dealer_check_warnings
        self.assertIn("- Floor price: Floor Product: unit price", warnings)
        self.assertIn("- Territory: The delivery address", warnings)
        self.assertNotIn("Credit", warnings)

    def test_passing_quotation_shows_nothing(self):
        order = self._order(price=100.0)
        self.assertFalse(order.dealer_check_warnings)
        self.assertEqual(order.dealer_credit_available, 1000.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_available_credit_counts_confirmed_uninvoiced_orders(self):
        self._order(price=300.0).action_confirm()
        order = self._order(price=800.0)
        self.assertEqual(order.dealer_credit_available, 700.0)
        self.assertIn("Credit limit exceeded", order.dealer_check_warnings)

    def test_confirmed_order_shows_nothing(self):
        order = self._order(price=100.0)
        order.action_confirm()
        self.assertFalse(order.dealer_check_warnings)
        self.assertFalse(order.dealer_credit_available)

    def test_non_dealer_quotation_shows_nothing(self):
        customer = self.env["res.partner"].create({"name": "Walk-in Customer"})
        order = self._order(price=1.0, partner=customer)
        self.assertFalse(order.dealer_check_warnings)
        self.assertFalse(order.dealer_credit_limit)
        self.assertFalse(order.dealer_credit_available)

    def test_computing_writes_nothing(self):
        """The dry run takes no row lock and writes nothing: it runs in a transaction the database keeps read-only."""
        order = self._order(price=1500.0, shipping=self.ship_nanjing)
        self.env.invalidate_all()
        with self._database_read_only():
            warnings = order.dealer_check_warnings
            available = order.dealer_credit_available
        self.assertIn("Credit limit exceeded", warnings)
        self.assertIn("Territory", warnings)
        self.assertEqual(available, 1000.0)
        # the mode does refuse a write: the test would catch one
        with self.assertRaises(ReadOnlySqlTransaction), mute_logger("odoo.sql_db"), self._database_read_only():
            self.env["sale.order"]._dealer_lock_partner(self.dealer)

    def test_banner_follows_the_quotation_being_edited(self):
        """In the form, before saving: the warnings follow the lines as they are typed."""
        order = self._order(price=100.0)
        with Form(order) as form:
            self.assertFalse(form.dealer_check_warnings)
            with form.order_line.edit(0) as line:
                line.price_unit = 70.0
            self.assertIn("is below the dealer floor price", form.dealer_check_warnings)
            with form.order_line.edit(0) as line:
                line.price_unit = 100.0
                line.product_uom_qty = 20.0
            self.assertIn("Credit limit exceeded", form.dealer_check_warnings)
            self.assertNotIn("floor price", form.dealer_check_warnings)
            with form.order_line.edit(0) as line:
                line.product_uom_qty = 1.0
            self.assertFalse(form.dealer_check_warnings)

    def test_portal_user_cannot_read_the_warnings(self):
        portal = self._create_portal_user(self.dealer, "preview_portal_t")
        order = self._order(price=1500.0, partner=portal.partner_id)
        for fname in ("dealer_check_warnings", "dealer_credit_available"):
            with self.assertRaises(AccessError):
                order.with_user(portal).read([fname])

    def test_view_shows_banner_at_the_top_of_the_sheet(self):
        arch = etree.fromstring(self.env["sale.order"].get_view(self.env.ref("sale.view_order_form").id)["arch"])
        sheet = arch.xpath("//sheet")[0]
        banner = sheet.xpath("./div[@name='dealer_check_warnings']")
        self.assertEqual(len(banner), 1)
        self.assertEqual(banner[0].get("class"), "alert alert-warning")
        self.assertEqual(banner[0].get("invisible"), "not dealer_check_warnings")
        title = sheet.xpath("./div[contains(@class, 'oe_title')]")[0]
        self.assertLess(sheet.index(banner[0]), sheet.index(title))
        credit = arch.xpath("//group[@name='partner_details']/field[@name='dealer_credit_available']")
        self.assertEqual(len(credit), 1)


@tagged("post_install", "-at_install")
class TestDealerOrdersMenu(DealerOrderCheckCommon):
    """Dealers > Orders lists the orders of dealers only, in Odoo's own sale order views."""

    def test_menu_lists_dealer_orders_only(self):
        menu = self.env.ref("dealer_management.menu_dealer_sale_order")
        action = self.env.ref("dealer_management.action_dealer_sale_order")
        self.assertEqual(menu.action, action)
        walk_in = self.env["res.partner"].create({"name": "Walk-in Customer"})
        buyer = self.env["res.partner"].create({"name": "Buyer", "parent_id": self.dealer.id})
        dealer_orders = self._order() | self._order(partner=buyer)
        dealer_orders[0].action_confirm()
        other = self._order(partner=walk_in)
        domain = action._get_action_dict()["domain"]
        found = self.env["sale.order"].search(safe_eval(domain))
        self.assertEqual(found & (dealer_orders | other), dealer_orders)  # quotations and orders, no other customer
        self.assertIn(other, self.env["sale.order"].search([("dealer_is_dealer_order", "=", False)]))
        self.assertNotIn(other, self.env["sale.order"].search([("dealer_is_dealer_order", "!=", False)]))
        views = {mode: view_id for view_id, mode in action._get_action_dict()["views"]}
        self.assertEqual(views["form"], self.env.ref("sale.view_order_form").id)
        self.assertEqual(views["list"], self.env.ref("sale.view_quotation_tree").id)
