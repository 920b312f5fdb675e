from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import DEALER_USER_GROUPS, DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerAccess(DealerTestCommon):
    """Access rights of the dealer groups and the multi-company rules."""

    run_as_superuser = True  # the tests act as the administrator entering data (TransactionCase's user)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain_user = new_test_user(cls.env, login="plain_internal_t", groups="base.group_user")
        cls.grade = cls.Grade.create({"name": "核心经销商", "code": "ACL-CORE"})
        cls.territory = cls.zhejiang
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({
            "name": "经销商测试公司B", "currency_id": cls.env.ref("base.CNY").id,
        })
        cls.grade_b = cls.Grade.create({"name": "B公司等级", "code": "ACL-B", "company_id": cls.company_b.id})
        cls.grade_shared = cls.Grade.create({"name": "共享等级", "code": "ACL-ALL", "company_id": False})
        cls.territory_b = cls.Territory.create({
            "name": "B公司区域", "code": "ACL-TB", "level": "region", "company_id": cls.company_b.id,
        })
        cls.user_a = new_test_user(
            cls.env, login="dealer_user_a_t", groups=DEALER_USER_GROUPS,
            company_id=cls.company_a.id, company_ids=[Command.set(cls.company_a.ids)],
        )
        cls.user_b = new_test_user(
            cls.env, login="dealer_user_b_t", groups=DEALER_USER_GROUPS,
            company_id=cls.company_b.id, company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.user_ab = new_test_user(
            cls.env, login="dealer_user_ab_t", groups=DEALER_USER_GROUPS,
            company_id=cls.company_a.id, company_ids=[Command.set((cls.company_a | cls.company_b).ids)],
        )

    # ------------------------------------------------------------------ Dealer User
    def test_dealer_user_reads_grades(self):
        self.assertEqual(self.grade.with_user(self.dealer_user).read(["name"])[0]["name"], "核心经销商")

    def test_dealer_user_reads_territories(self):
        self.assertEqual(self.territory.with_user(self.dealer_user).read(["name"])[0]["name"], "浙江")

    def test_dealer_user_cannot_write_a_grade(self):
        with self.assertRefused(AccessError, "dealer.grade"):
            self.grade.with_user(self.dealer_user).write({"credit_limit": 1.0})
        self.assertEqual(self.grade.credit_limit, 0.0)

    def test_dealer_user_cannot_create_a_grade(self):
        with self.assertRefused(AccessError, "dealer.grade"):
            self.Grade.with_user(self.dealer_user).create({"name": "自封等级", "code": "ACL-SELF"})
        self.assertFalse(self.Grade.search([("code", "=", "ACL-SELF")]))

    def test_dealer_user_cannot_delete_a_grade(self):
        with self.assertRefused(AccessError, "dealer.grade"):
            self.grade.with_user(self.dealer_user).unlink()
        self.assertTrue(self.grade.exists())

    def test_dealer_user_cannot_write_a_territory(self):
        with self.assertRefused(AccessError, "dealer.territory"):
            self.territory.with_user(self.dealer_user).write({"is_exclusive": True})
        self.assertFalse(self.territory.is_exclusive)

    def test_dealer_user_cannot_create_a_territory(self):
        with self.assertRefused(AccessError, "dealer.territory"):
            self.Territory.with_user(self.dealer_user).create({"name": "自划区域", "code": "ACL-SELF"})
        self.assertFalse(self.Territory.search([("code", "=", "ACL-SELF")]))

    def test_dealer_user_cannot_write_grade_history(self):
        dealer = self._create_dealer("经销商", dealer_grade_id=self.grade.id)
        history = dealer.dealer_grade_history_ids
        with self.assertRefused(AccessError, "dealer.grade.history"):
            history.with_user(self.dealer_user).write({"reason": "改写历史"})
        self.assertNotEqual(history.reason, "改写历史")

    # ------------------------------------------------------------------ Dealer Manager
    def test_dealer_manager_writes_a_grade(self):
        self.grade.with_user(self.dealer_manager).write({"credit_limit": 300000.0})
        self.assertEqual(self.grade.credit_limit, 300000.0)

    def test_dealer_manager_creates_and_deletes_a_grade(self):
        grade = self.Grade.with_user(self.dealer_manager).create({"name": "特约经销商", "code": "ACL-SPEC"})
        grade.unlink()
        self.assertFalse(grade.exists())

    def test_dealer_manager_writes_a_territory(self):
        self.territory.with_user(self.dealer_manager).write({"is_exclusive": True})
        self.assertTrue(self.territory.is_exclusive)

    def test_dealer_manager_creates_and_deletes_a_territory(self):
        territory = self.Territory.with_user(self.dealer_manager).create({
            "name": "杭州", "code": "ACL-HZ", "level": "city", "parent_id": self.territory.id, "city": "杭州",
        })
        self.assertEqual(territory.complete_name, "华东 / 浙江 / 杭州")
        territory.unlink()
        self.assertFalse(territory.exists())

    # ------------------------------------------------------------------ other internal users
    def test_plain_internal_user_cannot_read_applications(self):
        with self.assertRefused(AccessError, "dealer.application"):
            self.env["dealer.application"].with_user(self.plain_user).search([])

    def test_plain_internal_user_cannot_create_applications(self):
        with self.assertRefused(AccessError, "dealer.application"):
            self.env["dealer.application"].with_user(self.plain_user).create({})

    def test_plain_internal_user_reads_grades(self):
        # grades are reference data shown on partners to every internal user
        self.assertIn(self.grade, self.Grade.with_user(self.plain_user).search([]))

    # ------------------------------------------------------------------ multi-company
    def test_grade_of_another_company_is_hidden(self):
        visible = self.Grade.with_user(self.user_a).search([])
        self.assertNotIn(self.grade_b, visible)
        self.assertIn(self.grade, visible)

    def test_grade_of_another_company_cannot_be_read(self):
        with self.assertRefused(AccessError, "dealer.grade"):
            self.grade_b.with_user(self.user_a).read(["name"])

    def test_grade_is_visible_in_its_own_company(self):
        visible = self.Grade.with_user(self.user_b).search([])
        self.assertIn(self.grade_b, visible)
        self.assertNotIn(self.grade, visible)

    def test_grade_is_visible_to_a_user_of_both_companies(self):
        self.assertIn(self.grade_b, self.Grade.with_user(self.user_ab).search([]))

    def test_grade_is_hidden_when_its_company_is_not_selected(self):
        grades = self.Grade.with_user(self.user_ab).with_context(allowed_company_ids=self.company_a.ids)
        self.assertNotIn(self.grade_b, grades.search([]))

    def test_grade_without_company_is_visible_everywhere(self):
        self.assertIn(self.grade_shared, self.Grade.with_user(self.user_a).search([]))
        self.assertIn(self.grade_shared, self.Grade.with_user(self.user_b).search([]))

    def test_territory_of_another_company_is_hidden(self):
        self.assertNotIn(self.territory_b, self.Territory.with_user(self.user_a).search([]))
        self.assertIn(self.territory_b, self.Territory.with_user(self.user_b).search([]))
