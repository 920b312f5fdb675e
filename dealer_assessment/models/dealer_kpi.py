from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.dealer_management.tools.period import (
    dealer_period_bounds,
    periods_between,
    shift_period,
)
from odoo.addons.dealer_management.tools.xmlids import move_xmlids

KPI_DIRECTIONS = [("higher", "Higher is better"), ("lower", "Lower is better")]
SCORING_METHODS = [("linear", "Linear between two thresholds"), ("bands", "Bands table")]
# key of the cursor cache (``cr.cache``) holding the figures the KPIs of one pass share
KPI_PASS_CACHE = "dealer_kpi_pass"


class DealerKpi(models.Model):
    """A measurable indicator of dealer performance, turned into 0–100 points.

    The raw values come from the method of this model that the KPI's record names in ``compute_method``
    (``_kpi_<something>(dealers, date_from, date_to, company)``, see the KPI methods below), which returns
    ``{dealer id: raw value}`` for all dealers at once; a dealer missing from the result, or with ``None``, has
    no value for this KPI (not applicable): the KPI's weight is left out of that dealer's total. A new KPI is one
    such method plus one data record naming it, in the addon that owns the data (a link module such as
    dealer_assessment_sellout when the data is another addon's).
    """

    _name = "dealer.kpi"
    _description = "Dealer KPI"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical code of the KPI, unique.")
    compute_method = fields.Char(
        string="Computed By", required=True,
        help="The method of dealer.kpi computing the raw values of all the dealers at once; its name starts "
             "with _kpi_.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    unit = fields.Char(translate=True, help="Unit of the raw value, e.g. %, days, points.")
    direction = fields.Selection(KPI_DIRECTIONS, required=True, default="higher")
    scoring_method = fields.Selection(SCORING_METHODS, string="Scoring", required=True, default="linear")
    threshold_low = fields.Float(
        string="Low Threshold",
        help="Linear scoring: at or below this value a KPI where higher is better scores 0 points "
             "(where lower is better: 100 points).",
    )
    threshold_high = fields.Float(
        string="High Threshold",
        help="Linear scoring: at or above this value a KPI where higher is better scores 100 points "
             "(where lower is better: 0 points).",
    )
    band_ids = fields.One2many("dealer.kpi.band", "kpi_id", string="Bands", copy=True)
    is_available = fields.Boolean(
        string="Available", compute="_compute_is_available",
        help="False when the method computing this KPI is not in this database (its addon was uninstalled): the "
             "KPI is then not applicable and left out of the totals.",
    )

    _sql_constraints = [("code_unique", "unique(code)", "A KPI code must be unique.")]

    @api.depends("compute_method")
    def _compute_is_available(self):
        for kpi in self:
            kpi.is_available = kpi._get_compute_method() is not None

    @api.constrains("compute_method")
    def _check_compute_method(self):
        for kpi in self:
            if kpi._get_compute_method() is None:
                raise ValidationError(_(
                    "KPI %(name)s: there is no method %(method)s on dealer.kpi to compute it. Write the method "
                    "(its name starts with _kpi_) first, then create the KPI naming it.",
                    name=kpi.name, method=kpi.compute_method,
                ))

    @api.constrains("scoring_method", "threshold_low", "threshold_high")
    def _check_thresholds(self):
        for kpi in self.filtered(lambda k: k.scoring_method == "linear"):
            if kpi.threshold_high <= kpi.threshold_low:
                raise ValidationError(_(
                    "KPI %(name)s: the high threshold must be above the low threshold.", name=kpi.name,
                ))

    @api.model
    def _move_xmlids(self, module, names):
        """Hand the KPI records of dealer_assessment with the xml ids ``names`` over to the link ``module`` that
        ships them now (its ``pre_init_hook``): a database created while dealer_assessment shipped them keeps its
        records, with their scorecard and template lines, instead of getting a second KPI of the same code."""
        move_xmlids(self.env, "dealer_assessment", module, names=names)

    # ------------------------------------------------------------------ computation
    def _get_compute_method(self):
        """The bound method named by ``compute_method``, or None when this database has no such KPI method.

        Only methods named ``_kpi_…`` qualify: a KPI record, which a Dealer Manager may edit, cannot make the
        assessment call any other method of the model.
        """
        self.ensure_one()
        name = self.compute_method or ""
        if not (name.startswith("_kpi_") and name.isidentifier()):
            return None
        method = getattr(self, name, None)
        return method if callable(method) else None

    def _compute_raw_values(self, dealers, date_from, date_to, company):
        """{kpi: {dealer id: raw value}} — one set-based call per KPI for all dealers; None when not applicable.

        During the pass the KPI methods share the figures they have in common (cursor cache ``KPI_PASS_CACHE``,
        e.g. the net sales of the period for net sales, target achievement and growth), for this call only.
        """
        result = {}
        owner = KPI_PASS_CACHE not in self.env.cr.cache
        if owner:
            self.env.cr.cache[KPI_PASS_CACHE] = {}
        try:
            for kpi in self:
                method = kpi._get_compute_method()
                result[kpi] = None if method is None else method(dealers, date_from, date_to, company)
        finally:
            if owner:
                self.env.cr.cache.pop(KPI_PASS_CACHE, None)
        return result

    def _score(self, value):
        """Points (0–100) of a raw value."""
        self.ensure_one()
        return self._scorer()(value)

    def _scorer(self):
        """A plain function ``value -> points`` (None for no value) with this KPI's settings read once, for the
        thousands of values of an assessment.

        Linear: 0 to 100 points between the two thresholds (reversed when lower is better). Bands, higher is
        better: the points of the highest band whose threshold the value reaches; lower is better: the points of
        the lowest band whose threshold the value does not exceed; 0 outside every band.
        """
        self.ensure_one()
        lower_is_better = self.direction == "lower"
        if self.scoring_method == "bands":
            bands = [(band.threshold, band.points) for band in self.band_ids.sorted("threshold")]

            def score_bands(value):
                if value is None:
                    return None
                if lower_is_better:
                    within = [points for threshold, points in bands if value <= threshold]
                    return within[0] if within else 0.0
                reached = [points for threshold, points in bands if value >= threshold]
                return reached[-1] if reached else 0.0
            return score_bands
        low, span = self.threshold_low, self.threshold_high - self.threshold_low

        def score_linear(value):
            if value is None:
                return None
            ratio = (value - low) / span if span else 0.0
            if lower_is_better:
                ratio = 1.0 - ratio
            return round(min(max(ratio, 0.0), 1.0) * 100.0, 2)
        return score_linear

    # The KPIs of dealer_assessment's own data, one set-based method per KPI. Each
    # ``_kpi_<code>(dealers, date_from, date_to, company)``, named by the ``compute_method`` of its record in
    # data/dealer_kpi_data.xml, returns ``{dealer id: raw value}`` for all the dealers at once, in a number of
    # queries independent of the number of dealers. A dealer left out of the result (or mapped to ``None``) has no
    # value for the KPI: it is not applicable to it. The KPIs computed from another addon's data live in the link
    # module joining both (dealer_assessment_sellout, _service, _training, _satisfaction).

    # ------------------------------------------------------------------ sales
    def _net_sales(self, dealers, date_from, date_to, company):
        """{dealer id: net invoiced sales} from dealer_management's one definition of net sales.

        Within one pass over the KPIs (``_compute_raw_values``) the net sales of a period are read once and shared
        by the KPIs that need them (net sales, target achievement, growth).
        """
        cache = self.env.cr.cache.get(KPI_PASS_CACHE)
        key = ("net_sales", tuple(dealers.ids), date_from, date_to, company.id)
        if cache is not None and key in cache:
            return dict(cache[key])
        by_day = self.env["dealer.contract.target"]._net_invoiced_by_day(dealers, date_from, date_to, company)
        result = dict.fromkeys(dealers.ids, 0.0)
        for (partner_id, _company_id, _day), amount in by_day.items():
            if partner_id in result:
                result[partner_id] += amount
        if cache is not None:
            cache[key] = dict(result)
        return result

    def _kpi_net_sales(self, dealers, date_from, date_to, company):
        """Net invoiced sales (invoices minus credit notes, untaxed, company currency)."""
        return {dealer_id: round(amount, 2) for dealer_id, amount in self._net_sales(
            dealers, date_from, date_to, company).items()}

    def _kpi_target_achievement(self, dealers, date_from, date_to, company):
        """Net sales in % of the contract targets (all products) lying within the period; no target, no value."""
        groups = self.env["dealer.contract.target"].sudo()._read_group(
            # sudo: an aggregate of the dealers' targets, read for the assessment only
            [("partner_id", "in", dealers.ids), ("company_id", "=", company.id), ("categ_id", "=", False),
             ("contract_id.state", "in", ("active", "expired", "terminated")),
             ("date_start", ">=", date_from), ("date_end", "<=", date_to)],
            ["partner_id"], ["amount:sum"],
        )
        targets = {partner.id: amount for partner, amount in groups if amount}
        # all the dealers, not only those with a target: the pass's net sales, read once for all the KPIs
        sales = self._net_sales(dealers, date_from, date_to, company)
        return {dealer_id: round(100.0 * sales[dealer_id] / amount, 2) for dealer_id, amount in targets.items()}

    def _kpi_unit_achievement(self, dealers, date_from, date_to, company):
        """Net invoiced units in % of the unit targets (台/件) lying within the period, each target counting the
        units of its own product category; no unit target, no value. One query per category targeted."""
        Target = self.env["dealer.contract.target"]
        groups = Target.sudo()._read_group(
            # sudo: an aggregate of the dealers' targets, read for the assessment only
            [("partner_id", "in", dealers.ids), ("company_id", "=", company.id), ("quantity", ">", 0.0),
             ("contract_id.state", "in", ("active", "expired", "terminated")),
             ("date_start", ">=", date_from), ("date_end", "<=", date_to)],
            ["partner_id", "categ_id"], ["quantity:sum"],
        )
        targets, dealers_by_categ = defaultdict(float), defaultdict(lambda: self.env["res.partner"])
        for partner, categ, quantity in groups:
            targets[partner.id] += quantity
            dealers_by_categ[categ] |= partner
        achieved = defaultdict(float)
        for categ, partners in dealers_by_categ.items():
            units = Target._net_invoiced_quantity_by_day(partners, date_from, date_to, company, categ=categ)
            for (partner_id, _company_id, _day), quantity in units.items():
                achieved[partner_id] += quantity
        return {dealer_id: round(100.0 * achieved[dealer_id] / quantity, 2) for dealer_id, quantity in targets.items()}

    def _kpi_sales_growth(self, dealers, date_from, date_to, company):
        """Growth (%) of net sales against the same period last year; no sales last year, no value."""
        # the same days one year earlier (a month-end stays a month-end), so a partial period meets its match
        last_from, last_to = shift_period(date_from, date_to, relativedelta(years=-1))
        this_year = self._net_sales(dealers, date_from, date_to, company)
        last_year = self._net_sales(dealers, last_from, last_to, company)
        return {
            dealer_id: round(100.0 * (this_year[dealer_id] - before) / before, 2)
            for dealer_id, before in last_year.items() if before > 0
        }

    # ------------------------------------------------------------------ payment
    def _kpi_payment_days_late(self, dealers, date_from, date_to, company):
        """Average days between due date and full payment of the invoices paid in the period (0 when on time)."""
        self.env["account.move.line"].flush_model()
        self.env["account.partial.reconcile"].flush_model()
        self.env.cr.execute(SQL(
            """
            WITH paid AS (
                -- the debit lines whose last reconciliation falls in the period, in one pass over the company's
                -- reconciliations (no lookup per line of the whole receivable history)
                SELECT debit_move_id AS line_id, MAX(max_date) AS paid_on
                  FROM account_partial_reconcile
                 WHERE company_id = %(company)s
                 GROUP BY debit_move_id
                HAVING MAX(max_date) BETWEEN %(date_from)s AND %(date_to)s
            )
            SELECT partner.commercial_partner_id, AVG(GREATEST(paid.paid_on - line.date_maturity, 0))
              FROM paid
              JOIN account_move_line line ON line.id = paid.line_id
              JOIN account_move move ON move.id = line.move_id
              JOIN account_account account ON account.id = line.account_id
              JOIN res_partner partner ON partner.id = line.partner_id
             WHERE move.move_type = 'out_invoice' AND line.parent_state = 'posted'
               AND account.account_type = 'asset_receivable' AND line.reconciled
               AND line.company_id = %(company)s AND partner.commercial_partner_id IN %(dealers)s
             GROUP BY partner.commercial_partner_id
            """,
            company=company.id, dealers=tuple(dealers.ids) or (0,), date_from=date_from, date_to=date_to,
        ))
        return {dealer_id: round(float(days), 2) for dealer_id, days in self.env.cr.fetchall()}

    def _kpi_overdue_share(self, dealers, date_from, date_to, company):
        """Share (%) of the open receivable (dealer_management's definition) due before the period's end, or
        before today in a period still running (what falls due later in the period is not overdue yet)."""
        date_to = min(date_to, fields.Date.context_today(self))
        open_receivable = dealers._dealer_open_receivable(company)
        self.env["account.move.line"].flush_model()
        self.env.cr.execute(SQL(
            """
            SELECT partner.commercial_partner_id, SUM(line.amount_residual)
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN account_account account ON account.id = line.account_id
              JOIN res_partner partner ON partner.id = line.partner_id
             WHERE move.move_type = 'out_invoice' AND line.parent_state = 'posted'
               AND account.account_type = 'asset_receivable' AND line.reconciled IS NOT TRUE
               AND line.amount_residual > 0 AND line.date_maturity < %(date_to)s
               AND line.company_id = %(company)s AND partner.commercial_partner_id IN %(dealers)s
             GROUP BY partner.commercial_partner_id
            """,
            company=company.id, dealers=tuple(dealers.ids) or (0,), date_to=date_to,
        ))
        overdue = dict(self.env.cr.fetchall())
        result = {}
        for dealer in dealers:
            total = open_receivable.get((dealer.id, company.id), (0.0, None))[0]
            share = 100.0 * overdue.get(dealer.id, 0.0) / total if total > 0 else 0.0
            result[dealer.id] = round(min(share, 100.0), 2)
        return result

    # ------------------------------------------------------------------ returns and orders
    def _kpi_return_rate(self, dealers, date_from, date_to, company):
        """Returned in % of delivered quantity in the period; nothing delivered, no value.

        Delivered: done moves into a customer location; returned: done return moves (``origin_returned_move_id``)
        coming back from a customer location. Quantities in the product's unit.
        """
        start, end = dealer_period_bounds(date_from, date_to)
        self.env["stock.move"].flush_model()
        self.env.cr.execute(SQL(
            """
            SELECT partner.commercial_partner_id,
                   SUM(move.product_qty) FILTER (
                       WHERE src.usage = 'customer' AND move.origin_returned_move_id IS NOT NULL),
                   SUM(move.product_qty) FILTER (WHERE dest.usage = 'customer')
              FROM stock_move move
              JOIN stock_picking picking ON picking.id = move.picking_id
              JOIN res_partner partner ON partner.id = picking.partner_id
              JOIN stock_location src ON src.id = move.location_id
              JOIN stock_location dest ON dest.id = move.location_dest_id
             WHERE move.state = 'done' AND move.company_id = %(company)s
               AND move.date >= %(start)s AND move.date < %(end)s
               AND partner.commercial_partner_id IN %(dealers)s
               AND (src.usage = 'customer') != (dest.usage = 'customer')
             GROUP BY partner.commercial_partner_id
            """,
            company=company.id, dealers=tuple(dealers.ids) or (0,), start=start, end=end,
        ))
        return {
            dealer_id: round(100.0 * (returned or 0.0) / delivered, 2)
            for dealer_id, returned, delivered in self.env.cr.fetchall() if delivered
        }

    def _confirmed_orders(self, dealers, date_from, date_to, company):
        """{dealer id: confirmed sale orders dated in the period}."""
        start, end = dealer_period_bounds(date_from, date_to)
        self.env["sale.order"].flush_model(["partner_id", "state", "date_order", "company_id"])
        self.env.cr.execute(SQL(
            """
            SELECT partner.commercial_partner_id, COUNT(*)
              FROM sale_order so JOIN res_partner partner ON partner.id = so.partner_id
             WHERE so.state = 'sale' AND so.company_id = %(company)s
               AND so.date_order >= %(start)s AND so.date_order < %(end)s
               AND partner.commercial_partner_id IN %(dealers)s
             GROUP BY partner.commercial_partner_id
            """,
            company=company.id, dealers=tuple(dealers.ids) or (0,), start=start, end=end,
        ))
        return dict(self.env.cr.fetchall())

    def _kpi_order_lead_time(self, dealers, date_from, date_to, company):
        """Average days from order confirmation to the last done delivery, over the confirmed orders fully
        delivered in the period (sale_stock's delivery status and the pickings' done date); none, no value."""
        start, end = dealer_period_bounds(date_from, date_to)
        self.env["sale.order"].flush_model(["partner_id", "state", "date_order", "company_id", "delivery_status"])
        self.env["stock.picking"].flush_model(["sale_id", "state", "date_done", "picking_type_id"])
        self.env.cr.execute(SQL(
            """
            SELECT partner.commercial_partner_id, AVG(EXTRACT(EPOCH FROM (done.last_done - so.date_order)) / 86400.0)
              FROM sale_order so
              JOIN res_partner partner ON partner.id = so.partner_id
              JOIN (SELECT picking.sale_id, MAX(picking.date_done) AS last_done
                      FROM stock_picking picking
                      JOIN stock_picking_type kind ON kind.id = picking.picking_type_id
                     WHERE picking.state = 'done' AND kind.code = 'outgoing' AND picking.sale_id IS NOT NULL
                     GROUP BY picking.sale_id) done ON done.sale_id = so.id
             WHERE so.state = 'sale' AND so.delivery_status = 'full' AND so.company_id = %(company)s
               AND done.last_done >= %(start)s AND done.last_done < %(end)s
               AND partner.commercial_partner_id IN %(dealers)s
             GROUP BY partner.commercial_partner_id
            """,
            company=company.id, dealers=tuple(dealers.ids) or (0,), start=start, end=end,
        ))
        return {dealer_id: round(float(days), 2) for dealer_id, days in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ relations
    def _kpi_violation_points(self, dealers, date_from, date_to, company):
        """Points of the confirmed or closed violations dated in the period."""
        groups = self.env["dealer.violation"].sudo()._read_group(
            # sudo: an aggregate of the dealers' violations, read for the assessment only
            [("partner_id", "in", dealers.ids), ("company_id", "=", company.id),
             ("state", "in", ("confirmed", "closed")), ("date", ">=", date_from), ("date", "<=", date_to)],
            ["partner_id"], ["points:sum"],
        )
        result = dict.fromkeys(dealers.ids, 0.0)
        result.update({partner.id: points for partner, points in groups})
        return result

    def _kpi_complaint_rate(self, dealers, date_from, date_to, company):
        """Complaints per 100 confirmed orders of the period; no order, no value."""
        # sudo: complaint counts for the assessment only
        complaints = self.env["dealer.complaint"].sudo()._dealer_complaint_count(dealers, date_from, date_to)
        orders = self._confirmed_orders(dealers, date_from, date_to, company)
        return {
            dealer_id: round(100.0 * complaints.get(dealer_id, 0) / count, 2) for dealer_id, count in orders.items()
        }

    def _kpi_complaint_resolution_hours(self, dealers, date_from, date_to, company):
        """Average hours to resolve the complaints resolved in the period; none resolved, no value."""
        # sudo: an aggregate of the complaints, for the assessment only
        hours = self.env["dealer.complaint"].sudo()._dealer_complaint_resolution_hours(dealers, date_from, date_to)
        return {dealer_id: round(value, 2) for dealer_id, value in hours.items()}

    def _kpi_feedback_count(self, dealers, date_from, date_to, company):
        """Market feedback items the dealer sent in the period (rejected ones excluded)."""
        start, end = dealer_period_bounds(date_from, date_to)
        groups = self.env["dealer.feedback"].sudo()._read_group(
            # sudo: a count of the dealers' feedback, for the assessment only
            [("partner_id", "in", dealers.ids), ("company_id", "=", company.id), ("state", "!=", "rejected"),
             ("create_date", ">=", start), ("create_date", "<", end)],
            ["partner_id"], ["__count"],
        )
        result = dict.fromkeys(dealers.ids, 0)
        result.update({partner.id: count for partner, count in groups})
        return result

    def _kpi_stock_report_timeliness(self, dealers, date_from, date_to, company):
        """Months of the period (up to today) with a submitted or validated channel stock report, in %."""
        last_day = min(date_to, fields.Date.context_today(self))
        months = periods_between(date_from, last_day, "month")
        if not months:
            return {}
        groups = self.env["dealer.stock.report"].sudo()._read_group(
            # sudo: which months the dealers reported, for the assessment only
            [("partner_id", "in", dealers.ids), ("company_id", "=", company.id),
             ("state", "in", ("submitted", "validated")), ("date", ">=", date_from), ("date", "<=", last_day)],
            ["partner_id", "date:month"], [],
        )
        reported = defaultdict(int)
        for partner, _month in groups:
            reported[partner.id] += 1
        return {dealer.id: round(100.0 * reported[dealer.id] / len(months), 2) for dealer in dealers}
