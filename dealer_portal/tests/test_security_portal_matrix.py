"""The security matrix of the dealer portal, generated from the models and routes that exist.

Dealers A and B (and a distributor D with its sub-dealer S) each have a portal user (the owner) and, when the
owner group exists, A has a staff user too. For every model a portal user has an access right on, every dealer route
and every route of Odoo's own addons that a portal user reaches (orders, invoices, accept/decline/pay, reports, the
chatter, /my/account, /web/content…), A cannot read or change B's data: over JSON-RPC (/web/dataset/call_kw),
through the HTTP and JSON routes, through attachment URLs and with B's access tokens; D reads S's data only where the
entry says so and never changes it. A model or a route without an entry in tests/matrix_entries.py (the dealer's)
or tests/matrix_entries_odoo.py (Odoo's) fails the test: add it there (a few lines).
"""
import json
import secrets

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_forms import DealerFormsCase
from .matrix_entries import MODELS, ROUTES
from .matrix_entries_odoo import ODOO_ROUTES

# core models a dealer reaches on the portal: in the matrix when a portal group has an access right on them
CORE_MODELS = (
    "sale.order", "sale.order.line", "account.move", "account.move.line", "stock.picking", "repair.order",
)
ROUTE_PREFIXES = ("/my", "/dealer", "/report")
# where the routes of Odoo's own addons that a portal user reaches live: pages and documents, payment, the chatter
ODOO_ROUTE_PREFIXES = (
    "/my", "/report", "/web/content", "/web/image", "/portal", "/payment", "/invoice", "/mail/message",
    "/mail/thread", "/mail/attachment", "/mail/chatter_fetch", "/mail/unfollow", "/mail/view",
    "/mail/update_is_internal", "/account/download_invoice_attachments", "/account/download_invoice_documents",
)
REFUSED_STATUS = (301, 302, 303, 400, 401, 403, 404)


def route_origin(endpoint):
    """The addon that declares a route (its first definition), whichever addons override its method later."""
    method = endpoint.func  # the bound method of the controller Odoo built from every addon's class
    declaring = [cls for cls in type(method.__self__).__mro__ if method.__name__ in vars(cls)]
    module = declaring[-1].__module__
    return module.split(".")[2] if module.startswith("odoo.addons.") else ""


def under(path, prefixes):
    return any(path == prefix or path.startswith(prefix + "/") for prefix in prefixes)


class DealerMatrixCase(DealerFormsCase):
    """The matrix's dealers and portal users, and a record of a MODELS/ROUTES entry for a dealer (also used by
    test_portal_readonly_routes)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one territory each: an announcement to a dealer's territory reaches that dealer only
        for dealer, territory in ((cls.dealer_a, cls.hangzhou), (cls.dealer_b, cls.suzhou),
                                  (cls.distributor, cls.west), (cls.sub_dealer, cls.zhejiang)):
            # sudo: set-up data (territories are written by Dealer Managers' actions only)
            dealer.sudo().dealer_territory_ids = [Command.set(territory.ids)]
        cls.users_by_dealer = {
            cls.dealer_a.id: cls.portal_a, cls.dealer_b.id: cls.portal_b,
            cls.distributor.id: cls.portal_d, cls.sub_dealer.id: cls.portal_s,
        }
        cls.report_days = 0

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _route_record(self, entry, dealer):
        factory = entry["record"]
        return MODELS[factory]["record"](self, dealer) if isinstance(factory, str) else factory(self, dealer)


@tagged("post_install", "-at_install")
class TestSecurityPortalMatrix(DealerMatrixCase):

    # ------------------------------------------------------------------ helpers
    def _snapshot(self, records):
        """What must not change: the records' last write and existence."""
        self.env.invalidate_all()
        records = records.sudo()
        return [(record.id, bool(record.exists()) and record.write_date) for record in records]

    @staticmethod
    def _marker(record):
        """A text of the record that must not appear on another dealer's pages."""
        name = record.sudo().name if "name" in record._fields else None
        return name if isinstance(name, str) and name else record.sudo().display_name

    def _writable_vals(self, model, entry):
        if "write" in entry:
            return entry["write"]
        Model = self.env[model]
        for name in ("name", "description", "note"):
            field = Model._fields.get(name)
            if field and field.store and field.type in ("char", "text", "html") and not field.readonly:
                return {name: "CHANGED BY ANOTHER DEALER"}
        return {"create_uid": self.portal_a.id}

    # ------------------------------------------------------------------ generation
    def _portal_groups(self):
        groups = self.env.ref("base.group_portal")
        return groups | self.owner_group if self.owner_group else groups

    def _portal_models(self):
        """Models a portal user has any access right on, among the dealer models and the core ones above."""
        access = self.env["ir.model.access"].sudo().search([
            ("group_id", "in", self._portal_groups().ids), "|", "|", "|",
            ("perm_read", "=", True), ("perm_write", "=", True), ("perm_create", "=", True),
            ("perm_unlink", "=", True),
        ])
        names = set(access.model_id.mapped("model"))
        return {name for name in names if name.startswith("dealer.") or name in CORE_MODELS} | {"ir.attachment"}

    def _dealer_routes(self):
        """Route patterns the dealer_* addons declare under /my, /dealer and /report: {pattern: endpoint routing}."""
        return {
            rule.rule: rule.endpoint.routing for rule in self.env["ir.http"].routing_map().iter_rules()
            if route_origin(rule.endpoint).startswith("dealer_") and under(rule.rule, ROUTE_PREFIXES)
        }

    def _odoo_portal_routes(self):
        """Route patterns Odoo's own addons declare where a portal user reaches them (ODOO_ROUTE_PREFIXES, auth user
        or public), whether or not a dealer addon overrides them: {pattern: endpoint routing}."""
        return {
            rule.rule: rule.endpoint.routing for rule in self.env["ir.http"].routing_map().iter_rules()
            if not route_origin(rule.endpoint).startswith("dealer_") and under(rule.rule, ODOO_ROUTE_PREFIXES)
            and rule.endpoint.routing["auth"] in ("user", "public")
        }

    def _installed(self):
        return set(self.env["ir.module.module"].sudo().search([("state", "=", "installed")]).mapped("name"))

    def test_every_portal_model_has_an_entry(self):
        missing = sorted(self._portal_models() - set(MODELS))
        self.assertFalse(missing, f"portal users have access rights on {missing}: add it to MODELS in "
                                  "dealer_portal/tests/matrix_entries.py")

    def test_every_dealer_route_has_an_entry(self):
        routes = self._dealer_routes()
        self.assertIn("/my/stock_reports/<int:report_id>", routes, "the routing map was read")
        missing = sorted(set(routes) - set(ROUTES))
        self.assertFalse(missing, f"dealer routes without an entry: {missing}: add them to ROUTES in "
                                  "dealer_portal/tests/matrix_entries.py")
        # an entry whose route is gone (renamed) would test nothing: only a bridge not installed may be absent
        installed = self._installed()
        stale = sorted(pattern for pattern, entry in ROUTES.items()
                       if pattern not in routes and entry.get("addon", "dealer_portal") in installed)
        self.assertFalse(stale, f"entries of routes that do not exist: {stale}: update matrix_entries.py")

    def test_every_odoo_portal_route_has_an_entry(self):
        routes = self._odoo_portal_routes()
        for pattern in ("/my/orders/<int:order_id>/accept", "/my/orders/<int:order_id>/decline",
                        "/my/invoices/<int:invoice_id>", "/report/<converter>/<reportname>/<docids>", "/my/account",
                        "/web/content/<int:id>", "/mail/message/post"):
            self.assertIn(pattern, routes, "the routing map was read, Odoo's routes overridden here included")
        self.assertFalse(set(routes) & set(ROUTES), "a route is Odoo's or the dealer's, not both")
        missing = sorted(set(routes) - set(ODOO_ROUTES))
        self.assertFalse(missing, f"Odoo's portal routes without an entry: {missing}: add them to ODOO_ROUTES in "
                                  "dealer_portal/tests/matrix_entries_odoo.py")
        installed = self._installed()
        stale = sorted(pattern for pattern, entry in ODOO_ROUTES.items()
                       if pattern not in routes and entry["addon"] in installed)
        self.assertFalse(stale, f"entries of routes that do not exist: {stale}: update matrix_entries_odoo.py")

    # ------------------------------------------------------------------ models over JSON-RPC
    def _assert_rpc_refused(self, model, record, entry, reads=False):
        """The logged-in user cannot change `record`, and reads it only when `reads`."""
        # only the id: what is read is the record rule's answer (related names are other models' rules)
        result, error = self._call_kw_name(model, "search_read", [[("id", "in", record.ids)], ["id"]])
        self.assertEqual(bool(result), reads, f"{model}: search_read of another dealer's record")
        result, error = self._call_kw_name(model, "read", [record.ids, ["id"]])
        if reads:
            self.assertTrue(result, f"{model}: read")
        else:
            self.assertEqual(error, "odoo.exceptions.AccessError", f"{model}: read of another dealer's record")
        before = self._snapshot(record)
        for method, args in (("write", [record.ids, self._writable_vals(model, entry)]), ("unlink", [record.ids])):
            result, error = self._call_kw_name(model, method, args)
            self.assertIsNotNone(error, f"{model}: {method} of another dealer's record was accepted")
            self.assertEqual(self._snapshot(record), before, f"{model}: {method} changed the record")

    def _assert_rpc_create_refused(self, model, entry, dealer, record):
        Model = self.env[model].sudo()
        before = Model.search_count([])
        vals = entry["create"](self, record) if "create" in entry else {}
        if "partner_id" in Model._fields:
            vals["partner_id"] = dealer.id
        _result, error = self._call_kw_name(model, "create", [vals])
        self.assertEqual(error, "odoo.exceptions.AccessError", f"{model}: create for another dealer")
        self.env.invalidate_all()
        self.assertEqual(Model.search_count([]), before, f"{model}: something was created")

    def test_models_matrix(self):
        present = {name: entry for name, entry in MODELS.items() if name in self.env}
        records = {
            name: (entry["record"](self, self.dealer_b), entry["record"](self, self.sub_dealer),
                   entry["record"](self, self.distributor))
            for name, entry in present.items() if entry["record"]
        }
        own = {name: entry["record"](self, self.dealer_a) for name, entry in present.items()
               if entry["record"] and entry["owner_only"] and self.staff_a}
        checks = 0
        self._login(self.portal_a)
        for name, entry in present.items():
            with self.subTest(model=name, user="A on B"):
                if name in records:
                    self._assert_rpc_refused(name, records[name][0], entry)
                elif shared := self.env[name].search([], limit=1):  # master data every dealer reads
                    self._assert_rpc_refused(name, shared, entry, reads=True)
                self._assert_rpc_create_refused(name, entry, self.dealer_b, records.get(name, [None])[0])
                checks += 1
        self._login(self.portal_d)  # a distributor reads its sub-dealer's records where so declared, never writes
        for name, (_b, sub, _d) in records.items():
            with self.subTest(model=name, user="D on S"):
                self._assert_rpc_refused(name, sub, present[name], reads=present[name].get("distributor_reads", False))
        self._login(self.portal_s)  # a sub-dealer never reads its distributor's records
        for name, (_b, _s, distributor) in records.items():
            with self.subTest(model=name, user="S on D"):
                self._assert_rpc_refused(name, distributor, present[name])
        if self.staff_a:
            self._login(self.staff_a)  # staff are refused the owner-only data of their own dealer
            for name, record in own.items():
                with self.subTest(model=name, user="staff of A"):
                    self._assert_rpc_refused(name, record, present[name])
        self.assertGreaterEqual(checks, len(present))

    # ------------------------------------------------------------------ routes over HTTP
    def _request(self, entry, record, url, token=None):
        """The route's request; `token`: an access token, in the query string (in the parameters of a JSON call)."""
        if entry.get("quiet"):  # Odoo logs this route's refusal as an error: the answer's status says enough
            with mute_logger("odoo.http"):
                return self._request(dict(entry, quiet=False), record, url, token=token)
        if token and entry["method"] != "JSON":
            url = f"{url}{'&' if '?' in url else '?'}access_token={token}"
        if entry["method"] == "JSON":
            params = entry["params"](self, record) if "params" in entry else {}
            if token:
                params["access_token"] = token
            payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            return self.url_open(url, data=json.dumps(payload), headers={"Content-Type": "application/json"},
                                 allow_redirects=False)
        if entry["method"] == "POST":
            data = entry["data"](self, record) if "data" in entry else {"csrf_token": self._csrf()}
            files = entry["files"](self, record) if "files" in entry else None
            return self.url_open(url, data=data, files=files, allow_redirects=False)
        return self.url_open(url, allow_redirects=False)

    @staticmethod
    def _json_refused(response):
        """A JSON route's refusal: a JSON-RPC error, an empty or error result, or the redirect a page would get."""
        body = response.json()
        result = body.get("result")
        return "error" in body or not result or isinstance(result, dict) and "error" in result \
            or isinstance(result, str) and result.startswith("<_Response") and "SEE OTHER" in result

    def _watched(self, entry, record):
        return entry["watch"](record) if "watch" in entry else record

    def _assert_route_refused(self, pattern, entry, record, url, who, marker_key="marker", token=None):
        counts = entry.get("count", {})
        counted = {model: self._count(model, domain) for model, domain in counts.items()}
        watched = self._watched(entry, record)
        before = self._snapshot(watched)
        response = self._request(entry, record, url, token=token)
        marker = (entry.get(marker_key) or entry.get("marker") or self._marker)(record)
        self.assertLess(response.status_code, 500, f"{pattern} as {who}: server error")
        if entry["expect"] == "refused" and entry["method"] == "JSON":
            self.assertTrue(self._json_refused(response), f"{pattern} as {who}: not refused")
        elif entry["expect"] == "refused":
            self.assertIn(response.status_code, REFUSED_STATUS, f"{pattern} as {who}: not refused")
        body = response.content.decode(errors="replace")
        self.assertNotIn(marker, body, f"{pattern} as {who}: the other dealer's data is on the page")
        if response.status_code in (301, 302, 303):
            followed = self.url_open(response.headers["Location"])
            self.assertLess(followed.status_code, 500)
            self.assertNotIn(marker, followed.text, f"{pattern} as {who}: the other dealer's data after redirect")
        self.assertEqual({model: self._count(model, domain) for model, domain in counts.items()}, counted,
                         f"{pattern} as {who}: created")
        self.assertEqual(self._snapshot(watched), before, f"{pattern} as {who}: changed the record")
        return response

    def _assert_route_reads(self, pattern, entry, record, url, who):
        """The user reads `record` through the route: its data, never its share link, and nothing is written."""
        counts = entry.get("count", {})
        counted = {model: self._count(model, domain) for model, domain in counts.items()}
        watched = self._watched(entry, record)
        before = self._snapshot(watched)
        response = self._request(entry, record, url)
        if response.status_code in (301, 302, 303):
            response = self.url_open(response.headers["Location"])
        self.assertEqual(response.status_code, 200, f"{pattern} as {who}: not read")
        body = response.content.decode(errors="replace")
        if entry["method"] == "JSON":
            self.assertNotIn("error", response.json(), f"{pattern} as {who}: not read")
        self.assertIn((entry.get("marker") or self._marker)(record), body, f"{pattern} as {who}: not read")
        token = record.sudo().access_token if "access_token" in record._fields else None
        if token:
            self.assertNotIn(token, body, f"{pattern} as {who}: the share link of the record is handed out")
        self.assertEqual({model: self._count(model, domain) for model, domain in counts.items()}, counted,
                         f"{pattern} as {who}: created")
        self.assertEqual(self._snapshot(watched), before, f"{pattern} as {who}: changed the record")

    def test_routes_matrix(self):
        self._check_routes(ROUTES, self._dealer_routes())

    def test_odoo_routes_matrix(self):
        self._check_routes(ODOO_ROUTES, self._odoo_portal_routes())

    def _check_routes(self, entries, routes):
        """Every entry whose route exists, for each role: A on B, anonymous, D on S, staff of A (owner-only)."""
        present = {pattern: entry for pattern, entry in entries.items() if pattern in routes}
        self.assertTrue(present)
        records = {pattern: self._route_record(entry, self.dealer_b) for pattern, entry in present.items()}
        subs = {pattern: self._route_record(entry, self.sub_dealer) for pattern, entry in present.items()}
        own = {pattern: self._route_record(entry, self.dealer_a) for pattern, entry in present.items()
               if entry["owner_only"] and self.staff_a}
        self._login(self.portal_a)
        for pattern, entry in present.items():
            record = records[pattern]
            url = entry["url"](record)
            with self.subTest(route=pattern, user="A on B"):
                self._assert_route_refused(pattern, entry, record, url, "A")
                self._assert_token_refused(pattern, entry, record, url, "A")
        self.authenticate(None, None)
        for pattern, entry in present.items():
            record = records[pattern]
            url = entry["url"](record)
            with self.subTest(route=pattern, user="anonymous"):
                if pattern != "/dealer/apply":  # the public form itself is open to everybody
                    self._assert_route_refused(pattern, entry, record, url, "anonymous")
                self._assert_token_refused(pattern, entry, record, url, "anonymous")
        self._login(self.portal_d)  # the distributor on its sub-dealer's records: reads where so declared, no more
        for pattern, entry in present.items():
            record = subs[pattern]
            with self.subTest(route=pattern, user="D on S"):
                if entry.get("distributor") == "reads":
                    self._assert_route_reads(pattern, entry, record, entry["url"](record), "D")
                else:
                    self._assert_route_refused(pattern, entry, record, entry["url"](record), "D")
        if self.staff_a:
            self._login(self.staff_a)
            for pattern, record in own.items():
                with self.subTest(route=pattern, user="staff of A"):
                    self._assert_route_refused(pattern, present[pattern], record, present[pattern]["url"](record),
                                               "staff of A", marker_key="staff_marker")

    def _assert_token_refused(self, pattern, entry, record, url, who):
        """B's access token opens nothing where tokens are not share links, nor for another dealer's users what only
        the share link's anonymous visitor may do; a wrong token never does."""
        if "access_token" not in record._fields or entry["expect"] != "refused":
            return
        self._assert_route_refused(pattern, entry, record, url, f"{who} with a wrong token",
                                   token=secrets.token_hex(16))
        if entry.get("token") != "shared" and not (entry.get("token") == "anonymous" and who == "anonymous"):
            self._assert_route_refused(pattern, entry, record, url, f"{who} with the other dealer's token",
                                       token=self._access_token(record))

    @staticmethod
    def _access_token(record):
        record = record.sudo()
        return record.generate_access_token()[0] if record._name == "ir.attachment" else record._portal_ensure_token()

    # ------------------------------------------------------------------ attachment URLs
    def test_attachment_urls_of_another_dealer_refused(self):
        attachment = MODELS["ir.attachment"]["record"](self, self.dealer_b)
        parent = self.env[attachment.res_model].browse(attachment.res_id)
        record_token = parent.sudo()._portal_ensure_token()
        own_file = MODELS["ir.attachment"]["record"](self, self.dealer_a)
        own_token = own_file.sudo().generate_access_token()[0]
        urls = (
            f"/web/content/{attachment.id}",
            f"/web/content/{attachment.id}?download=true",
            f"/web/content/{attachment.id}?access_token={record_token}",
            f"/web/content/{attachment.id}?access_token={own_token}",
            f"/web/content/ir.attachment/{attachment.id}/datas",
        )
        for login in (self.portal_a, None):
            if login:
                self._login(login)
            else:
                self.authenticate(None, None)
            for url in urls:
                with self.subTest(url=url, user=login and login.login):
                    response = self.url_open(url)
                    self.assertIn(response.status_code, (403, 404), url)
                    self.assertNotIn(b"SECRET FILE", response.content)
            response = self.url_open(f"/web/image/{attachment.id}")  # a placeholder image when refused
            self.assertNotIn(b"SECRET FILE", response.content)
