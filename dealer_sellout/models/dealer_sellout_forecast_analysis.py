from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.tools import SQL


class DealerSelloutForecastAnalysis(models.Model):
    """Submitted forecasts against the dealers' confirmed orders, per dealer, product and month.

    ordered = quantity (in the product's unit) of the dealer's confirmed sales order lines whose order date falls
    in the month; absolute error = |ordered − forecast|. Grouped by product and month, the forecast is the total
    demand the dealers announce (for purchasing and manufacturing planning).
    """

    _name = "dealer.sellout.forecast.analysis"
    _description = "Dealer Forecast vs Orders"
    _auto = False
    _rec_name = "product_id"
    _order = "month desc, dealer_id, product_id"
    _depends = {
        "dealer.sellout.forecast": ["dealer_id", "company_id", "product_id", "month", "quantity", "state"],
        "sale.order": ["partner_id", "date_order", "state", "company_id"],
        "sale.order.line": ["order_id", "product_id", "product_uom_qty", "product_uom"],
    }

    dealer_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    month = fields.Date(readonly=True)
    forecast_qty = fields.Float(string="Forecast", readonly=True, digits="Product Unit of Measure")
    ordered_qty = fields.Float(string="Ordered", readonly=True, digits="Product Unit of Measure")
    abs_error_qty = fields.Float(string="Absolute Error", readonly=True, digits="Product Unit of Measure")
    accuracy = fields.Float(
        string="Accuracy (%)", readonly=True, digits=(16, 1), aggregator="avg",
        help="100 − |ordered − forecast| ÷ ordered × 100, floored at 0; 100 when both are zero, 0 when nothing "
             "was ordered against a forecast.",
    )

    @api.model
    def _analysis_sql(self, where_forecast=None, where_order=None):
        where_forecast = where_forecast or SQL("TRUE")
        where_order = where_order or SQL("TRUE")
        return SQL("""
            WITH forecast AS (
                SELECT dealer_id, company_id, product_id, month, SUM(quantity) AS qty
                  FROM dealer_sellout_forecast
                 WHERE state = 'submitted' AND %(where_forecast)s
              GROUP BY 1, 2, 3, 4
            ),
            ordered AS (
                SELECT partner.commercial_partner_id AS dealer_id, so.company_id, line.product_id,
                       date_trunc('month', so.date_order)::date AS month,
                       SUM(line.product_uom_qty / line_uom.factor * product_uom.factor) AS qty
                  FROM sale_order_line line
                  JOIN sale_order so ON so.id = line.order_id
                  JOIN res_partner partner ON partner.id = so.partner_id
                  JOIN res_partner dealer ON dealer.id = partner.commercial_partner_id AND dealer.is_dealer
                  JOIN uom_uom line_uom ON line_uom.id = line.product_uom
                  JOIN product_product product ON product.id = line.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id
                  JOIN uom_uom product_uom ON product_uom.id = template.uom_id
                 WHERE so.state = 'sale' AND line.display_type IS NULL AND %(where_order)s
              GROUP BY 1, 2, 3, 4
            ),
            keys AS (
                SELECT dealer_id, company_id, product_id, month FROM forecast
                 UNION SELECT dealer_id, company_id, product_id, month FROM ordered
            )
            SELECT row_number() OVER (ORDER BY keys.month, keys.dealer_id, keys.product_id, keys.company_id) AS id,
                   keys.dealer_id, keys.company_id, keys.product_id, keys.month, template.categ_id,
                   COALESCE(forecast.qty, 0) AS forecast_qty,
                   COALESCE(ordered.qty, 0) AS ordered_qty,
                   ABS(COALESCE(ordered.qty, 0) - COALESCE(forecast.qty, 0)) AS abs_error_qty,
                   CASE WHEN COALESCE(ordered.qty, 0) > 0
                        THEN GREATEST(100 - 100.0 * ABS(ordered.qty - COALESCE(forecast.qty, 0)) / ordered.qty, 0)
                        WHEN COALESCE(forecast.qty, 0) > 0 THEN 0
                        ELSE 100
                   END AS accuracy,
                   forecast.qty IS NOT NULL AS has_forecast
              FROM keys
              JOIN product_product product ON product.id = keys.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
         LEFT JOIN forecast ON (forecast.dealer_id, forecast.company_id, forecast.product_id, forecast.month)
                             = (keys.dealer_id, keys.company_id, keys.product_id, keys.month)
         LEFT JOIN ordered ON (ordered.dealer_id, ordered.company_id, ordered.product_id, ordered.month)
                            = (keys.dealer_id, keys.company_id, keys.product_id, keys.month)
        """, where_forecast=where_forecast, where_order=where_order)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            "CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._analysis_sql(),
        ))

    @api.model
    def _dealer_forecast_accuracy(self, dealers, date_from, date_to, company=None):
        """{dealer id: forecast accuracy (%)} over the forecast months in [date_from, date_to]: 100 − MAPE,
        floored at 0, where MAPE is the mean of each product-month's |ordered − forecast| ÷ ordered (100 % when
        nothing was ordered against a forecast, 0 when neither). Only the dealer's submitted forecasts count;
        no forecast, no value. One query for any number of dealers."""
        if not dealers:
            return {}
        for model_name, field_names in self._depends.items():
            self.env[model_name].flush_model(field_names)
        month_from = date_from.replace(day=1)
        company_ids = (company or self.env.companies).ids
        self.env.cr.execute(SQL(
            "SELECT dealer_id, forecast_qty, ordered_qty FROM (%s) analysis WHERE has_forecast",
            self._analysis_sql(
                SQL("dealer_id = ANY(%s) AND company_id = ANY(%s) AND month BETWEEN %s AND %s",
                    dealers.ids, company_ids, month_from, date_to),
                SQL("partner.commercial_partner_id = ANY(%s) AND so.company_id = ANY(%s) AND so.date_order >= %s "
                    "AND so.date_order < %s", dealers.ids, company_ids, month_from, fields.Date.add(date_to, days=1)),
            ),
        ))
        errors = defaultdict(list)
        for dealer_id, forecast, ordered in self.env.cr.fetchall():
            if ordered > 0:
                errors[dealer_id].append(100.0 * abs(ordered - forecast) / ordered)
            else:
                errors[dealer_id].append(100.0 if forecast > 0 else 0.0)
        result = {}
        for dealer_id, values in errors.items():
            result[dealer_id] = round(max(100.0 - sum(values) / len(values), 0.0), 2)
        return result
