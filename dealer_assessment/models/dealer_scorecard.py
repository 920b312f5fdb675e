from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .dealer_assessment_template import RATINGS


class DealerScorecardComputedMixin(models.AbstractModel):
    """What scorecards and their lines share: written only by the assessment's computation, locked once approved.

    Every field is the computation's (``_dealer_trusted()``): any create, write or unlink from elsewhere is
    refused; the models say in ``_check_not_locked`` when they are locked.
    """

    _name = "dealer.scorecard.computed.mixin"
    _description = "Dealer Scorecard Computation"
    _inherit = ["dealer.workflow.mixin"]

    def _dealer_check_protected(self, fnames):
        """Every field of a scorecard is the computation's: refuse any create or write from elsewhere."""
        if fnames and not self._dealer_is_trusted():
            raise AccessError(_(
                "Scorecards are written only by the Compute button of their assessment, not by hand.",
            ))

    def _check_not_locked(self):
        """Raise when the records belong to an approved assessment."""
        raise NotImplementedError

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_not_locked()
        return records

    def write(self, vals):
        self._check_not_locked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_computation(self):
        self._dealer_check_protected({"id"})
        self._check_not_locked()


class DealerScorecard(models.Model):
    """The result of one dealer in one assessment: a line per KPI, the total, ranks and rating.

    Written only by the assessment's computation (``_dealer_trusted()``); locked once the assessment is approved.
    """

    _name = "dealer.scorecard"
    _description = "Dealer Scorecard"
    _inherit = ["dealer.scorecard.computed.mixin"]
    _order = "assessment_id desc, rank, id"
    _rec_name = "partner_id"

    assessment_id = fields.Many2one(
        "dealer.assessment", required=True, ondelete="cascade", index=True, readonly=True,
    )
    assessment_state = fields.Selection(related="assessment_id.state", store=True, string="Assessment Status")
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    period_type = fields.Selection(related="assessment_id.period_type", store=True)
    date_from = fields.Date(related="assessment_id.date_from", store=True)
    date_to = fields.Date(related="assessment_id.date_to", store=True)
    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, index=True, readonly=True)
    grade_id = fields.Many2one(
        "dealer.grade", compute="_compute_grade_id", store=True, index=True, precompute=True,
        help="The dealer's grade when the scorecard was computed (kept when the grade changes later).",
    )
    template_id = fields.Many2one("dealer.assessment.template", readonly=True)
    territory_id = fields.Many2one(
        "dealer.territory", readonly=True, help="The dealer's first territory, used for ranking.",
    )
    total = fields.Float(string="Total Score", digits=(16, 2), readonly=True, aggregator="avg")
    rank = fields.Integer(readonly=True, aggregator="min", help="Rank among all dealers of the assessment.")
    territory_rank = fields.Integer(string="Rank in Territory", readonly=True, aggregator="min")
    rating = fields.Selection(RATINGS, readonly=True)
    previous_total = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")
    has_previous = fields.Boolean(string="Has Previous Period", readonly=True)
    total_change = fields.Float(
        string="Change", compute="_compute_total_change", store=True, digits=(16, 2), aggregator="avg",
        help="Total minus the total of the previous period's approved scorecard.",
    )
    line_ids = fields.One2many("dealer.scorecard.line", "scorecard_id", string="KPIs", readonly=True)

    _sql_constraints = [
        ("dealer_unique", "unique(assessment_id, partner_id)", "A dealer has one scorecard per assessment."),
    ]

    @api.depends("partner_id")
    def _compute_grade_id(self):
        # depends on the dealer only: a later grade change leaves the assessed grade of past scorecards as it was;
        # precomputed at creation: computed at the next flush, it would take a grade changed in the meantime
        # (an upgrade applied in the same transaction as the approval)
        for scorecard in self:
            scorecard.grade_id = scorecard.partner_id.dealer_grade_id

    @api.depends("total", "previous_total", "has_previous")
    def _compute_total_change(self):
        for scorecard in self:
            scorecard.total_change = scorecard.total - scorecard.previous_total if scorecard.has_previous else 0.0

    # ------------------------------------------------------------------ locked once approved
    def _check_not_locked(self):
        for scorecard in self:
            if scorecard.assessment_id.state == "approved":
                raise UserError(_(
                    "The scorecard of %(dealer)s is locked: assessment %(assessment)s is approved. A Dealer "
                    "Manager can reopen the assessment, giving a reason.",
                    dealer=scorecard.partner_id.display_name, assessment=scorecard.assessment_id.name,
                ))


class DealerScorecardLine(models.Model):
    """One KPI of a scorecard: the raw value, its points and its weight."""

    _name = "dealer.scorecard.line"
    _description = "Dealer Scorecard KPI"
    _inherit = ["dealer.scorecard.computed.mixin"]
    _order = "scorecard_id, sequence, id"

    scorecard_id = fields.Many2one("dealer.scorecard", required=True, ondelete="cascade", index=True, readonly=True)
    assessment_id = fields.Many2one(related="scorecard_id.assessment_id", store=True, index=True)
    partner_id = fields.Many2one(related="scorecard_id.partner_id", store=True, string="Dealer")
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True)
    sequence = fields.Integer(readonly=True)
    kpi_id = fields.Many2one("dealer.kpi", string="KPI", required=True, readonly=True, ondelete="restrict")
    unit = fields.Char(related="kpi_id.unit")
    applicable = fields.Boolean(
        readonly=True, help="False when the KPI has no value for this dealer: its weight is left out of the total.",
    )
    raw_value = fields.Float(string="Value", digits=(16, 2), readonly=True, aggregator="avg")
    points = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")
    weight = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")
    weighted_points = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")

    def _check_not_locked(self):
        self.scorecard_id._check_not_locked()
