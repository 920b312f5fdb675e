"""The one test base of the dealer suite, as ``sale/tests/common.py`` is sale's.

``DealerTestCommon`` builds on Odoo's ``AccountTestInvoicingCommon`` (one company with its chart of accounts,
``company_data``, ``init_invoice``) and adds, once per class: one territory tree, the standard users, the
grades, two products and the helpers that create dealers and contracts through their actions.
"""
import json
from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

# A back-office user in a real database gets "Contact Creation" (base.group_partner_manager) from the
# default user template; the dealer groups are given on top of it (Dealer User implies Sales / own documents).
CONTACT_CREATOR_GROUPS = "base.group_user,base.group_partner_manager"
DEALER_USER_GROUPS = "base.group_user,base.group_partner_manager,dealer_management.group_dealer_user"
DEALER_MANAGER_GROUPS = "base.group_user,base.group_partner_manager,dealer_management.group_dealer_manager"

NO_CHECKS = {"check_contract": False, "check_floor_price": False, "check_credit": False, "check_territory": False}


class DealerTestCommon(AccountTestInvoicingCommon):
    """One company and chart of accounts, one territory tree, the dealer users, grades, products, helpers.

    The territory tree (provinces linked to the Chinese states, cities matched on the address city)::

        华东 (region)   浙江 (province, base.state_cn_ZJ)   杭州 (city "杭州市")
                        江苏 (province, base.state_cn_JS)   苏州 (city "苏州")
        华西 (region)
    """

    #: Run the tests as the superuser, as ``TransactionCase`` does, instead of Odoo's accounting test user
    #: (a Dealer Manager here): for the classes whose tests act as an administrator entering data.
    run_as_superuser = False
    #: Keep the chatter and the field tracking on (``BaseCommon`` turns them off by default).
    mail_tracking = False

    @classmethod
    def default_env_context(cls):
        # messages are asserted in English: `make test` loads zh_CN, which becomes the admin's language
        context = {} if cls.mail_tracking else super().default_env_context()
        return {**context, "lang": "en_US"}

    @classmethod
    def setup_independent_user(cls):
        return None if cls.run_as_superuser else super().setup_independent_user()

    @classmethod
    def get_default_groups(cls):
        # the accounting test user also sells and manages dealers, to build the data
        return super().get_default_groups() | cls.env.ref("sales_team.group_sale_manager") | cls.env.ref(
            "dealer_management.group_dealer_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.Partner = cls.env["res.partner"]
        cls.Territory = cls.env["dealer.territory"]
        cls.Grade = cls.env["dealer.grade"]
        cls.china = cls.env.ref("base.cn")
        cls.state_zj = cls.env.ref("base.state_cn_ZJ")
        cls.state_js = cls.env.ref("base.state_cn_JS")
        cls._setup_dealer_users()
        cls._setup_territories()
        cls.grade_core = cls.Grade.create({"name": "Core", "code": "T-CORE", "sequence": 1})
        cls.grade_regular = cls.Grade.create({"name": "Regular", "code": "T-REG", "sequence": 2})
        # the order checks are tested in test_order_checks: orders of this grade need no contract
        cls.grade_unchecked = cls.Grade.create({"name": "Unchecked", "code": "T-FREE", "sequence": 3, **NO_CHECKS})
        cls.product_floor = cls._create_product(
            name="Floor Product", type="service", lst_price=100.0, dealer_floor_price=80.0, taxes_id=[Command.clear()],
        )
        cls.product_free = cls._create_product(
            name="Free Product", type="service", lst_price=100.0, taxes_id=[Command.clear()],
        )

    @classmethod
    def _setup_dealer_users(cls):
        company = cls.env.company
        values = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
        cls.dealer_user = new_test_user(
            cls.env, login="dealer_user_t", groups=DEALER_USER_GROUPS, name="Dealer User T", **values,
        )
        cls.dealer_manager = new_test_user(
            cls.env, login="dealer_manager_t", groups=DEALER_MANAGER_GROUPS, name="Dealer Manager T", **values,
        )
        # the salesperson of the dealers: Dealer User (which implies Sales / own documents)
        cls.salesman = new_test_user(
            cls.env, login="dealer_salesman_t", groups=DEALER_USER_GROUPS, name="Salesman T", **values,
        )
        # every new internal user: "Contact Creation" and nothing of the dealer suite
        cls.contact_creator = new_test_user(
            cls.env, login="contact_creator_t", groups=CONTACT_CREATOR_GROUPS, name="Contact Creator T", **values,
        )

    @classmethod
    def _setup_territories(cls):
        Territory = cls.Territory
        cls.east = Territory.create({"name": "华东", "code": "T-EAST", "level": "region"})
        cls.zhejiang = Territory.create({
            "name": "浙江", "code": "T-ZJ", "level": "province", "parent_id": cls.east.id, "state_id": cls.state_zj.id,
        })
        cls.hangzhou = Territory.create({
            "name": "杭州", "code": "T-HZ", "level": "city", "parent_id": cls.zhejiang.id, "city": "杭州市",
        })
        cls.jiangsu = Territory.create({
            "name": "江苏", "code": "T-JS", "level": "province", "parent_id": cls.east.id, "state_id": cls.state_js.id,
        })
        cls.suzhou = Territory.create({
            "name": "苏州", "code": "T-SZ", "level": "city", "parent_id": cls.jiangsu.id, "city": "苏州",
        })
        cls.west = Territory.create({"name": "华西", "code": "T-WEST", "level": "region"})
        cls.territory_tree = cls.east | cls.zhejiang | cls.hangzhou | cls.jiangsu | cls.suzhou | cls.west

    # ------------------------------------------------------------------ helpers
    @classmethod
    def _create_dealer(cls, name, state="prospect", grade=None, territories=None, **vals):
        """A company dealer; `state` other than prospect is reached through the lifecycle actions.

        The dealer fields are set at creation as an administrator enters them (sudo: set-up data, the
        policy fields are not every test user's to write); the status then moves through the actions.
        """
        values = {"name": name, "is_company": True, "is_dealer": True, "country_id": cls.china.id, **vals}
        if grade:
            values["dealer_grade_id"] = grade.id
        if territories:
            values["dealer_territory_ids"] = [Command.set(territories.ids)]
        dealer = cls.Partner.sudo().create(values).sudo(cls.env.su)
        if state in ("applicant", "active", "suspended"):
            dealer.action_dealer_make_applicant()
        if state in ("active", "suspended"):
            dealer.action_dealer_activate()
        if state == "suspended":
            dealer.action_dealer_suspend()
        return dealer

    @classmethod
    def _create_portal_user(cls, dealer, login, name=None, **vals):
        """A portal user on a new contact of `dealer`."""
        contact = cls.Partner.create({"name": name or login, "parent_id": dealer.id, **vals})
        return new_test_user(cls.env, login, groups="base.group_portal", partner_id=contact.id)

    @classmethod
    def _create_contract(cls, dealer, date_start=None, date_end=None, activate=True, **vals):
        """A contract of `dealer` (by default in force from a month ago), activated through `action_activate`."""
        contract = cls.env["dealer.contract"].create({
            "partner_id": dealer.id,
            "date_start": date_start or cls.today - timedelta(days=30),
            "date_end": date_end or cls.today + timedelta(days=335),
            **vals,
        })
        if activate:
            contract.action_activate()
        return contract

    @contextmanager
    def assertRefused(self, exception, regex):
        """Expect `exception` with a message matching `regex`; roll back whatever was written before it.

        A refused request rolls back its whole transaction in a real server; the savepoint does the same
        here, so the assertions that follow see what is left in the database.
        """
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield
        self.env.invalidate_all()


class CallKwMixin:
    """JSON-RPC calls to ``/web/dataset/call_kw`` as the user of the session (for ``HttpCase`` tests): what an
    RPC client, or a portal user's browser console, can send."""

    def _call_kw_body(self, model, method, args, kwargs=None, context=None):
        """The JSON-RPC response body of one call (``context`` is sent only when given)."""
        kwargs = dict(kwargs or {})
        if context is not None:
            kwargs["context"] = context
        response = self.url_open("/web/dataset/call_kw", data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "id": 1,
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
        }), headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _rpc_error(self, model, method, args, kwargs=None):
        """The JSON-RPC error of one call (``error["data"]["name"]``, ``["message"]``), or None if it passed."""
        return self._call_kw_body(model, method, args, kwargs).get("error")

    def _call_kw(self, model, method, args, kwargs=None, context=None):
        """One call in English: ``(result, None)``, or ``(None, {"name", "message", ...})`` when refused."""
        body = self._call_kw_body(model, method, args, kwargs, {"lang": "en_US", **(context or {})})
        return (None, body["error"]["data"]) if "error" in body else (body["result"], None)
