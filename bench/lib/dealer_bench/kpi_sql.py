"""One hand-written SQL statement computing the raw values of the built-in KPIs for a set of dealers.

The reference of the assessment benchmark (bench/bench_assessment.py) and of the large-data test
(dealer_assessment/tests/test_large_data.py): the ORM path (``dealer.kpi._kpi_<code>``) must give the same
values. Written from the KPI definitions, not from their code: one statement, a few CTEs, all dealers at once.

Ratios are computed in ``float8`` in the order the ORM path computes them in Python, and rounded to two
decimals in Python (``round(value, 2)``, the rounding of the raw values), so that both paths meet on the same
binary value. ``compare()`` lists every difference.
"""
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import SQL

from odoo.addons.dealer_management.tools.period import (
    dealer_period_bounds,
    periods_between,
    shift_period,
)

# the KPIs this statement computes; None in a column: the KPI is not applicable to the dealer
SQL_KPI_CODES = (
    "net_sales", "target_achievement", "sales_growth", "payment_days_late", "overdue_share", "return_rate",
    "violation_points", "complaint_rate", "complaint_resolution_hours", "feedback_count",
    "stock_report_timeliness",
)

KPI_SQL = """
WITH dealer AS (
    SELECT unnest(%(dealers)s::int[]) AS id
), sales AS (
    -- net sales: posted invoices minus credit notes, untaxed product lines, company currency
    SELECT line.partner_id AS id,
           SUM(-line.balance) FILTER (WHERE line.invoice_date BETWEEN %(date_from)s AND %(date_to)s) AS this_year,
           SUM(-line.balance) FILTER (WHERE line.invoice_date BETWEEN %(last_from)s AND %(last_to)s) AS last_year
      FROM account_move_line line
      JOIN account_move move ON move.id = line.move_id
     WHERE move.move_type IN ('out_invoice', 'out_refund') AND line.parent_state = 'posted'
       AND line.display_type = 'product' AND line.company_id = %(company)s
       AND line.partner_id = ANY(%(dealers)s::int[])
       AND (line.product_id IS NULL OR line.product_id != ALL(%(excluded)s::int[]))
       AND (line.invoice_date BETWEEN %(date_from)s AND %(date_to)s
            OR line.invoice_date BETWEEN %(last_from)s AND %(last_to)s)
     GROUP BY line.partner_id
), target AS (
    SELECT target.partner_id AS id, SUM(target.amount) AS amount
      FROM dealer_contract_target target
      JOIN dealer_contract contract ON contract.id = target.contract_id
     WHERE contract.state IN ('active', 'expired', 'terminated') AND target.categ_id IS NULL
       AND target.company_id = %(company)s AND target.partner_id = ANY(%(dealers)s::int[])
       AND target.date_start >= %(date_from)s AND target.date_end <= %(date_to)s
     GROUP BY target.partner_id
), receivable AS (
    -- receivable journal items of the dealers' commercial entities
    SELECT partner.commercial_partner_id AS id, line.id AS line_id, move.move_type, line.reconciled,
           line.amount_residual, line.date_maturity
      FROM account_move_line line
      JOIN account_move move ON move.id = line.move_id
      JOIN account_account account ON account.id = line.account_id
      JOIN res_partner partner ON partner.id = line.partner_id
     WHERE line.parent_state = 'posted' AND account.account_type = 'asset_receivable'
       AND line.company_id = %(company)s AND partner.commercial_partner_id = ANY(%(dealers)s::int[])
), paid AS (
    -- invoices fully paid in the period: the last reconciliation date against the due date
    SELECT receivable.id, AVG(GREATEST(reconcile.paid_on - receivable.date_maturity, 0))::float8 AS days_late
      FROM receivable
      JOIN (SELECT debit_move_id, MAX(max_date) AS paid_on FROM account_partial_reconcile GROUP BY debit_move_id
           ) reconcile ON reconcile.debit_move_id = receivable.line_id
     WHERE receivable.move_type = 'out_invoice' AND receivable.reconciled
       AND reconcile.paid_on BETWEEN %(date_from)s AND %(date_to)s
     GROUP BY receivable.id
), open_receivable AS (
    SELECT id, SUM(amount_residual)::float8 AS total,
           (SUM(amount_residual) FILTER (
               WHERE move_type = 'out_invoice' AND amount_residual > 0 AND date_maturity < %(date_to)s))::float8
               AS overdue
      FROM receivable
     WHERE reconciled IS NOT TRUE
     GROUP BY id
), moved AS (
    -- done stock moves to customers (delivered) and return moves from customers (returned)
    SELECT partner.commercial_partner_id AS id,
           (SUM(move.product_qty) FILTER (
               WHERE src.usage = 'customer' AND move.origin_returned_move_id IS NOT NULL))::float8 AS returned,
           (SUM(move.product_qty) FILTER (WHERE dest.usage = 'customer'))::float8 AS delivered
      FROM stock_move move
      JOIN stock_picking picking ON picking.id = move.picking_id
      JOIN res_partner partner ON partner.id = picking.partner_id
      JOIN stock_location src ON src.id = move.location_id
      JOIN stock_location dest ON dest.id = move.location_dest_id
     WHERE move.state = 'done' AND move.company_id = %(company)s
       AND move.date >= %(start)s AND move.date < %(end)s
       AND partner.commercial_partner_id = ANY(%(dealers)s::int[])
       AND (src.usage = 'customer') != (dest.usage = 'customer')
     GROUP BY partner.commercial_partner_id
), orders AS (
    SELECT partner.commercial_partner_id AS id, COUNT(*) AS confirmed
      FROM sale_order so JOIN res_partner partner ON partner.id = so.partner_id
     WHERE so.state = 'sale' AND so.company_id = %(company)s AND so.date_order >= %(start)s
       AND so.date_order < %(end)s AND partner.commercial_partner_id = ANY(%(dealers)s::int[])
     GROUP BY partner.commercial_partner_id
), violation AS (
    SELECT partner_id AS id, SUM(points) AS points
      FROM dealer_violation
     WHERE partner_id = ANY(%(dealers)s::int[]) AND company_id = %(company)s
       AND state IN ('confirmed', 'closed') AND date BETWEEN %(date_from)s AND %(date_to)s
     GROUP BY partner_id
), complaint AS (
    SELECT partner_id AS id,
           COUNT(*) FILTER (WHERE state != 'rejected' AND date_reported >= %(start)s
                            AND date_reported < %(end)s) AS reported,
           AVG(resolution_hours) FILTER (WHERE date_resolved >= %(start)s AND date_resolved < %(end)s) AS hours
      FROM dealer_complaint
     WHERE partner_id = ANY(%(dealers)s::int[])
     GROUP BY partner_id
), feedback AS (
    SELECT partner_id AS id, COUNT(*) AS items
      FROM dealer_feedback
     WHERE partner_id = ANY(%(dealers)s::int[]) AND company_id = %(company)s AND state != 'rejected'
       AND create_date >= %(start)s AND create_date < %(end)s
     GROUP BY partner_id
), stock_report AS (
    SELECT partner_id AS id, COUNT(DISTINCT date_trunc('month', date)) AS months
      FROM dealer_stock_report
     WHERE partner_id = ANY(%(dealers)s::int[]) AND company_id = %(company)s
       AND state IN ('submitted', 'validated') AND date BETWEEN %(date_from)s AND %(last_day)s
     GROUP BY partner_id
),
-- every figure in one long list, pivoted to one row per dealer (one pass over each CTE, no chain of joins)
figure AS (
    SELECT id, 'this_year' AS name, this_year::float8 AS value FROM sales
    UNION ALL SELECT id, 'last_year', last_year::float8 FROM sales
    UNION ALL SELECT id, 'target', amount::float8 FROM target
    UNION ALL SELECT id, 'days_late', days_late FROM paid
    UNION ALL SELECT id, 'open_total', total FROM open_receivable
    UNION ALL SELECT id, 'open_overdue', overdue FROM open_receivable
    UNION ALL SELECT id, 'returned', returned FROM moved
    UNION ALL SELECT id, 'delivered', delivered FROM moved
    UNION ALL SELECT id, 'orders', confirmed::float8 FROM orders
    UNION ALL SELECT id, 'points', points::float8 FROM violation
    UNION ALL SELECT id, 'complaints', reported::float8 FROM complaint
    UNION ALL SELECT id, 'hours', hours::float8 FROM complaint
    UNION ALL SELECT id, 'feedback', items::float8 FROM feedback
    UNION ALL SELECT id, 'report_months', months::float8 FROM stock_report
), f AS (
    SELECT dealer.id,
           MAX(value) FILTER (WHERE name = 'this_year') AS this_year,
           MAX(value) FILTER (WHERE name = 'last_year') AS last_year,
           MAX(value) FILTER (WHERE name = 'target') AS target,
           MAX(value) FILTER (WHERE name = 'days_late') AS days_late,
           MAX(value) FILTER (WHERE name = 'open_total') AS open_total,
           MAX(value) FILTER (WHERE name = 'open_overdue') AS open_overdue,
           MAX(value) FILTER (WHERE name = 'returned') AS returned,
           MAX(value) FILTER (WHERE name = 'delivered') AS delivered,
           MAX(value) FILTER (WHERE name = 'orders') AS orders,
           MAX(value) FILTER (WHERE name = 'points') AS points,
           MAX(value) FILTER (WHERE name = 'complaints') AS complaints,
           MAX(value) FILTER (WHERE name = 'hours') AS hours,
           MAX(value) FILTER (WHERE name = 'feedback') AS feedback,
           MAX(value) FILTER (WHERE name = 'report_months') AS report_months
      FROM dealer LEFT JOIN figure ON figure.id = dealer.id
     GROUP BY dealer.id
)
SELECT id,
       COALESCE(this_year, 0),
       CASE WHEN target != 0 THEN 100.0::float8 * COALESCE(this_year, 0) / target END,
       CASE WHEN last_year > 0 THEN 100.0::float8 * (COALESCE(this_year, 0) - last_year) / last_year END,
       days_late,
       CASE WHEN open_total > 0 THEN LEAST(100.0::float8 * COALESCE(open_overdue, 0) / open_total, 100.0)
            ELSE 0.0 END,
       CASE WHEN delivered != 0 THEN 100.0::float8 * COALESCE(returned, 0) / delivered END,
       COALESCE(points, 0),
       CASE WHEN orders > 0 THEN 100.0::float8 * COALESCE(complaints, 0) / orders END,
       hours,
       COALESCE(feedback, 0),
       CASE WHEN %(months)s > 0 THEN 100.0::float8 * COALESCE(report_months, 0) / %(months)s END
  FROM f
 ORDER BY id
"""


def kpi_values_sql(env, dealers, date_from, date_to, company):
    """{kpi code: {dealer id: raw value rounded to 2 decimals}} in one SQL statement (None values left out)."""
    env.flush_all()
    last_from, last_to = shift_period(date_from, date_to, relativedelta(years=-1))
    start, end = dealer_period_bounds(date_from, date_to)
    last_day = min(date_to, fields.Date.context_today(env["res.partner"]))
    months = len(periods_between(date_from, last_day, "month"))
    excluded = env["dealer.contract.target"]._net_sales_excluded_products()
    env.cr.execute(SQL(
        KPI_SQL, dealers=list(dealers.ids), company=company.id, date_from=date_from, date_to=date_to,
        last_from=last_from, last_to=last_to, start=start, end=end, last_day=last_day, months=months,
        excluded=list(excluded.ids),
    ))
    result = {code: {} for code in SQL_KPI_CODES}
    for row in env.cr.fetchall():
        for code, value in zip(SQL_KPI_CODES, row[1:], strict=True):
            if value is not None:
                result[code][row[0]] = round(value, 2)
    return result


def scorecard_values(assessment, codes=SQL_KPI_CODES):
    """{kpi code: {dealer id: raw value}} of an assessment's scorecard lines (applicable lines only)."""
    result = {code: {} for code in codes}
    lines = assessment.scorecard_ids.line_ids.filtered(lambda line: line.kpi_id.code in result)
    for line in lines:
        if line.applicable:
            result[line.kpi_id.code][line.partner_id.id] = line.raw_value
    return result


def compare(orm_values, sql_values, dealer_ids):
    """[(code, dealer id, ORM value, SQL value)] for every raw value that differs (None: no value)."""
    mismatches = []
    for code in SQL_KPI_CODES:
        orm, sql = orm_values.get(code) or {}, sql_values.get(code) or {}
        for dealer_id in dealer_ids:
            left, right = orm.get(dealer_id), sql.get(dealer_id)
            if left is not None:
                left = round(left, 2)
            if left != right:
                mismatches.append((code, dealer_id, left, right))
    return mismatches
