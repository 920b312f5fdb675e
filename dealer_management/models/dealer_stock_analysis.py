from odoo import api, fields, models, tools
from odoo.osv import expression
from odoo.tools import SQL

from .dealer_stock_report import ALERT_KINDS

HIGH_DAYS_PARAM = "dealer_management.stock_cover_high_days"
LOW_DAYS_PARAM = "dealer_management.stock_cover_low_days"
DEFAULT_HIGH_DAYS = 90.0
DEFAULT_LOW_DAYS = 15.0
COVER_WINDOW_DAYS = 90


class DealerStockAnalysis(models.Model):
    """Channel inventory (渠道库存): per dealer and product of its latest validated stock report, what was
    delivered, what the dealer still holds, what it sold through and how many days its stock covers.

    Delivered = done moves to a customer location for the dealer or one of its contacts (move partner, else
    picking partner) up to the report date, minus done returns from it; quantities in the product's unit.
    Days of cover = reported ÷ (net deliveries of the last 90 days ÷ 90), empty without such deliveries.
    """

    _name = "dealer.stock.analysis"
    _description = "Dealer Channel Inventory Analysis"
    _auto = False
    _rec_name = "product_id"
    _order = "partner_id, product_id"
    _depends = {
        "dealer.stock.report": ["partner_id", "company_id", "date", "state"],
        "dealer.stock.report.line": ["report_id", "product_id", "quantity"],
        "stock.move": [
            "state", "date", "product_id", "product_uom", "quantity", "partner_id", "picking_id", "company_id",
            "location_id", "location_dest_id",
        ],
        "stock.picking": ["partner_id"],
        "stock.location": ["usage"],
        "res.partner": ["commercial_partner_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["uom_id"],
        "uom.uom": ["factor"],
    }

    report_id = fields.Many2one("dealer.stock.report", string="Stock Report", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Dealer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(string="Stock Date", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    reported_qty = fields.Float(string="Reported Stock", readonly=True, digits="Product Unit of Measure")
    delivered_qty = fields.Float(string="Delivered", readonly=True, digits="Product Unit of Measure")
    sell_through_qty = fields.Float(string="Sold Through", readonly=True, digits="Product Unit of Measure")
    sell_through_percent = fields.Float(string="Sell-through (%)", readonly=True, digits=(16, 1), aggregator="avg")
    delivered_90d = fields.Float(string="Delivered (90 days)", readonly=True, digits="Product Unit of Measure")
    days_of_cover = fields.Float(string="Days of Cover", readonly=True, digits=(16, 1), aggregator="avg")
    alert = fields.Selection(
        ALERT_KINDS + [("ok", "OK")], compute="_compute_alert", search="_search_alert",
        help="Overstock above / stock-out risk below the days of cover set in the dealer settings.",
    )

    # ------------------------------------------------------------------ SQL
    @api.model
    def _latest_reports_sql(self):
        """Latest validated report of each dealer (and company)."""
        return SQL("""
            SELECT DISTINCT ON (partner_id, company_id) id, partner_id, company_id, date
              FROM dealer_stock_report
             WHERE state = 'validated'
          ORDER BY partner_id, company_id, date DESC, id DESC
        """)

    @api.model
    def _dealer_moves_sql(self):
        """Done moves to or from a customer location (sell-in and its returns), one row per move: partner_id
        (the commercial partner of the move's, else the picking's partner), company_id, product_id, date and qty
        (in the product's unit; positive delivered, negative returned). The one definition of a delivery to a
        dealer, shared by the channel inventory and the sell-out analysis (dealer_sellout)."""
        return SQL("""
            SELECT move.id, partner.commercial_partner_id AS partner_id, move.company_id, move.product_id,
                   move.date,
                   move.quantity / move_uom.factor * product_uom.factor
                   * CASE WHEN dest.usage = 'customer' THEN 1 ELSE -1 END AS qty
              FROM stock_move move
              JOIN stock_location src ON src.id = move.location_id
              JOIN stock_location dest ON dest.id = move.location_dest_id
         LEFT JOIN stock_picking picking ON picking.id = move.picking_id
              JOIN res_partner partner ON partner.id = COALESCE(move.partner_id, picking.partner_id)
              JOIN uom_uom move_uom ON move_uom.id = move.product_uom
              JOIN product_product product ON product.id = move.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
              JOIN uom_uom product_uom ON product_uom.id = template.uom_id
             WHERE move.state = 'done' AND (src.usage = 'customer') <> (dest.usage = 'customer')
        """)

    @api.model
    def _figures_sql(self, reports_sql):
        """Figures per report and product for the reports selected by `reports_sql` (id, partner_id,
        company_id, date)."""
        return SQL("""
            WITH report AS (%(reports)s),
            reported AS (
                SELECT line.report_id, line.product_id, MIN(line.id) AS line_id, SUM(line.quantity) AS reported_qty
                  FROM dealer_stock_report_line line
                  JOIN report ON report.id = line.report_id
              GROUP BY line.report_id, line.product_id
            ),
            moved AS (
                SELECT reported.report_id, reported.product_id,
                       SUM(move_qty.qty) AS delivered_qty,
                       SUM(move_qty.qty) FILTER (WHERE move_qty.date >= report.date - %(window)s + 1) AS delivered_90d
                  FROM reported
                  JOIN report ON report.id = reported.report_id
                  JOIN (%(moves)s) move_qty ON move_qty.product_id = reported.product_id
                                           AND move_qty.company_id = report.company_id
                                           AND move_qty.partner_id = report.partner_id
                                           AND move_qty.date < report.date + 1
              GROUP BY reported.report_id, reported.product_id
            )
            SELECT reported.line_id AS id,
                   report.id AS report_id,
                   report.partner_id,
                   report.company_id,
                   report.date,
                   reported.product_id,
                   template.categ_id,
                   dealer.user_id,
                   reported.reported_qty,
                   COALESCE(moved.delivered_qty, 0) AS delivered_qty,
                   GREATEST(COALESCE(moved.delivered_qty, 0) - reported.reported_qty, 0) AS sell_through_qty,
                   CASE WHEN moved.delivered_qty > 0
                        THEN 100.0 * GREATEST(moved.delivered_qty - reported.reported_qty, 0) / moved.delivered_qty
                   END AS sell_through_percent,
                   GREATEST(COALESCE(moved.delivered_90d, 0), 0) AS delivered_90d,
                   CASE WHEN moved.delivered_90d > 0
                        THEN reported.reported_qty * %(window)s / moved.delivered_90d
                   END AS days_of_cover
              FROM reported
              JOIN report ON report.id = reported.report_id
              JOIN res_partner dealer ON dealer.id = report.partner_id
              JOIN product_product product ON product.id = reported.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
         LEFT JOIN moved ON moved.report_id = reported.report_id AND moved.product_id = reported.product_id
        """, reports=reports_sql, moves=self._dealer_moves_sql(), window=SQL(str(COVER_WINDOW_DAYS)))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            "CREATE OR REPLACE VIEW %s AS (%s)",
            SQL.identifier(self._table), self._figures_sql(self._latest_reports_sql()),
        ))

    @api.model
    def _figures_for_reports(self, reports):
        """{(report id, product id): figures} of any reports, with the same query as the analysis view."""
        if not reports.ids:
            return {}
        for model_name, field_names in self._depends.items():
            self.env[model_name].flush_model(field_names)
        reports_sql = SQL(
            "SELECT id, partner_id, company_id, date FROM dealer_stock_report WHERE id = ANY(%s)", reports.ids,
        )
        self.env.cr.execute(self._figures_sql(reports_sql))
        return {(row["report_id"], row["product_id"]): row for row in self.env.cr.dictfetchall()}

    # ------------------------------------------------------------------ alerts
    @api.model
    def _cover_thresholds(self):
        """(overstock above, stock-out risk below) days of cover, from the dealer settings."""
        params = self.env["ir.config_parameter"].sudo()

        def read(key, default):
            try:
                return float(params.get_param(key, default))
            except (TypeError, ValueError):
                return default

        return read(HIGH_DAYS_PARAM, DEFAULT_HIGH_DAYS), read(LOW_DAYS_PARAM, DEFAULT_LOW_DAYS)

    @api.model
    def _alert_kind(self, days_of_cover, high, low):
        """overstock / stockout_risk / ok for a days-of-cover figure (None: no recent delivery, no judgement)."""
        if days_of_cover is None or days_of_cover is False:
            return "ok"
        if days_of_cover > high:
            return "overstock"
        if days_of_cover < low:
            return "stockout_risk"
        return "ok"

    @api.depends("days_of_cover", "delivered_90d")
    def _compute_alert(self):
        high, low = self._cover_thresholds()
        for row in self:
            cover = row.days_of_cover if row.delivered_90d > 0 else None
            row.alert = self._alert_kind(cover, high, low)

    def _search_alert(self, operator, value):
        high, low = self._cover_thresholds()
        domains = {
            "overstock": [("days_of_cover", ">", high)],
            "stockout_risk": [("days_of_cover", "<", low), ("delivered_90d", ">", 0)],
            "ok": ["|", ("delivered_90d", "<=", 0), "&", ("days_of_cover", ">=", low), ("days_of_cover", "<=", high)],
        }
        values = [value] if isinstance(value, str) else list(value or [])
        if operator not in ("=", "in", "!=", "not in"):
            raise NotImplementedError(f"Operator {operator} is not supported on alert")
        if operator in ("!=", "not in"):
            values = [kind for kind in domains if kind not in values]
        domains = [domains[kind] for kind in values if kind in domains]
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN
