from collections import defaultdict

from odoo import Command, api, fields, models, tools
from odoo.tools import SQL

from odoo.addons.dealer_management.tools.period import period_label, previous_period
from odoo.addons.queue_job.job import identity_exact


class DealerSelloutAnalysis(models.Model):
    """Sell-in against sell-out (分销分析) per dealer, product and month, and the channel stock they imply.

    sell-in = net deliveries to the dealer in the month (deliveries minus returns, the definition of
    ``dealer.stock.analysis._dealer_moves_sql``); sell-out = its confirmed retail sales of the month; derived
    channel stock = cumulative sell-in − cumulative sell-out up to the month; reported stock = what the dealer's
    latest validated stock report of the month says (empty without a report that month). The territory is the
    dealer's first territory (a dealer with several is shown under one).
    """

    _name = "dealer.sellout.analysis"
    _description = "Dealer Sell-out Analysis"
    _auto = False
    _rec_name = "product_id"
    _order = "month desc, dealer_id, product_id"
    _depends = {
        "dealer.sellout": ["dealer_id", "company_id", "product_id", "date", "quantity", "state"],
        "dealer.stock.report": ["partner_id", "company_id", "date", "state"],
        "dealer.stock.report.line": ["report_id", "product_id", "quantity"],
        "stock.move": [
            "state", "date", "product_id", "product_uom", "quantity", "partner_id", "picking_id", "company_id",
            "location_id", "location_dest_id",
        ],
        "res.partner": ["commercial_partner_id", "is_dealer", "dealer_territory_ids"],
    }

    dealer_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    territory_id = fields.Many2one("dealer.territory", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    month = fields.Date(readonly=True)
    sell_in_qty = fields.Float(string="Sell-in", readonly=True, digits="Product Unit of Measure")
    sellout_qty = fields.Float(string="Sell-out", readonly=True, digits="Product Unit of Measure")
    channel_stock_qty = fields.Float(
        string="Derived Channel Stock", readonly=True, digits="Product Unit of Measure",
        help="Cumulative sell-in minus cumulative sell-out up to the end of the month.",
    )
    reported_stock_qty = fields.Float(
        string="Reported Stock", readonly=True, digits="Product Unit of Measure",
        help="The dealer's latest validated channel stock report of the month.",
    )
    sell_through_percent = fields.Float(
        string="Sell-through (%)", readonly=True, digits=(16, 1), aggregator="avg",
        help="Sell-out ÷ sell-in of the period: in a grouped row, the sell-out of all its rows over their sell-in "
             "(never the average of the rows' percentages). Empty without sell-in.",
    )

    @api.model
    def _analysis_sql(self):
        moves = self.env["dealer.stock.analysis"]._dealer_moves_sql()
        return SQL("""
            WITH sell_in AS (
                SELECT move.partner_id, move.company_id, move.product_id,
                       date_trunc('month', move.date)::date AS month, SUM(move.qty) AS qty
                  FROM (%(moves)s) move
                  JOIN res_partner dealer ON dealer.id = move.partner_id AND dealer.is_dealer
              GROUP BY 1, 2, 3, 4
            ),
            sell_out AS (
                SELECT sellout.dealer_id AS partner_id, sellout.company_id, sellout.product_id,
                       date_trunc('month', sellout.date)::date AS month, SUM(sellout.quantity) AS qty
                  FROM dealer_sellout sellout
                 WHERE sellout.state = 'confirmed'
              GROUP BY 1, 2, 3, 4
            ),
            ranked_report AS (
                SELECT id, partner_id, company_id, date_trunc('month', date)::date AS month,
                       row_number() OVER (PARTITION BY partner_id, company_id, date_trunc('month', date)
                                          ORDER BY date DESC, id DESC) AS rank
                  FROM dealer_stock_report
                 WHERE state = 'validated'
            ),
            reported AS (
                SELECT report.partner_id, report.company_id, line.product_id, report.month, SUM(line.quantity) AS qty
                  FROM ranked_report report
                  JOIN dealer_stock_report_line line ON line.report_id = report.id
                 WHERE report.rank = 1
              GROUP BY 1, 2, 3, 4
            ),
            keys AS (
                SELECT partner_id, company_id, product_id, month FROM sell_in
                 UNION SELECT partner_id, company_id, product_id, month FROM sell_out
                 UNION SELECT partner_id, company_id, product_id, month FROM reported
            )
            SELECT row_number() OVER (ORDER BY keys.month, keys.partner_id, keys.product_id, keys.company_id) AS id,
                   keys.partner_id AS dealer_id, keys.company_id, keys.product_id, keys.month,
                   template.categ_id,
                   (SELECT MIN(rel.territory_id) FROM dealer_partner_territory_rel rel
                     WHERE rel.partner_id = keys.partner_id) AS territory_id,
                   COALESCE(sell_in.qty, 0) AS sell_in_qty,
                   COALESCE(sell_out.qty, 0) AS sellout_qty,
                   SUM(COALESCE(sell_in.qty, 0) - COALESCE(sell_out.qty, 0)) OVER (
                       PARTITION BY keys.partner_id, keys.company_id, keys.product_id ORDER BY keys.month
                   ) AS channel_stock_qty,
                   reported.qty AS reported_stock_qty,
                   100.0 * COALESCE(sell_out.qty, 0) / NULLIF(sell_in.qty, 0) AS sell_through_percent
              FROM keys
              JOIN product_product product ON product.id = keys.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
         LEFT JOIN sell_in ON (sell_in.partner_id, sell_in.company_id, sell_in.product_id, sell_in.month)
                            = (keys.partner_id, keys.company_id, keys.product_id, keys.month)
         LEFT JOIN sell_out ON (sell_out.partner_id, sell_out.company_id, sell_out.product_id, sell_out.month)
                             = (keys.partner_id, keys.company_id, keys.product_id, keys.month)
         LEFT JOIN reported ON (reported.partner_id, reported.company_id, reported.product_id, reported.month)
                             = (keys.partner_id, keys.company_id, keys.product_id, keys.month)
        """, moves=moves)

    def _read_group_select(self, aggregate_spec, query):
        """A ratio cannot be added up nor averaged: a group's sell-through is the sum of its rows' sell-out over the
        sum of their sell-in (the way purchase.report weighs its average price)."""
        if aggregate_spec not in ("sell_through_percent:avg", "sell_through_percent:sum"):
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            "100.0 * SUM(%(sell_out)s) / NULLIF(SUM(%(sell_in)s), 0)",
            sell_out=self._field_to_sql(self._table, "sellout_qty", query),
            sell_in=self._field_to_sql(self._table, "sell_in_qty", query),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            "CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._analysis_sql(),
        ))

    # ------------------------------------------------------------------ the monthly summary mailed to the dealers
    # (销售数据分析结果反馈给经销商)
    @api.model
    def _dealer_month_summary(self, dealers, month_start):
        """{dealer id: [row dicts: product, sell_in, sellout, channel_stock, reported]} of one month, one query."""
        groups = self._read_group(
            [("dealer_id", "in", dealers.ids), ("month", "=", month_start)],
            ["dealer_id", "product_id"],
            ["sell_in_qty:sum", "sellout_qty:sum", "channel_stock_qty:sum", "reported_stock_qty:sum"],
        )
        summary = defaultdict(list)
        for dealer, product, sell_in, sellout, stock, reported in groups:
            summary[dealer.id].append({
                "product": product.display_name, "sell_in": sell_in, "sellout": sellout,
                "channel_stock": stock, "reported": reported,
            })
        return summary

    @api.model
    def _dealer_summary_recipients(self, dealers):
        """{dealer id: partners to mail}: the dealer itself when it has an e-mail address (dealer_portal_sellout
        mails the dealer's owners instead, when the portal gives its contacts roles)."""
        return {dealer.id: dealer.filtered("email") for dealer in dealers}

    @api.model
    def _cron_send_monthly_summary(self, day=None):
        """Mail last month's sell-out summary to the owner of every dealer that had sell-in or sell-out: at once, or
        above the company's threshold of documents as one job per part of that many dealers (a part that fails
        is retried alone, and sends nothing twice: its mails are created in the job's transaction)."""
        month_start, _month_end = previous_period(day or fields.Date.context_today(self), "month")
        dealer_ids = sorted(dealer.id for [dealer] in self._read_group([("month", "=", month_start)], ["dealer_id"]))
        company = self.env.company
        if company._dealer_queue_runs_now(len(dealer_ids), "documents"):
            return self._dealer_send_month_summary(dealer_ids, month_start)
        size = company.dealer_queue_document_threshold
        for start in range(0, len(dealer_ids), size):
            part = dealer_ids[start:start + size]
            self.with_delay(
                description=self.env._("Monthly sell-out summary of %(month)s to %(count)s dealers",
                                       month=period_label(month_start, "month"), count=len(part)),
                identity_key=identity_exact,
            )._dealer_send_month_summary(part, month_start)
        return self.env["mail.mail"]

    @api.model
    def _dealer_send_month_summary(self, dealer_ids, month_start):
        """Mail the summary of the month starting ``month_start`` to the owners of these dealers; the mails."""
        month_start = fields.Date.to_date(month_start)
        dealers = self.env["res.partner"].browse(dealer_ids)
        summary = self._dealer_month_summary(dealers, month_start)
        recipients = self._dealer_summary_recipients(dealers)
        template = self.env.ref("dealer_sellout.mail_template_sellout_summary")
        sent = self.env["mail.mail"]
        for dealer in dealers:
            if not recipients[dealer.id] or not summary.get(dealer.id):
                continue
            mail_id = template.with_context(
                dealer_sellout_rows=summary[dealer.id], dealer_sellout_month=period_label(month_start, "month"),
            ).send_mail(dealer.id, email_values={"recipient_ids": [Command.set(recipients[dealer.id].ids)]})
            sent |= self.env["mail.mail"].browse(mail_id)
        return sent
