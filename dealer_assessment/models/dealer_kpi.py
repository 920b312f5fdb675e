from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.dealer_management.tools.xmlids import move_xmlids

KPI_DIRECTIONS = [("higher", "Higher is better"), ("lower", "Lower is better")]
SCORING_METHODS = [("linear", "Linear between two thresholds"), ("bands", "Bands table")]
# key of the cursor cache (``cr.cache``) holding the figures the KPIs of one pass share
KPI_PASS_CACHE = "dealer_kpi_pass"


class DealerKpi(models.Model):
    """A measurable indicator of dealer performance, turned into 0–100 points.

    The raw values come from the method of this model that the KPI's record names in ``compute_method``
    (``_kpi_<something>(dealers, date_from, date_to, company)``, see dealer_kpi_compute.py), which returns
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


class DealerKpiBand(models.Model):
    """A row of a KPI's bands table: a threshold and the points it gives."""

    _name = "dealer.kpi.band"
    _description = "Dealer KPI Scoring Band"
    _order = "kpi_id, threshold"

    kpi_id = fields.Many2one("dealer.kpi", string="KPI", required=True, ondelete="cascade", index=True)
    threshold = fields.Float(
        required=True,
        help="Higher is better: the value from which the points apply. Lower is better: the value up to which "
             "they apply.",
    )
    points = fields.Float(required=True)

    @api.constrains("points")
    def _check_points(self):
        for band in self:
            if not 0.0 <= band.points <= 100.0:
                raise ValidationError(_("The points of a KPI band lie between 0 and 100."))
