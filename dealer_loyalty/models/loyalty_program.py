"""Odoo's loyalty programs as dealer trade promotions: who may use them, and the budget that stops them."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, format_amount, formatLang

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows

# One reward line's cost to the company, in SQL over sale_order_line `line` joined to loyalty_reward `reward`:
# a discount line costs what it takes off (its negative subtotal), a free product (买赠) its price before the
# 100 % discount. The units are the free products' quantities.
_REWARD_COST_SQL = SQL("""CASE WHEN line.price_subtotal < 0 THEN -line.price_subtotal
                               ELSE line.price_unit * line.product_uom_qty * COALESCE(line.discount, 0) / 100.0 END""")
_REWARD_UNITS_SQL = SQL("CASE WHEN reward.reward_type = 'product' THEN line.product_uom_qty ELSE 0 END")
# the program types that are trade promotions (gift cards, eWallets and loyalty cards are the customer's own money
# or points, not the company's promotions)
PROMOTION_TYPES = ("promotion", "buy_x_get_y", "coupons", "promo_code", "next_order_coupons")


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    dealer_grade_ids = fields.Many2many(
        "dealer.grade", "loyalty_program_dealer_grade_rel", "program_id", "grade_id", string="Dealer Grades",
        help="Only dealers of these grades get the promotion; empty: every grade.",
    )
    dealer_territory_ids = fields.Many2many(
        "dealer.territory", "loyalty_program_dealer_territory_rel", "program_id", "territory_id",
        string="Dealer Territories",
        help="Only dealers with a territory in (or under) one of these get the promotion; empty: every territory.",
    )
    dealer_partner_ids = fields.Many2many(
        "res.partner", "loyalty_program_dealer_partner_rel", "program_id", "partner_id", string="Named Dealers",
        domain=[("is_dealer", "=", True)],
        help="Only these dealers get the promotion; empty: every dealer of the grades and territories above.",
    )
    dealer_budget_type = fields.Selection(
        [("amount", "Reward cost"), ("units", "Free units")], string="Budget In", default="amount",
        help="What the budget counts: the cost of the rewards (discounts and free products at their price) or "
             "the number of free units given.",
    )
    dealer_budget = fields.Float(
        string="Budget", digits="Product Price",
        help="Once the rewards of confirmed orders reach it, the promotion stops; 0: no budget.",
    )
    dealer_budget_spent = fields.Float(
        string="Budget Spent", compute="_compute_dealer_budget_spent", digits="Product Price",
        help="The rewards of the confirmed orders, counted as the budget says.",
    )
    dealer_budget_left = fields.Float(string="Budget Left", compute="_compute_dealer_budget_spent",
                                      digits="Product Price")

    _sql_constraints = [
        ("dealer_budget_positive", "CHECK(dealer_budget >= 0)", "A promotion's budget cannot be negative."),
    ]

    # ------------------------------------------------------------------ who may use it
    @api.model
    def _dealer_open_domain(self, partner):
        """Domain of the programs `partner` may use: a dealer those of its grade, territories and name; any other
        customer only the programs without a dealer limit (Odoo's own behaviour)."""
        dealer = partner.commercial_partner_id
        if not dealer.is_dealer:
            return [("dealer_grade_ids", "=", False), ("dealer_territory_ids", "=", False),
                    ("dealer_partner_ids", "=", False)]
        territories = dealer.dealer_territory_ids
        return [
            "|", ("dealer_grade_ids", "=", False), ("dealer_grade_ids", "in", dealer.dealer_grade_id.ids),
            "|", ("dealer_territory_ids", "=", False),
            ("dealer_territory_ids", "parent_of", territories.ids) if territories else ("id", "=", False),
            "|", ("dealer_partner_ids", "=", False), ("dealer_partner_ids", "in", dealer.ids),
        ]

    @api.model
    def _dealer_spent_out_ids(self):
        """Ids of the programs whose budget the confirmed orders have spent (one query)."""
        self._dealer_flush_spending()
        self.env.cr.execute(SQL(
            """
            SELECT program.id
              FROM loyalty_program program
              JOIN loyalty_reward reward ON reward.program_id = program.id
              JOIN sale_order_line line ON line.reward_id = reward.id
              JOIN sale_order so ON so.id = line.order_id AND so.state = 'sale'
             WHERE program.dealer_budget > 0
             GROUP BY program.id
            HAVING SUM(CASE WHEN program.dealer_budget_type = 'units' THEN %(units)s ELSE %(cost)s END)
                   >= MAX(program.dealer_budget)
            """,
            units=_REWARD_UNITS_SQL, cost=_REWARD_COST_SQL,
        ))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _dealer_open_programs(self, partner, company, pricelist=None):
        """The trade promotions open to `partner` today in `company`: active, in their dates, for its pricelist, its
        dealer limits met and their budget not spent (as ``sale.order._get_program_domain`` decides for an order)."""
        today = fields.Date.context_today(self)
        pricelist_ids = pricelist.ids if pricelist else []
        return self.search(expression.AND([
            [("active", "=", True), ("sale_ok", "=", True), ("program_type", "in", PROMOTION_TYPES),
             *self._check_company_domain([company.id, company.parent_id.id]),
             "|", ("pricelist_ids", "=", False), ("pricelist_ids", "in", pricelist_ids),
             "|", ("date_from", "=", False), ("date_from", "<=", today),
             "|", ("date_to", "=", False), ("date_to", ">=", today)],
            self._dealer_open_domain(partner),
            [("id", "not in", self._dealer_spent_out_ids())],
        ]))

    # ------------------------------------------------------------------ budget
    @api.model
    def _dealer_flush_spending(self):
        """Write what the budget queries read: the programs' budgets, the reward lines, the orders' status."""
        self.flush_model(["dealer_budget", "dealer_budget_type"])
        self.env["loyalty.reward"].flush_model(["program_id", "reward_type"])
        self.env["sale.order.line"].flush_model(
            ["order_id", "reward_id", "price_unit", "product_uom_qty", "discount", "price_subtotal"])
        self.env["sale.order"].flush_model(["state"])

    def _dealer_spent(self, orders=None):
        """{program id: (reward cost, free units)} of the confirmed orders, plus `orders` (being confirmed)."""
        if not self.ids:
            return {}
        self._dealer_flush_spending()
        self.env.cr.execute(SQL(
            """
            SELECT reward.program_id, SUM(%(cost)s), SUM(%(units)s)
              FROM sale_order_line line
              JOIN loyalty_reward reward ON reward.id = line.reward_id
              JOIN sale_order so ON so.id = line.order_id
             WHERE reward.program_id IN %(programs)s
               AND (so.state = 'sale' OR so.id IN %(orders)s)
             GROUP BY reward.program_id
            """,
            cost=_REWARD_COST_SQL, units=_REWARD_UNITS_SQL, programs=tuple(self.ids),
            orders=tuple(orders.ids) if orders and orders.ids else (0,),
        ))
        return {program_id: (cost or 0.0, units or 0.0) for program_id, cost, units in self.env.cr.fetchall()}

    @api.depends("dealer_budget", "dealer_budget_type")
    def _compute_dealer_budget_spent(self):
        spent = self._dealer_spent()
        for program in self:
            cost, units = spent.get(program.id, (0.0, 0.0))
            program.dealer_budget_spent = units if program.dealer_budget_type == "units" else cost
            program.dealer_budget_left = max(program.dealer_budget - program.dealer_budget_spent, 0.0) \
                if program.dealer_budget else 0.0

    def _dealer_check_budget(self, orders):
        """Refuse confirming `orders` when their rewards take a program over its budget.

        The programs' rows are locked first (``lock_rows``): two orders spending the last of a budget at the same
        moment are serialized, the second one is retried on a snapshot that counts the first one's rewards.
        """
        programs = self.filtered("dealer_budget")
        if not programs:
            return
        lock_rows(programs)
        spent = programs._dealer_spent(orders)
        for program in programs:
            cost, units = spent.get(program.id, (0.0, 0.0))
            if program.dealer_budget_type == "units":
                over = units > program.dealer_budget
                used, budget = formatLang(self.env, units), formatLang(self.env, program.dealer_budget)
            else:
                over = program.currency_id.compare_amounts(cost, program.dealer_budget) > 0
                used = format_amount(self.env, cost, program.currency_id)
                budget = format_amount(self.env, program.dealer_budget, program.currency_id)
            if over:
                raise UserError(_(
                    "The budget of promotion %(program)s is spent: with this order its rewards would reach "
                    "%(used)s, over its budget of %(budget)s. Remove the promotion's reward from the order.",
                    program=program.display_name, used=used, budget=budget,
                ))
