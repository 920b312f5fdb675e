"""One hand-written SQL statement computing the raw values of the built-in KPIs for a set of dealers.

The reference of the assessment benchmark (bench/bench_assessment.py) and of the large-data test
(dealer_assessment/tests/test_large_data.py): the ORM path (``dealer.kpi._kpi_<code>``) must give the same
values. Written from the KPI definitions, not from their code: one statement, a few CTEs, all dealers at once.

Ratios are computed in ``float8`` in the order the ORM path computes them in Python, and rounded to two
decimals in Python (``round(value, 2)``, the rounding of the raw values), so that both paths meet on the same
binary value. ``compare()`` lists every difference.

``assessment_sql()`` is the fair baseline of the whole assessment: the same statement, then the scorecards and
their lines written by SQL alone into the same tables with the same keys (one DELETE, then one INSERT of the
scorecards and their lines, points, totals, ratings and ranks computed in SQL).
"""
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import SQL

from odoo.addons.dealer_assessment.models.res_company import DEFAULT_RANK_LEVEL
from odoo.addons.dealer_management.tools.period import (
    dealer_period_bounds,
    periods_between,
    previous_period,
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
       COALESCE(this_year, 0) AS net_sales,
       CASE WHEN target != 0 THEN 100.0::float8 * COALESCE(this_year, 0) / target END AS target_achievement,
       CASE WHEN last_year > 0 THEN 100.0::float8 * (COALESCE(this_year, 0) - last_year) / last_year END
           AS sales_growth,
       days_late AS payment_days_late,
       CASE WHEN open_total > 0 THEN LEAST(100.0::float8 * COALESCE(open_overdue, 0) / open_total, 100.0)
            ELSE 0.0 END AS overdue_share,
       CASE WHEN delivered != 0 THEN 100.0::float8 * COALESCE(returned, 0) / delivered END AS return_rate,
       COALESCE(points, 0) AS violation_points,
       CASE WHEN orders > 0 THEN 100.0::float8 * COALESCE(complaints, 0) / orders END AS complaint_rate,
       hours AS complaint_resolution_hours,
       COALESCE(feedback, 0) AS feedback_count,
       CASE WHEN %(months)s > 0 THEN 100.0::float8 * COALESCE(report_months, 0) / %(months)s END
           AS stock_report_timeliness
  FROM f
 ORDER BY id
"""


def kpi_sql(env, dealers, date_from, date_to, company):
    """The KPI statement with its parameters: one row per dealer, one column per code of SQL_KPI_CODES."""
    last_from, last_to = shift_period(date_from, date_to, relativedelta(years=-1))
    start, end = dealer_period_bounds(date_from, date_to)
    last_day = min(date_to, fields.Date.context_today(env["res.partner"]))
    months = len(periods_between(date_from, last_day, "month"))
    excluded = env["dealer.contract.target"]._net_sales_excluded_products()
    return SQL(
        KPI_SQL, dealers=list(dealers.ids), company=company.id, date_from=date_from, date_to=date_to,
        last_from=last_from, last_to=last_to, start=start, end=end, last_day=last_day, months=months,
        excluded=list(excluded.ids),
    )


def kpi_values_sql(env, dealers, date_from, date_to, company):
    """{kpi code: {dealer id: raw value rounded to 2 decimals}} in one SQL statement (None values left out)."""
    env.flush_all()
    env.cr.execute(kpi_sql(env, dealers, date_from, date_to, company))
    result = {code: {} for code in SQL_KPI_CODES}
    for row in env.cr.fetchall():
        for code, value in zip(SQL_KPI_CODES, row[1:], strict=True):
            if value is not None:
                result[code][row[0]] = round(value, 2)
    return result


SCORECARD_SQL = """
WITH raw AS (
    %(kpis)s
), plan AS (
    -- the template's lines
    SELECT plan.*, kpi.scoring_method, kpi.direction = 'lower' AS lower_is_better, kpi.threshold_low,
           kpi.threshold_high - kpi.threshold_low AS span
      FROM unnest(%(codes)s::varchar[], %(kpi_ids)s::int[], %(sequences)s::int[], %(weights)s::numeric[])
           AS plan(code, kpi_id, sequence, weight)
      JOIN dealer_kpi kpi ON kpi.id = plan.kpi_id
), valued AS (
    -- scored, like the ORM's, on the raw value rounded to two decimals
    SELECT raw.id AS partner_id, plan.*, round(value.value::numeric, 2)::float8 AS value
      FROM raw
     CROSS JOIN LATERAL (VALUES %(pivot)s) AS value(code, value)
      JOIN plan ON plan.code = value.code
), scored AS (
    -- points as dealer.kpi._scorer() gives them: linear between the thresholds, or the band reached
    SELECT valued.partner_id, valued.kpi_id, valued.sequence, valued.weight, valued.value,
           CASE WHEN valued.value IS NULL THEN NULL
                WHEN valued.scoring_method = 'bands' THEN COALESCE((
                    SELECT band.points::numeric FROM dealer_kpi_band band
                     WHERE band.kpi_id = valued.kpi_id
                       AND CASE WHEN valued.lower_is_better THEN valued.value <= band.threshold
                                ELSE valued.value >= band.threshold END
                     ORDER BY CASE WHEN valued.lower_is_better THEN band.threshold ELSE -band.threshold END
                     LIMIT 1), 0.0)
                ELSE round((100.0 * LEAST(GREATEST(
                    CASE WHEN valued.lower_is_better THEN 1.0 ELSE 0.0 END
                    + CASE WHEN valued.lower_is_better THEN -1.0 ELSE 1.0 END
                      * CASE WHEN valued.span != 0 THEN (valued.value - valued.threshold_low) / valued.span
                             ELSE 0.0 END, 0.0), 1.0))::numeric, 2)
           END AS points
      FROM valued
), dealer AS (
    SELECT partner.id, partner.dealer_grade_id, first_territory.id AS territory_id,
           COALESCE(ancestor.id, first_territory.id) AS rank_territory_id
      FROM res_partner partner
      LEFT JOIN LATERAL (
          SELECT territory.id, territory.parent_path
            FROM dealer_partner_territory_rel rel JOIN dealer_territory territory ON territory.id = rel.territory_id
           WHERE rel.partner_id = partner.id ORDER BY territory.complete_name, territory.id LIMIT 1
      ) first_territory ON TRUE
      LEFT JOIN dealer_territory ancestor
             ON ancestor.level = %(level)s AND starts_with(first_territory.parent_path, ancestor.parent_path)
     WHERE partner.id = ANY(%(dealers)s::int[])
), total AS (
    SELECT scored.partner_id,
           COALESCE(round(100.0 * SUM(scored.points * scored.weight / 100.0) FILTER (WHERE scored.points IS NOT NULL)
                          / NULLIF(SUM(scored.weight) FILTER (WHERE scored.points IS NOT NULL), 0), 2), 0.0) AS total
      FROM scored GROUP BY scored.partner_id
), previous AS (
    SELECT DISTINCT ON (partner_id) partner_id, total
      FROM dealer_scorecard
     WHERE partner_id = ANY(%(dealers)s::int[]) AND company_id = %(company)s AND assessment_state = 'approved'
       AND period_type = %(period_type)s AND date_from = %(prev_from)s AND date_to = %(prev_to)s
     ORDER BY partner_id, id DESC
), card AS (
    INSERT INTO dealer_scorecard (assessment_id, assessment_state, company_id, period_type, date_from, date_to,
                                  partner_id, grade_id, template_id, territory_id, rank_territory_id, total,
                                  rank, territory_rank, rating, previous_total, has_previous, total_change,
                                  create_uid, create_date, write_uid, write_date)
    SELECT %(assessment)s, %(state)s, %(company)s, %(period_type)s, %(date_from)s, %(date_to)s,
           dealer.id, dealer.dealer_grade_id, %(template)s, dealer.territory_id, dealer.rank_territory_id,
           total.total, RANK() OVER (ORDER BY total.total DESC),
           RANK() OVER (PARTITION BY dealer.rank_territory_id ORDER BY total.total DESC),
           CASE WHEN total.total >= %(rating_a)s THEN 'A' WHEN total.total >= %(rating_b)s THEN 'B'
                WHEN total.total >= %(rating_c)s THEN 'C' ELSE 'D' END,
           COALESCE(previous.total, 0.0), previous.partner_id IS NOT NULL,
           CASE WHEN previous.partner_id IS NOT NULL THEN total.total - previous.total ELSE 0 END,
           %(uid)s, %(now)s, %(uid)s, %(now)s
      FROM dealer
      JOIN total ON total.partner_id = dealer.id
      LEFT JOIN previous ON previous.partner_id = dealer.id
    RETURNING id, partner_id
)
INSERT INTO dealer_scorecard_line (scorecard_id, assessment_id, partner_id, company_id, sequence, kpi_id,
                                   applicable, raw_value, points, weight, weighted_points,
                                   create_uid, create_date, write_uid, write_date)
SELECT card.id, %(assessment)s, scored.partner_id, %(company)s, scored.sequence, scored.kpi_id,
       scored.points IS NOT NULL, COALESCE(scored.value, 0.0), COALESCE(scored.points, 0.0),
       scored.weight, round(COALESCE(scored.points, 0.0) * scored.weight / 100.0, 2),
       %(uid)s, %(now)s, %(uid)s, %(now)s
  FROM scored JOIN card ON card.partner_id = scored.partner_id
"""


def assessment_sql(env, assessment, template, dealers):
    """The whole assessment by hand-written SQL: one DELETE of the draft's scorecards, then one statement that
    computes the raw values, the points, totals, ratings and ranks and inserts the scorecards and their lines
    (same tables, same columns and keys as ``dealer.scorecard._replace_for_assessment``). One template for every
    dealer (the benchmark's); returns the number of lines written."""
    env.flush_all()
    lines = template.line_ids.filtered(lambda line: line.kpi_id.code in SQL_KPI_CODES)
    prev_from, prev_to = previous_period(assessment.date_from, assessment.period_type)
    env.cr.execute(SQL("DELETE FROM dealer_scorecard WHERE assessment_id = %s", assessment.id))
    env.cr.execute(SQL(
        SCORECARD_SQL,
        kpis=kpi_sql(env, dealers, assessment.date_from, assessment.date_to, assessment.company_id),
        pivot=SQL(", ").join(SQL("(%s, %s)", code, SQL.identifier("raw", code)) for code in SQL_KPI_CODES),
        codes=lines.kpi_id.mapped("code"), kpi_ids=lines.kpi_id.ids, sequences=lines.mapped("sequence"),
        weights=lines.mapped("weight"), level=assessment.company_id.dealer_rank_level or DEFAULT_RANK_LEVEL,
        dealers=list(dealers.ids), company=assessment.company_id.id, period_type=assessment.period_type,
        prev_from=prev_from, prev_to=prev_to, assessment=assessment.id, state=assessment.state,
        date_from=assessment.date_from, date_to=assessment.date_to, template=template.id,
        rating_a=template.rating_a_min, rating_b=template.rating_b_min, rating_c=template.rating_c_min,
        uid=env.uid, now=fields.Datetime.now(),
    ))
    return env.cr.rowcount


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
