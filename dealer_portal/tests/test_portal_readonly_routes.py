"""Read-only routes (issue 18): what a `readonly=True` route may do, proven over HTTP.

Odoo 18 serves a route declared ``readonly=True`` in a read-only transaction, from the PostgreSQL replica when
``--db_replica_host`` is set. A write there fails with "cannot execute ... in a read-only transaction"; Odoo then
logs a warning on ``odoo.http`` ("..., retrying with a read/write cursor") and serves the request again on the
primary, so the defect would only show as a warning and a double cost. HttpCase opens the same read-only
transaction (its test cursor runs ``SET TRANSACTION READ ONLY`` for a readonly route), so a test that opens every
readonly route of the dealer addons and fails on that warning catches the write.
"""
from odoo.tests import tagged
from odoo.tools import mute_logger

from .matrix_entries import ROUTES
from .test_security_portal_matrix import DealerMatrixCase, route_origin


def readonly_routes(env):
    """{pattern: routing} of the routes the dealer_* addons declare read-only (every prefix): readonly=True, or
    DealerPortal._dealer_readonly_page (read-only except right after the user's own write)."""
    return {
        rule.rule: rule.endpoint.routing for rule in env["ir.http"].routing_map().iter_rules()
        if route_origin(rule.endpoint).startswith("dealer_")
        and (rule.endpoint.routing.get("readonly") is True or callable(rule.endpoint.routing.get("readonly")))
    }


@tagged("post_install", "-at_install")
class TestPortalReadonlyRoutes(DealerMatrixCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A's user is its dealer's owner (the owner-only pages: dashboard, contracts, rebates, statement...)
        cls.portal_a.partner_id.dealer_portal_role = "owner"

    def assertReadsOnly(self, url, who):
        """GET `url`: answered (200, or a redirect that is followed) and no write retried on the primary."""
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(url, allow_redirects=False, timeout=60)
        self.assertIn(response.status_code, (200, 303), f"{url} as {who}")

    def test_readonly_routes_write_nothing(self):
        """Every readonly route of the dealer addons, opened by the owner of the record of its matrix entry."""
        self.assertTrue(self.registry.test_readonly_enabled, "HttpCase serves readonly routes read-only")
        self.assertTrue(self.portal_a._dealer_portal_is_owner())
        routes = readonly_routes(self.env)
        self.assertIn("/my/catalog", routes, "the routing map was read")
        # the back-office XLSX export is tested in dealer_assessment (test_readonly_routes)
        portal_routes = {pattern for pattern in routes if not pattern.startswith("/dealer_assessment/")}
        missing = sorted(portal_routes - set(ROUTES))
        self.assertFalse(missing, f"readonly routes without a matrix entry to open them with: {missing}")
        records = {pattern: self._route_record(ROUTES[pattern], self.dealer_a) for pattern in sorted(portal_routes)}
        for pattern, record in records.items():
            entry = ROUTES[pattern]
            url = entry["url"](record)
            with self.subTest(route=pattern):
                if routes[pattern]["auth"] == "public":  # the applicant's page: its share link, no login
                    self.authenticate(None, None)
                    url = f"{url}?access_token={record.sudo()._portal_ensure_token()}"
                else:
                    self._login(self.portal_a)
                self.assertReadsOnly(url, "the owner")

    def test_post_routes_are_read_write(self):
        """A route that accepts a POST writes (a form, an upload, the cart): never readonly."""
        routes = {
            rule.rule: rule.endpoint.routing for rule in self.env["ir.http"].routing_map().iter_rules()
            if route_origin(rule.endpoint).startswith("dealer_")
        }
        posting = {pattern for pattern, routing in routes.items() if "POST" in (routing.get("methods") or ())}
        self.assertIn("/my/cart/submit", posting, "the routing map was read")
        readonly = sorted(pattern for pattern in posting if routes[pattern].get("readonly"))
        self.assertFalse(readonly, f"routes that accept a POST are declared readonly: {readonly}")

    def test_readonly_transaction_refuses_a_write(self):
        """What the route test relies on: the cursor HttpCase gives a readonly route refuses a write."""
        with self.registry.cursor(readonly=True) as cr, mute_logger("odoo.sql_db"), \
                self.assertRaisesRegex(Exception, "read-only transaction"):
            cr.execute("UPDATE res_partner SET write_date = now() WHERE id = %s", [self.dealer_a.id])
