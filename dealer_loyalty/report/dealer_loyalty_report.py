from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.loyalty_program import _REWARD_COST_SQL, _REWARD_UNITS_SQL


class DealerLoyaltyReport(models.Model):
    """One row per promotion and dealer that used it: orders, reward cost, and the dealer's sales in the
    promotion's window against the same number of days just before it (a SQL view over Odoo's own tables)."""

    _name = "dealer.loyalty.report"
    _description = "Trade Promotion Analysis"
    _auto = False
    _order = "program_id, partner_id"
    _rec_name = "program_id"

    program_id = fields.Many2one("loyalty.program", string="Promotion", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Dealer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_from = fields.Date(string="Window Start", readonly=True)
    date_to = fields.Date(string="Window End", readonly=True)
    dealer_count = fields.Integer(string="Dealers", readonly=True, aggregator="sum")
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    reward_cost = fields.Float(readonly=True, aggregator="sum")
    reward_units = fields.Float(string="Free Units", readonly=True, aggregator="sum")
    sales_window = fields.Float(string="Sales in the Window", readonly=True, aggregator="sum",
                                help="The dealer's confirmed orders (untaxed) dated in the promotion's window.")
    sales_before = fields.Float(readonly=True, aggregator="sum",
                                help="The same, over as many days just before the window.")
    sales_change = fields.Float(readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(table)s AS (
              WITH used AS (
                SELECT reward.program_id, partner.commercial_partner_id AS partner_id,
                       COUNT(DISTINCT so.id) AS order_count, SUM(%(cost)s) AS reward_cost,
                       SUM(%(units)s) AS reward_units, MIN(so.date_order)::date AS first_day
                  FROM sale_order_line line
                  JOIN loyalty_reward reward ON reward.id = line.reward_id
                  JOIN sale_order so ON so.id = line.order_id AND so.state = 'sale'
                  JOIN res_partner partner ON partner.id = so.partner_id
                 GROUP BY reward.program_id, partner.commercial_partner_id
              ), windows AS (
                SELECT used.*, program.company_id,
                       COALESCE(program.date_from, used.first_day) AS day_from,
                       GREATEST(LEAST(COALESCE(program.date_to, CURRENT_DATE), CURRENT_DATE),
                                COALESCE(program.date_from, used.first_day)) AS day_to
                  FROM used JOIN loyalty_program program ON program.id = used.program_id
              ), sales AS (
                SELECT windows.program_id, windows.partner_id,
                       SUM(CASE WHEN so.date_order::date BETWEEN windows.day_from AND windows.day_to
                                THEN so.amount_untaxed ELSE 0 END) AS sales_window,
                       SUM(CASE WHEN so.date_order::date < windows.day_from
                                 AND so.date_order::date >= windows.day_from - (windows.day_to - windows.day_from + 1)
                                THEN so.amount_untaxed ELSE 0 END) AS sales_before
                  FROM windows
                  JOIN res_partner partner ON partner.commercial_partner_id = windows.partner_id
                  JOIN sale_order so ON so.partner_id = partner.id AND so.state = 'sale'
                 GROUP BY windows.program_id, windows.partner_id
              )
              SELECT ROW_NUMBER() OVER (ORDER BY windows.program_id, windows.partner_id) AS id,
                     windows.program_id, windows.partner_id, windows.company_id,
                     windows.day_from AS date_from, windows.day_to AS date_to, 1 AS dealer_count,
                     windows.order_count, windows.reward_cost, windows.reward_units,
                     COALESCE(sales.sales_window, 0) AS sales_window, COALESCE(sales.sales_before, 0) AS sales_before,
                     COALESCE(sales.sales_window, 0) - COALESCE(sales.sales_before, 0) AS sales_change
                FROM windows
                LEFT JOIN sales ON sales.program_id = windows.program_id AND sales.partner_id = windows.partner_id
            )
            """,
            table=SQL.identifier(self._table), cost=_REWARD_COST_SQL, units=_REWARD_UNITS_SQL,
        ))
