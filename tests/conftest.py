"""Fixtures of the end-to-end tests: an external client talking to a running Odoo over XML-RPC.

`make test` (scripts/harness.py) starts the server and sets DEALER_ODOO_URL and DEALER_ODOO_DB.
"""
import os
import random
import xmlrpc.client

import pytest
from stdnum.cn import uscc

ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "admin"


def _required_env(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(
            f"{name} is not set. These tests talk to a running Odoo server: run them with `make test`, or set "
            "DEALER_ODOO_URL (e.g. http://127.0.0.1:8069) and DEALER_ODOO_DB (a database with the dealer addons).",
            pytrace=False,
        )
    return value


@pytest.fixture(scope="session")
def url():
    return _required_env("DEALER_ODOO_URL").rstrip("/")


@pytest.fixture(scope="session")
def db():
    return _required_env("DEALER_ODOO_DB")


def _proxy(url, endpoint):
    return xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/{endpoint}", allow_none=True)


def _login(url, db, login, password):
    uid = _proxy(url, "common").authenticate(db, login, password, {})
    if not uid:
        pytest.fail(f"cannot log in to {db} at {url} as {login!r}", pytrace=False)
    return uid


class Client:
    """One user's session: execute(model, method, *args, **kw) over /xmlrpc/2/object."""

    def __init__(self, url, db, uid, password):
        self.db, self.uid, self.password = db, uid, password
        self.models = _proxy(url, "object")

    def execute(self, model, method, *args, **kw):
        # the tests read English messages; a database created with --load-language=zh_CN has its users in Chinese
        kw["context"] = dict({"lang": "en_US"}, **kw.get("context", {}))
        return self.models.execute_kw(self.db, self.uid, self.password, model, method, list(args), kw)

    def xmlid(self, module, name):
        """Database id of a record from its XML id (ir.model.data._xmlid_to_res_id is private)."""
        rows = self.execute("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
                            fields=["res_id"], limit=1)
        assert rows, f"XML id {module}.{name} not found"
        return rows[0]["res_id"]


@pytest.fixture(scope="session")
def admin_uid(url, db):
    return _login(url, db, ADMIN_LOGIN, ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def admin(url, db, admin_uid):
    return Client(url, db, admin_uid, ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def execute(admin):
    """execute(model, method, *args, **kw) as the admin user."""
    return admin.execute


@pytest.fixture(scope="session")
def run_id():
    """Distinguishes the records of this run from those of earlier runs on the same database."""
    return f"{random.randrange(10**8):08d}"


@pytest.fixture
def credit_code():
    """A new valid unified social credit code (统一社会信用代码) on every call."""
    def make():
        base = f"91330100{random.randrange(10**8):08d}0"
        return base + uscc.calc_check_digit(base)
    return make


def _make_user(admin, url, run_id, login, name, group_xmlids):
    login = f"{login}_{run_id}"
    password = f"{login}-pw"
    group_ids = [admin.xmlid(*xmlid.split(".")) for xmlid in group_xmlids]
    admin.execute("res.users", "create", {
        "name": name, "login": login, "password": password, "email": f"{login}@example.com",
        "groups_id": [(6, 0, group_ids)],
    })
    return Client(url, admin.db, _login(url, admin.db, login, password), password)


@pytest.fixture(scope="session")
def dealer_manager(admin, url, run_id):
    """A Dealer Manager created by the admin over XML-RPC, logged in as itself.

    Like any back-office user created from Odoo's default template, it also has Contact Creation.
    """
    return _make_user(admin, url, run_id, "dealer_manager", f"Dealer Manager {run_id}",
                      ["base.group_user", "base.group_partner_manager", "dealer_management.group_dealer_manager"])


@pytest.fixture(scope="session")
def dealer_user(admin, url, run_id):
    """A Dealer User (not a manager), logged in as itself."""
    return _make_user(admin, url, run_id, "dealer_user", f"Dealer User {run_id}",
                      ["base.group_user", "base.group_partner_manager", "dealer_management.group_dealer_user"])
