from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common_race import DealerRaceCase


@tagged("post_install", "-at_install")
class TestDealerCreditRace(DealerRaceCase):
    """Two transactions confirming orders of one dealer at the same moment cannot both pass the limit."""

    @classmethod
    def _create_race_data(cls, env):
        grade = cls._race_grade(env, "RACE-T", check_credit=True)
        dealer = cls._race_dealers(env, ["Race Dealer"], dealer_grade_id=grade.id)
        dealer.with_company(env.company).credit_limit = 1000.0
        product = env["product.product"].create({
            "name": "Race Product", "type": "service", "list_price": 600.0, "taxes_id": [Command.clear()],
        })
        orders = env["sale.order"].create([{
            "partner_id": dealer.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1, "price_unit": 600.0})],
        } for _index in range(2)])
        return {"grade": grade.id, "dealer": dealer.id, "product": product.id, "orders": orders.ids}

    @classmethod
    def _remove_race_data(cls, env, ids):
        orders = env["sale.order"].browse(ids["orders"]).exists()
        orders._action_cancel()
        orders.unlink()
        env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
        env["res.partner"].browse(ids["dealer"]).unlink()
        env["dealer.grade"].browse(ids["grade"]).unlink()

    def test_concurrent_confirmations_respect_credit_limit(self):
        order_a_id, order_b_id = self.race_ids["orders"]
        # A: 0 + 600 <= 1000, passes and holds the dealer's row lock until commit; B waits for it, is aborted by
        # PostgreSQL instead of confirming on a stale snapshot, and Odoo's RPC layer runs it again on a fresh
        # one: now A counts and the limit refuses B
        outcome = self._race_calls("sale.order", order_a_id, order_b_id, "action_confirm")
        self.assertRaceRefused(outcome, UserError, "Credit limit exceeded")
        self.assertTrue(outcome["retried"], "B was not aborted by a serialization failure")
        with self._committed_env() as env:
            self.assertEqual(env["sale.order"].browse(order_b_id).state, "draft")
            self.assertEqual(env["sale.order"].browse(order_a_id).state, "sale")
