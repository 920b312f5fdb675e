"""Trade promotions on dealer orders.

- Which programs an order may use is decided where Odoo decides it (``_get_program_domain`` and
  ``_get_trigger_domain``, which every path reads: automatic programs, promo codes, coupons, the reward wizard),
  plus the dealer's grade, territories and name and the budget left.
- A dealer order's confirmation applies its promotions first (the rewards a program gives without a choice),
  then checks the programs' budgets under a row lock, then runs the dealer checks.
- A dealer order's reward lines are written by Odoo's loyalty engine only: a line typed with a reward (to hide
  a discount from the floor-price check) is refused.
- Odoo's loyalty engine runs once per state of the order: after a pass, the order keeps a fingerprint of what the
  pass read (its lines, customer, coupons and the programs open to it, in this transaction); a pass over an order
  whose fingerprint is unchanged (the confirmation right after the portal submission applied the promotions) has
  nothing to do and is skipped. Only the engine writes the fingerprint, in SQL; no create or write may set it.
"""
import hashlib
from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.dealer_management.models.dealer_workflow_mixin import context_defaults

# Context value of Odoo's loyalty engine at work (it may write reward lines). A private Python object: no RPC call
# carries it. One object for every pass, so that a pass reuses the environment of the one before (an environment per
# pass stayed alive in reference cycles and made long batches of confirmations slower and slower).
_ENGINE_TOKEN = object()
# what a pass keeps for itself, in the cursor's cache while it runs: the programs whose budget is spent (no order is
# confirmed during a pass, so the budget query runs once, not at each of the engine's program-domain evaluations)
_PASS_KEY = "dealer_loyalty_engine_pass"


# context key of a pass that claims rewards right after (_dealer_apply_promotions, which compared the fingerprint
# already): its fingerprint would describe an order about to change
_CLAIMS_FOLLOW = "dealer_loyalty_claims_follow"

FINGERPRINT_FIELD = "dealer_promotion_fingerprint"
# the order line values the loyalty engine reads (and writes)
_LINE_FINGERPRINT_FIELDS = ("product_id", "product_uom", "product_uom_qty", "price_unit", "discount", "tax_id",
                            "reward_id", "coupon_id", "points_cost", "reward_identifier_code", "is_reward_line")
# the order values it reads
_ORDER_FINGERPRINT_FIELDS = ("partner_id", "pricelist_id", "company_id", "currency_id", "fiscal_position_id",
                             "code_enabled_rule_ids")


def _values_signature(records, fnames):
    """[(id, value, ...)] of `records` for `fnames`, relations as ids, by id: what a fingerprint hashes (in the order
    of the ids, not of a search: rows of equal sequence come back in any order, e.g. once one of them was locked)."""
    return [(record.id, *(sorted(value.ids) if isinstance(value, models.BaseModel) else value
                          for value in (record[fname] for fname in fnames))) for record in records.sorted("id")]


def _columns_signature(records):
    """The values of every stored column and many2many of `records` (rules, rewards, programs), as ids."""
    fnames = sorted(name for name, field in records._fields.items() if field.store
                    and (field.column_type or field.type == "many2many") and name not in models.MAGIC_COLUMNS)
    return _values_signature(records, fnames)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_promotion_fingerprint = fields.Char(
        string="Promotions Fingerprint", copy=False, readonly=True,
        help="Technical: what Odoo's loyalty engine read when it last updated the order's promotions, in this "
             "transaction. Written by the engine only.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._dealer_check_fingerprint_write({fname for vals in vals_list for fname in vals}
                                             | set(context_defaults(self.env)))
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_check_fingerprint_write(vals)
        return super().write(vals)

    def _dealer_check_fingerprint_write(self, fnames):
        """Nobody writes the fingerprint through the ORM (RPC, import, default_* key, sudo code alike)."""
        if FINGERPRINT_FIELD in fnames:
            raise AccessError(_("The promotions fingerprint of an order is written by the promotions engine only."))

    # ------------------------------------------------------------------ which programs
    def _dealer_program_domain(self):
        """The dealer limits and the budget, as a domain on loyalty.program."""
        self.ensure_one()
        Program = self.env["loyalty.program"]
        engine_pass = self.env.cr.cache.get(_PASS_KEY) if self._dealer_loyalty_engine_running() else None
        if engine_pass is None:
            spent_out_ids = Program._dealer_spent_out_ids()
        else:
            if engine_pass.get("spent_out_ids") is None:
                engine_pass["spent_out_ids"] = Program._dealer_spent_out_ids()
            spent_out_ids = engine_pass["spent_out_ids"]
        return expression.AND([
            Program._dealer_open_domain(self.partner_id),
            [("id", "not in", spent_out_ids)],
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
        if self._dealer_loyalty_engine_running():  # a pass within a pass (a claim during an update): the same pass
            yield self
            return
        cache = self.env.cr.cache
        cache[_PASS_KEY] = {}
        try:
            yield self.with_context(dealer_loyalty_engine=_ENGINE_TOKEN)
        finally:
            cache.pop(_PASS_KEY, None)

    def _dealer_loyalty_engine_running(self):
        return self.env.context.get("dealer_loyalty_engine") is _ENGINE_TOKEN

    def _update_programs_and_rewards(self):
        """Odoo's pass over the programs and rewards, skipped on a dealer order whose fingerprint says that a pass
        of this transaction already saw it as it is now (nothing the pass reads changed since)."""
        dealer_order = self.dealer_is_dealer_order and self.state in ("draft", "sent")
        claims_follow = self.env.context.get(_CLAIMS_FOLLOW)  # _dealer_apply_promotions, which checked already
        with self._dealer_loyalty_engine() as order:
            if dealer_order and not claims_follow and order._dealer_promotions_current():
                return None
            result = super(SaleOrder, order)._update_programs_and_rewards()
            if dealer_order and not claims_follow:
                order._dealer_store_promotion_fingerprint()
        return result

    # ------------------------------------------------------------------ fingerprint of an engine pass
    def _dealer_promotion_fingerprint(self):
        """A hash of what Odoo's loyalty engine reads on this order, computed on the server from the database, in
        two parts "order:programs": the order's customer, pricelist, lines, coupons, point entries and code rules;
        then the transaction, the day, the customer's own loyalty cards and the programs open to the order with
        their rules and rewards."""
        return f"{self._dealer_fingerprint_order_part()}:{self._dealer_fingerprint_program_part()}"

    def _dealer_fingerprint_order_part(self):
        """The order's own part of the fingerprint (from the cache: no query for an order just updated)."""
        self.ensure_one()
        order = self.sudo()  # sudo: coupons and point entries are read to hash them, nothing is returned
        coupons = order.applied_coupon_ids | order.coupon_point_ids.coupon_id | order.order_line.coupon_id
        return hashlib.sha256(repr((
            _values_signature(order, _ORDER_FINGERPRINT_FIELDS),
            _values_signature(order.order_line, _LINE_FINGERPRINT_FIELDS),
            _values_signature(order.coupon_point_ids, ("coupon_id", "points")),
            _values_signature(coupons, ("program_id", "partner_id", "points", "expiration_date")),
        )).encode()).hexdigest()

    def _dealer_fingerprint_program_part(self):
        """The transaction's and the programs' part of the fingerprint."""
        self.ensure_one()
        order = self.sudo()  # sudo: programs and cards are read to hash them, whoever updates; nothing is returned
        programs = (order.env["loyalty.program"].search(order._get_program_domain())
                    | order.coupon_point_ids.coupon_id.program_id | order.applied_coupon_ids.program_id
                    | order.order_line.reward_id.program_id | order.code_enabled_rule_ids.program_id)
        cards = order.env["loyalty.card"].search([("partner_id", "=", order.partner_id.id), ("points", ">", 0)])
        self.env.cr.execute(SQL("SELECT txid_current()"))
        return hashlib.sha256(repr((
            self.env.cr.fetchone()[0], fields.Date.context_today(self),
            _values_signature(cards, ("program_id", "points", "expiration_date")),
            _columns_signature(programs), _columns_signature(programs.rule_ids),
            _columns_signature(programs.reward_ids),
        )).encode()).hexdigest()

    def _dealer_promotions_current(self):
        """Whether the fingerprint stored by the last engine pass is the order's fingerprint now (the order's part
        first: a changed order needs no program search)."""
        self.ensure_one()
        stored = self.sudo()[FINGERPRINT_FIELD] or ""  # sudo: a technical field, compared only
        order_part, _sep, program_part = stored.partition(":")
        return bool(program_part) and order_part == self._dealer_fingerprint_order_part() \
            and program_part == self._dealer_fingerprint_program_part()

    def _dealer_store_promotion_fingerprint(self):
        """Keep the fingerprint of the pass that just ran. In SQL: the ORM refuses this field to every caller,
        and writing the order must not need the user's write right (a salesperson may confirm, not change)."""
        self.ensure_one()
        self.env.cr.execute(SQL("UPDATE sale_order SET %s = %s WHERE id = %s", SQL.identifier(FINGERPRINT_FIELD),
                                self._dealer_promotion_fingerprint(), self.id))
        self.invalidate_recordset([FINGERPRINT_FIELD])

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
            # a pass of this transaction saw the order as it is now and claimed nothing after it: nothing to do
            if not order._dealer_may_have_promotions() or order._dealer_promotions_current():
                continue
            # the pass's fingerprint is kept only if no claim follows (a claim changes the order it describes)
            order.with_context(**{_CLAIMS_FOLLOW: True})._update_programs_and_rewards()
            claimed = False
            for coupon, rewards in order._get_claimable_rewards().items():
                program = coupon.program_id
                if (len(program.reward_ids) != 1 or program.is_nominative or rewards in order.order_line.reward_id
                        or (rewards.reward_type == "product" and rewards.multi_product)):
                    continue
                order._apply_program_reward(rewards, coupon)
                claimed = True
            if not claimed:
                order._dealer_store_promotion_fingerprint()

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
