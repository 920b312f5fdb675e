"""Shared set-up of the partner, territory and access tests of dealer_management."""
from contextlib import contextmanager

from odoo.tests.common import TransactionCase, new_test_user

# A back-office user in a real database gets "Contact Creation" (base.group_partner_manager) from the
# default user template; the dealer groups are given on top of it.
DEALER_USER_GROUPS = "base.group_user,base.group_partner_manager,dealer_management.group_dealer_user"
DEALER_MANAGER_GROUPS = "base.group_user,base.group_partner_manager,dealer_management.group_dealer_manager"


class DealerCase(TransactionCase):
    """Users, a province and helpers to create dealers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # messages are asserted in English: `make test` loads zh_CN, which becomes the admin's language
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tracking_disable=True))
        cls.Partner = cls.env["res.partner"]
        cls.Territory = cls.env["dealer.territory"]
        cls.Grade = cls.env["dealer.grade"]
        cls.china = cls.env.ref("base.cn")
        cls.state_zj = cls.env.ref("base.state_cn_ZJ")
        cls.state_js = cls.env.ref("base.state_cn_JS")
        cls.dealer_user = new_test_user(cls.env, login="dealer_user_t", groups=DEALER_USER_GROUPS, name="Dealer User T")
        cls.dealer_manager = new_test_user(
            cls.env, login="dealer_manager_t", groups=DEALER_MANAGER_GROUPS, name="Dealer Manager T",
        )

    @classmethod
    def _create_dealer(cls, name, state="prospect", **vals):
        """A company dealer; `state` other than prospect is reached through the lifecycle actions."""
        dealer = cls.Partner.create(dict(
            {"name": name, "is_company": True, "is_dealer": True, "country_id": cls.china.id}, **vals,
        ))
        if state in ("applicant", "active", "suspended"):
            dealer.action_dealer_make_applicant()
        if state in ("active", "suspended"):
            dealer.action_dealer_activate()
        if state == "suspended":
            dealer.action_dealer_suspend()
        return dealer

    @contextmanager
    def assertRefused(self, exception, regex):
        """Expect `exception` with a message matching `regex`; roll back whatever was written before it.

        A refused request rolls back its whole transaction in a real server; the savepoint does the same
        here, so the assertions that follow see what is left in the database.
        """
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield
        self.env.invalidate_all()
