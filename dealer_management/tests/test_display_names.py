"""Forms show no raw technical values: every record a form links to has a readable name."""
import re
from datetime import date

from odoo import Command, models
from odoo.tests import tagged

from .common import DealerTestCommon

# what Odoo shows for a record of a model without a name: "dealer.contract.rebate.tier,3"
RAW_NAME = re.compile(r"^[a-z_.]+,\d+$|\(\)")


@tagged("post_install", "-at_install")
class TestDealerDisplayNames(DealerTestCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer = cls._create_dealer("Suzhou Trading", state="active")
        cls.contract = cls._create_contract(
            cls.dealer, date(2025, 1, 1), date(2025, 12, 31), activate=False,
            rebate_tier_ids=[
                Command.create({"achievement_min": 0.0, "rebate_percent": 1.0}),
                Command.create({"achievement_min": 100.0, "rebate_percent": 3.0, "fixed_bonus": 2000.0}),
                Command.create({"achievement_min": 120.5, "rebate_percent": 4.25}),
            ],
        )

    def test_every_linked_model_of_the_suite_has_a_name(self):
        """A many2one or many2many of any model to a model of our addons shows a name, never "model,id"."""
        nameless = set()
        for model_name in self.env.registry:
            for field in self.env[model_name]._fields.values():
                self.assertNotEqual(
                    (field.type, (field._module or "").startswith("dealer_")), ("reference", True),
                    f"{field}: a reference field shows 'model,id' in forms",
                )
                if field.type not in ("many2one", "many2many"):
                    continue
                comodel = self.env[field.comodel_name]
                if not (comodel._original_module or "").startswith("dealer_"):
                    continue
                named = comodel._rec_name in comodel._fields or (
                    type(comodel)._compute_display_name is not models.BaseModel._compute_display_name
                )
                if not named:
                    nameless.add(f"{field} → {comodel._name}")
        self.assertFalse(sorted(nameless), "linked models without a name show 'model,id' in forms")

    def test_rebate_tier_reads_as_its_terms(self):
        names = self.contract.rebate_tier_ids.sorted("achievement_min").mapped("display_name")
        self.assertEqual(names[0], "From 0% of target: 1% rebate")
        self.assertRegex(names[1], r"^From 100% of target: 3% rebate \+ .*2,000\.00 bonus$")
        self.assertEqual(names[2], "From 120.5% of target: 4.25% rebate")
        for name in names:
            self.assertNotRegex(name, RAW_NAME)

    def test_rebate_line_reads_as_its_description(self):
        """An assessment proposal links its rebate bonus line: it reads as the line's text."""
        self.contract.action_activate()
        rebate = self.env["dealer.rebate"].create({
            "contract_id": self.contract.id, "date_from": date(2025, 1, 1), "date_to": date(2025, 6, 30),
            "line_ids": [Command.create({"kind": "bonus", "description": "Best newcomer", "amount": 500.0})],
        })
        self.assertEqual(rebate.line_ids.display_name, "Best newcomer")
