"""Trade promotions on dealer orders.

- Which programs an order may use is decided where Odoo decides it (``_get_program_domain`` and
  ``_get_trigger_domain``, which every path reads: automatic programs, promo codes, coupons, the reward wizard),
  plus the dealer's grade, territories and name and the budget left.
- A dealer order's confirmation applies its promotions first (the rewards a program gives without a choice),
  then checks the programs' budgets under a row lock, then runs the dealer checks.
- A dealer order's reward lines are written by Odoo's loyalty engine only: a line typed with a reward (to hide
  a discount from the floor-price check) is refused.
"""
from contextlib import contextmanager

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.osv import expression

# Context value of Odoo's loyalty engine writing reward lines. A private Python object: no RPC call carries it.
_ENGINE_TOKEN = object()


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------------ which programs
    def _dealer_program_domain(self):
        """The dealer limits and the budget, as a domain on loyalty.program."""
        self.ensure_one()
        Program = self.env["loyalty.program"]
        return expression.AND([
            Program._dealer_open_domain(self.partner_id),
            [("id", "not in", Program._dealer_spent_out_ids())],
        ])

    def _get_program_domain(self):
        return expression.AND([super()._get_program_domain(), self._dealer_program_domain()])

    def _get_trigger_domain(self):
        program_domain = self._dealer_program_domain()
        ids = self.env["loyalty.program"].with_context(active_test=False)._search(program_domain)
        return expression.AND([super()._get_trigger_domain(), [("program_id", "in", ids)]])

    def _program_check_compute_points(self, programs):
        """A program the order may not use (dealer limits, budget spent) is in error, whatever path tested it."""
        result = super()._program_check_compute_points(programs)
        open_programs = programs.filtered_domain(self._dealer_program_domain()) if programs else programs
        for program in programs - open_programs:
            result[program] = {"error": _("This promotion is not open to %(customer)s.",
                                          customer=self.partner_id.commercial_partner_id.display_name)}
        return result

    def _try_apply_code(self, code):
        """A coupon issued to a customer is that customer's: another one cannot use its code."""
        self.ensure_one()
        coupon = self.env["loyalty.card"].search([("code", "=", code)], limit=1)
        owner = coupon.partner_id.commercial_partner_id
        if owner and owner != self.partner_id.commercial_partner_id:
            return {"error": _("This coupon belongs to another customer: it cannot be used on this order."),
                    "not_found": True}
        return super()._try_apply_code(code)

    # ------------------------------------------------------------------ the engine writes reward lines
    @contextmanager
    def _dealer_loyalty_engine(self):
        """Yield self with the context that lets Odoo's loyalty engine write reward lines."""
        yield self.with_context(dealer_loyalty_engine=_ENGINE_TOKEN)

    def _dealer_loyalty_engine_running(self):
        return self.env.context.get("dealer_loyalty_engine") is _ENGINE_TOKEN

    def _update_programs_and_rewards(self):
        with self._dealer_loyalty_engine() as order:
            return super(SaleOrder, order)._update_programs_and_rewards()

    def _apply_program_reward(self, reward, coupon, **kwargs):
        """Refuse a reward of a program the order may not use (whatever claimed it), then let the engine write."""
        self.ensure_one()
        if not reward.program_id.filtered_domain(self._get_program_domain()):
            raise UserError(_("The promotion %(program)s is not open to %(customer)s.",
                              program=reward.program_id.display_name,
                              customer=self.partner_id.commercial_partner_id.display_name))
        with self._dealer_loyalty_engine() as order:
            return super(SaleOrder, order)._apply_program_reward(reward, coupon, **kwargs)

    def copy(self, default=None):
        with self._dealer_loyalty_engine() as orders:
            return super(SaleOrder, orders).copy(default).with_env(self.env)

    # ------------------------------------------------------------------ confirmation: rewards, budget, checks
    def _dealer_apply_promotions(self):
        """Apply the promotions of draft dealer orders: update the programs, then claim each reward a program
        gives without a choice (its only reward, not one of several products), as Odoo's shop does."""
        for order in self.filtered(lambda o: o.state in ("draft", "sent") and o.dealer_is_dealer_order):
            if not order._dealer_may_have_promotions():
                continue
            order._update_programs_and_rewards()
            for coupon, rewards in order._get_claimable_rewards().items():
                program = coupon.program_id
                if (len(program.reward_ids) != 1 or program.is_nominative or rewards in order.order_line.reward_id
                        or (rewards.reward_type == "product" and rewards.multi_product)):
                    continue
                order._apply_program_reward(rewards, coupon)

    def _dealer_may_have_promotions(self):
        """Whether a promotion is on the order or may apply to it: otherwise the engine has nothing to do (and the
        order is not written before its checks, e.g. by a salesperson who may confirm but not change it)."""
        self.ensure_one()
        if self.applied_coupon_ids or self.coupon_point_ids or self.code_enabled_rule_ids or self.order_line.reward_id:
            return True
        return bool(self.env["loyalty.program"].search_count(
            expression.AND([self._get_program_domain(), [("trigger", "=", "auto")]]), limit=1))

    def action_confirm(self):
        """Promotions first, then their budgets (row lock), then the dealer checks and Odoo's confirmation."""
        drafts = self.filtered(lambda o: o.state in ("draft", "sent") and o.dealer_is_dealer_order)
        drafts._dealer_apply_promotions()
        drafts.order_line.reward_id.program_id._dealer_check_budget(drafts)
        return super().action_confirm()

    def _dealer_floor_price_lines(self):
        """The company's own promotion rewards (a 买赠 free unit, a programme discount) are priced by the company:
        not a floor-price breach. Only the engine writes reward lines (see SaleOrderLine), so a discount typed by
        a salesperson is still checked."""
        return super()._dealer_floor_price_lines().filtered(lambda line: not line.reward_id)

    @api.model
    def _dealer_reward_saving(self, lines):
        """What the reward `lines` take off the order: discounts and free products at their price."""
        return sum(
            -line.price_subtotal if line.price_subtotal < 0 else line.price_unit * line.product_uom_qty
            * (line.discount or 0.0) / 100.0
            for line in lines
        )
