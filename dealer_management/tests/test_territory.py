import re

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerTerritory(DealerTestCommon):
    """Territory hierarchy, address matching and exclusive territories."""

    run_as_superuser = True  # the tests act as the administrator entering data (TransactionCase's user)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # address matching looks at every territory: keep those already in the database out of the way
        (cls.Territory.search([]) - cls.territory_tree).active = False
        cls.wenzhou = cls.Territory.create({
            "name": "温州", "code": "T-WZ", "level": "city", "parent_id": cls.zhejiang.id, "city": "温州市",
            "is_exclusive": True,
        })
        # holder of the exclusive territory 温州
        cls.holder = cls._create_dealer(
            "温州甲商贸有限公司", state="active", territories=cls.wenzhou,
        )
        cls.rival = cls._create_dealer("温州乙贸易有限公司", state="active")

    def _address_partner(self, state=None, city=None):
        return self.Partner.create({
            "name": "地址测试客户", "is_company": True, "country_id": self.china.id,
            "state_id": state.id if state else False, "city": city,
        })

    # ------------------------------------------------------------------ hierarchy
    def test_complete_name_joins_the_ancestors(self):
        self.assertEqual(self.hangzhou.complete_name, "华东 / 浙江 / 杭州")

    def test_complete_name_follows_a_renamed_ancestor(self):
        self.east.name = "华东大区"
        self.assertEqual(self.hangzhou.complete_name, "华东大区 / 浙江 / 杭州")

    def test_child_of_finds_every_level_below(self):
        below = self.Territory.search([("id", "child_of", self.zhejiang.id)])
        self.assertEqual(below, self.zhejiang | self.hangzhou | self.wenzhou)

    def test_contains_is_true_for_descendants_only(self):
        self.assertTrue(self.east._contains(self.hangzhou))
        self.assertFalse(self.jiangsu._contains(self.hangzhou))

    def test_province_cannot_sit_under_a_city(self):
        with self.assertRefused(ValidationError, r"浙南.*cannot sit under 杭州"):
            self.Territory.create({
                "name": "浙南", "code": "T-ZN", "level": "province", "parent_id": self.hangzhou.id,
            })
        self.assertFalse(self.Territory.search([("code", "=", "T-ZN")]))

    def test_reparenting_to_a_narrower_level_is_refused(self):
        with self.assertRefused(ValidationError, r"cannot sit under 苏州"):
            self.zhejiang.parent_id = self.suzhou
        self.assertEqual(self.zhejiang.parent_id, self.east)

    def test_territory_cannot_be_its_own_ancestor(self):
        # the ORM's parent_store update refuses the loop ("Recursion Detected.") before the model's own
        # constraint runs; it flushes without our context, so its message is in the superuser's language
        with self.assertRefused(UserError, "."):
            self.east.parent_id = self.hangzhou
        self.assertFalse(self.east.parent_id)

    # ------------------------------------------------------------------ address matching
    def test_find_for_address_prefers_the_city(self):
        partner = self._address_partner(self.state_zj, "杭州市")
        self.assertEqual(self.Territory._find_for_address(partner), self.hangzhou)

    def test_find_for_address_matches_city_without_suffix(self):
        partner = self._address_partner(self.state_zj, "杭州")
        self.assertEqual(self.Territory._find_for_address(partner), self.hangzhou)

    def test_find_for_address_matches_city_with_suffix(self):
        # the territory says 苏州, the address says 苏州市
        partner = self._address_partner(self.state_js, "苏州市")
        self.assertEqual(self.Territory._find_for_address(partner), self.suzhou)

    def test_find_for_address_falls_back_to_the_province(self):
        partner = self._address_partner(self.state_zj, "宁波市")
        self.assertEqual(self.Territory._find_for_address(partner), self.zhejiang)

    def test_find_for_address_without_city_gives_the_province(self):
        partner = self._address_partner(self.state_zj)
        self.assertEqual(self.Territory._find_for_address(partner), self.zhejiang)

    def test_find_for_address_ignores_a_same_named_city_of_another_province(self):
        partner = self._address_partner(self.state_js, "杭州市")
        self.assertEqual(self.Territory._find_for_address(partner), self.jiangsu)

    def test_find_for_address_without_state_is_empty(self):
        partner = self._address_partner(city="杭州市")
        found = self.Territory._find_for_address(partner)
        self.assertEqual(found._name, "dealer.territory")
        self.assertFalse(found)

    def test_find_for_address_of_a_contact_uses_its_company(self):
        company = self._address_partner(self.state_zj, "杭州市")
        contact = self.Partner.create({"name": "王伟", "parent_id": company.id, "type": "other"})
        contact.state_id = False
        self.assertEqual(self.Territory._find_for_address(contact), self.hangzhou)

    # ------------------------------------------------------------------ exclusive territories
    def test_exclusive_dealer_is_the_active_holder(self):
        self.assertEqual(self.wenzhou.exclusive_dealer_id, self.holder)

    def test_second_active_dealer_cannot_take_an_exclusive_territory(self):
        with self.assertRefused(ValidationError, re.escape(self.holder.name)):
            self.rival.write({"dealer_territory_ids": [Command.link(self.wenzhou.id)]})
        self.assertFalse(self.rival.dealer_territory_ids)
        self.assertEqual(self.wenzhou.dealer_ids, self.holder)

    def test_exclusive_conflict_message_names_the_territory_and_holder_code(self):
        pattern = re.escape(f"{self.wenzhou.complete_name}") + ".*" + re.escape(f"({self.holder.dealer_code})")
        with self.assertRefused(ValidationError, pattern):
            self.rival.write({"dealer_territory_ids": [Command.link(self.wenzhou.id)]})

    def test_exclusive_conflict_is_refused_from_the_territory_side(self):
        # from the territory side both active dealers are named: the holder and the newcomer
        pattern = f"{re.escape(self.holder.name)}.*{re.escape(self.rival.name)}"
        with self.assertRefused(ValidationError, pattern):
            self.wenzhou.write({"dealer_ids": [Command.link(self.rival.id)]})
        self.assertEqual(self.wenzhou.dealer_ids, self.holder)

    def test_new_active_dealer_cannot_be_created_on_an_exclusive_territory(self):
        with self.assertRefused(ValidationError, re.escape(self.holder.name)):
            self.Partner.create({
                "name": "温州丙公司", "is_company": True, "is_dealer": True, "dealer_state": "active",
                "dealer_territory_ids": [Command.set(self.wenzhou.ids)],
            })
        self.assertFalse(self.Partner.search([("name", "=", "温州丙公司")]))

    def test_prospect_may_hold_an_exclusive_territory(self):
        prospect = self._create_dealer("温州丁公司", dealer_territory_ids=[Command.set(self.wenzhou.ids)])
        self.assertEqual(self.wenzhou.dealer_ids, self.holder | prospect)
        self.assertEqual(self.wenzhou.exclusive_dealer_id, self.holder)

    def test_activating_a_prospect_on_a_held_exclusive_territory_fails(self):
        prospect = self._create_dealer("温州丁公司", dealer_territory_ids=[Command.set(self.wenzhou.ids)])
        with self.assertRefused(ValidationError, re.escape(self.holder.name)):
            prospect.action_dealer_activate()
        self.assertEqual(prospect.dealer_state, "prospect")
        self.assertFalse(prospect.dealer_since)

    def test_reactivating_a_dealer_whose_exclusive_territory_was_taken_fails(self):
        self.holder.action_dealer_suspend()
        self.rival.write({"dealer_territory_ids": [Command.link(self.wenzhou.id)]})
        self.assertEqual(self.wenzhou.exclusive_dealer_id, self.rival)
        with self.assertRefused(ValidationError, re.escape(self.rival.name)):
            self.holder.action_dealer_reactivate()
        self.assertEqual(self.holder.dealer_state, "suspended")

    def test_non_exclusive_territory_can_be_shared(self):
        self.holder.write({"dealer_territory_ids": [Command.link(self.hangzhou.id)]})
        self.rival.write({"dealer_territory_ids": [Command.link(self.hangzhou.id)]})
        self.assertEqual(self.hangzhou.dealer_ids, self.holder | self.rival)
        self.assertEqual(self.hangzhou.active_dealer_count, 2)
        self.assertFalse(self.hangzhou.exclusive_dealer_id)

    def test_shared_territory_cannot_become_exclusive(self):
        self.holder.write({"dealer_territory_ids": [Command.link(self.hangzhou.id)]})
        self.rival.write({"dealer_territory_ids": [Command.link(self.hangzhou.id)]})
        with self.assertRefused(ValidationError, "杭州 is exclusive and can be held by one active dealer only"):
            self.hangzhou.is_exclusive = True
        self.assertFalse(self.hangzhou.is_exclusive)
