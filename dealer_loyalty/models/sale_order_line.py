from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.dealer_management.models.sale_order_line import CHECKED_LINE_FIELDS

# Line fields that make or change a reward: only Odoo's loyalty engine writes them on a dealer order.
REWARD_FIELDS = frozenset({"reward_id", "coupon_id", "points_cost", "reward_identifier_code"})


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        """A reward line on a dealer order comes from a program, through the engine, never typed."""
        if any(REWARD_FIELDS & vals.keys() and vals.get("reward_id") for vals in vals_list):
            orders = self.env["sale.order"].browse(
                {vals["order_id"] for vals in vals_list if vals.get("reward_id") and vals.get("order_id")})
            self._dealer_check_reward_write(orders)
        return super().create(vals_list)

    def write(self, vals):
        """The price, quantity or reward of a dealer order's reward line is the program's, not the user's."""
        touched = (REWARD_FIELDS | CHECKED_LINE_FIELDS) & vals.keys()
        if touched:
            lines = self if REWARD_FIELDS & vals.keys() and vals.get("reward_id") else self.filtered("reward_id")
            self._dealer_check_reward_write(lines.order_id)
        return super().write(vals)

    def _dealer_check_reward_write(self, orders):
        if not orders or self.env["sale.order"].with_env(self.env)._dealer_loyalty_engine_running():
            return
        if orders.filtered("dealer_is_dealer_order"):
            raise UserError(_(
                "The reward lines of a dealer order come from its promotions: they cannot be typed or changed. "
                "Apply a promotion with the Promotions or Coupon buttons, or remove its reward line."
            ))
