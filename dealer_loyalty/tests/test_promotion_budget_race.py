from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common_race import DealerRaceCase

from .common import remove_committed_program, threshold_values


@tagged("post_install", "-at_install")
class TestPromotionBudgetRace(DealerRaceCase):
    """Two orders confirmed at the same moment cannot both spend the last of a promotion's budget."""

    @classmethod
    def _create_race_data(cls, env):
        grade = cls._race_grade(env, "RACE-PROMO")
        dealer = cls._race_dealers(env, ["Race Promo Dealer"], dealer_grade_id=grade.id)
        product = env["product.product"].create({
            "name": "Race Promo Product", "type": "service", "list_price": 600.0, "taxes_id": [Command.clear()],
        })
        program = env["loyalty.program"].create(threshold_values(
            "Race 满减", minimum=1000.0, discount=100.0, dealer_budget=150.0,
            dealer_grade_ids=[Command.set(grade.ids)],
        ))
        orders = env["sale.order"].create([{
            "partner_id": dealer.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2})],
        } for _index in range(2)])
        for order in orders:  # both carry the reward while 150 are left
            order._dealer_apply_promotions()
        return {"grade": grade.id, "dealer": dealer.id, "product": product.id, "orders": orders.ids,
                "program": program.id}

    @classmethod
    def _remove_race_data(cls, env, ids):
        orders = env["sale.order"].browse(ids["orders"]).exists()
        orders._action_cancel()
        orders.unlink()
        remove_committed_program(env["loyalty.program"].browse(ids["program"]),
                                 env["product.product"].browse(ids["product"]))
        env["res.partner"].browse(ids["dealer"]).unlink()
        env["dealer.grade"].browse(ids["grade"]).unlink()

    def test_concurrent_confirmations_respect_the_budget(self):
        order_a_id, order_b_id = self.race_ids["orders"]
        # A spends 100 of 150 and holds the program's row lock until commit; B waits, is aborted by a serialization
        # failure, and on its fresh snapshot A's 100 count: 200 > 150, refused
        outcome = self._race_calls("sale.order", order_a_id, order_b_id, "action_confirm")
        self.assertRaceRefused(outcome, UserError, "The budget of promotion Race 满减 is spent")
        self.assertTrue(outcome["retried"], "B was not aborted by a serialization failure")
        with self._committed_env() as env:
            self.assertEqual(env["sale.order"].browse(order_a_id).state, "sale")
            self.assertEqual(env["sale.order"].browse(order_b_id).state, "draft")
            self.assertEqual(env["loyalty.program"].browse(self.race_ids["program"]).dealer_budget_spent, 100.0)
