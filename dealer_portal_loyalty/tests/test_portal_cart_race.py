from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_loyalty.tests.common import remove_committed_program, threshold_values
from odoo.addons.dealer_management.tests.common_race import DealerRaceCase


@tagged("post_install", "-at_install")
class TestPortalCartRace(DealerRaceCase):
    """A cart's quotation submitted twice at the same moment (a double click past the form, two tabs): it becomes an
    order once. The second submission waits on the dealer's row, is aborted by a serialization failure, and on its
    fresh snapshot the quotation is an order already: it is not taken over, numbered or confirmed again (called
    here below the HTTP layer, it then builds an order of its own; over HTTP the cart form's one-time token, spent by
    the first request, refuses it)."""

    @classmethod
    def _create_race_data(cls, env):
        grade = cls._race_grade(env, "RACE-CART", portal_auto_confirm=True)
        dealer = cls._race_dealers(env, ["Race Cart Dealer"], dealer_grade_id=grade.id)
        contact = env["res.partner"].create({"name": "Race Cart Buyer", "parent_id": dealer.id})
        user = new_test_user(env, "race_cart_buyer", groups="base.group_portal", partner_id=contact.id)
        product = env["product.product"].create({
            "name": "Race Cart Product", "type": "service", "list_price": 600.0, "taxes_id": [Command.clear()],
            "dealer_ok": True, "sale_ok": True,
        })
        program = env["loyalty.program"].create(threshold_values(
            "Race cart 满减", minimum=1000.0, discount=100.0, dealer_grade_ids=[Command.set(grade.ids)]))
        cart = {product.id: 2.0}
        env["sale.order"].with_user(user)._dealer_portal_promotion_preview(dealer, cart)
        quotation = env["sale.order"].sudo().search([("dealer_portal_user_id", "=", user.id),
                                                     ("dealer_portal_cart_key", "!=", False)])
        return {"grade": grade.id, "dealer": dealer.id, "contact": contact.id, "user": user.id,
                "product": product.id, "program": program.id, "quotation": quotation.id}

    @classmethod
    def _remove_race_data(cls, env, ids):
        orders = env["sale.order"].search([("partner_id", "=", ids["dealer"])])
        cls._unlink_committed(orders, "draft")
        remove_committed_program(env["loyalty.program"].browse(ids["program"]),
                                 env["product.product"].browse(ids["product"]))
        env["res.users"].browse(ids["user"]).unlink()
        env["res.partner"].browse([ids["contact"], ids["dealer"]]).unlink()
        env["dealer.grade"].browse(ids["grade"]).unlink()

    def test_cart_quotation_becomes_an_order_once(self):
        ids = self.race_ids
        self.assertTrue(ids["quotation"], "the cart page built the cart's quotation")

        def submit(env):
            dealer = env["res.partner"].browse(ids["dealer"])
            return env["sale.order"]._dealer_portal_submit(dealer, {ids["product"]: 2.0}).id

        outcome = self._race(submit, submit, uid=ids["user"])
        self.assertTrue(outcome["waited"], "the second submission did not wait for the first")
        self.assertTrue(outcome["retried"], "the second submission was not aborted by a serialization failure")
        self.assertNotEqual(outcome.get("result"), ids["quotation"], "the quotation was taken over twice")
        with self._committed_env() as env:
            quotation = env["sale.order"].browse(ids["quotation"])
            self.assertEqual(quotation.state, "sale")
            self.assertFalse(quotation.dealer_portal_cart_key)
            self.assertEqual(len(quotation.order_line.filtered("reward_id")), 1, "its reward applied once")
            self.assertEqual(env["sale.order"].search_count([("name", "=", quotation.name)]), 1,
                             "its number taken once")
            self.assertEqual(env["sale.order"].search_count([("dealer_portal_cart_key", "!=", False),
                                                             ("partner_id", "=", ids["dealer"])]), 0)
