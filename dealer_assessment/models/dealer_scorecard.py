from collections import defaultdict

from odoo import _, api, fields, models
from odoo.tools import SQL

from .dealer_assessment_template import RATINGS


def _round2(value):
    """A Float field of 2 digits as the ORM stores it."""
    return round(value or 0.0, 2)


class DealerScorecard(models.Model):
    """The result of one dealer in one assessment: a line per KPI, the total, ranks and rating.

    Written only by the assessment's computation (``_dealer_trusted()``); locked once the assessment is approved.
    """

    _name = "dealer.scorecard"
    _description = "Dealer Scorecard"
    _inherit = ["dealer.scorecard.computed.mixin"]
    _dealer_line_parent_field = "assessment_id"
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
        "dealer.territory", readonly=True, help="The dealer's first territory when the scorecard was computed.",
    )
    rank_territory_id = fields.Many2one(
        "dealer.territory", string="Ranking Group", readonly=True,
        help="The region, province or city (the level chosen in the settings) that contains the dealer's first "
             "territory: the dealer is ranked among the dealers of this territory.",
    )
    total = fields.Float(string="Total Score", digits=(16, 2), readonly=True, aggregator="avg")
    rank = fields.Integer(readonly=True, aggregator="min", help="Rank among all dealers of the assessment.")
    rank_count = fields.Integer(
        string="Dealers Ranked", compute="_compute_rank_counts", help="Number of scorecards of the assessment.",
    )
    # the label says the company's ranking level (see fields_get)
    territory_rank = fields.Integer(
        string="Rank in Province", readonly=True, aggregator="min",
        help="Rank among the dealers of the same ranking group (region, province or city, as chosen in the settings).",
    )
    territory_rank_count = fields.Integer(
        string="Dealers in Ranking Group", compute="_compute_rank_counts",
        help="Number of scorecards of the assessment in the same ranking group.",
    )
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

    @api.depends("assessment_id", "rank_territory_id")
    def _compute_rank_counts(self):
        """How many dealers each rank is out of: one grouped query for all the scorecards' assessments."""
        assessments = self.assessment_id
        # sudo: counts only; a dealer's owner reads its own scorecards, not the others' of the assessment
        groups = self.sudo()._read_group(
            [("assessment_id", "in", assessments.ids)], ["assessment_id", "rank_territory_id"], ["__count"],
        ) if assessments.ids else []
        by_assessment, by_group = defaultdict(int), {}
        for assessment, group, count in groups:
            by_assessment[assessment.id] += count
            by_group[assessment.id, group.id] = count
        for scorecard in self:
            assessment_id = scorecard.assessment_id.id
            scorecard.rank_count = by_assessment[assessment_id]
            scorecard.territory_rank_count = by_group.get((assessment_id, scorecard.rank_territory_id.id), 0)

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """The rank within the ranking group is labelled with the company's ranking level (Rank in Province...)."""
        result = super().fields_get(allfields, attributes)
        if "string" in result.get("territory_rank", {}):
            result["territory_rank"]["string"] = self._rank_level_label(self.env.company.dealer_rank_level)
        return result

    @api.model
    def _rank_level_label(self, level):
        """The label of the rank within a ranking group of ``level`` (region, province or city)."""
        return {
            "region": _("Rank in Region"), "city": _("Rank in City"),
        }.get(level) or _("Rank in Province")

    @api.model
    def _rank_out_of(self, rank, count):
        """A rank and how many dealers it is out of ("No. 3 of 12")."""
        return _("No. %(rank)s of %(count)s", rank=rank, count=count)

    @api.depends("total", "previous_total", "has_previous")
    def _compute_total_change(self):
        for scorecard in self:
            scorecard.total_change = scorecard.total - scorecard.previous_total if scorecard.has_previous else 0.0

    # ------------------------------------------------------------------ bulk writing by the computation
    @api.model
    def _replace_for_assessment(self, assessment, vals_list):
        """Replace the scorecards of a draft assessment: one DELETE and two INSERTs whatever the number of dealers.

        ``vals_list``: the values ``create`` would take, lines as ``Command.create``. The ORM's create inserts
        100 rows per query and then updates the stored related fields (2,000 dealers x 12 KPIs: some 500
        queries); scorecards and lines are written only here and nothing stores a figure computed from them,
        so their rows are written directly, stored related and computed fields included.
        """
        self._dealer_check_protected({"id"})
        assessment.ensure_one()
        assessment._check_state(("draft",), _("Assessment %(name)s cannot be computed: it is %(state)s, not draft."))
        Line = self.env["dealer.scorecard.line"]
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(SQL("DELETE FROM dealer_scorecard WHERE assessment_id = %s", assessment.id))
        self.invalidate_model()
        Line.invalidate_model()
        assessment.invalidate_recordset(["scorecard_ids"])
        if not vals_list:
            return self.browse()
        grades = dict(self.env["res.partner"].browse([vals["partner_id"] for vals in vals_list]).mapped(
            lambda partner: (partner.id, partner.dealer_grade_id.id or None)))
        now, uid = fields.Datetime.now(), self.env.uid

        def column(key, vals_rows=vals_list, convert=None):
            return [convert(vals.get(key)) if convert else (vals.get(key) or None) for vals in vals_rows]

        cr.execute(SQL(
            """
            INSERT INTO dealer_scorecard (assessment_id, assessment_state, company_id, period_type, date_from, date_to,
                                          partner_id, grade_id, template_id, territory_id, rank_territory_id, total,
                                          rank, territory_rank, rating, previous_total, has_previous, total_change,
                                          create_uid, create_date, write_uid, write_date)
            SELECT %(assessment)s, %(state)s, %(company)s, %(period_type)s, %(date_from)s, %(date_to)s,
                   row.partner_id, row.grade_id, row.template_id, row.territory_id, row.rank_territory_id, row.total,
                   row.rank, row.territory_rank, row.rating, row.previous_total, row.has_previous,
                   CASE WHEN row.has_previous THEN row.total - row.previous_total ELSE 0 END,
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM unnest(%(partners)s::int[], %(grades)s::int[], %(templates)s::int[], %(territories)s::int[],
                          %(rank_territories)s::int[], %(totals)s::numeric[], %(ranks)s::int[],
                          %(territory_ranks)s::int[], %(ratings)s::varchar[], %(previous)s::numeric[],
                          %(has_previous)s::bool[])
                   AS row(partner_id, grade_id, template_id, territory_id, rank_territory_id, total, rank,
                          territory_rank, rating, previous_total, has_previous)
            RETURNING partner_id, id
            """,
            assessment=assessment.id, state=assessment.state, company=assessment.company_id.id,
            period_type=assessment.period_type, date_from=assessment.date_from, date_to=assessment.date_to,
            uid=uid, now=now, partners=column("partner_id"), grades=[grades[vals["partner_id"]] for vals in vals_list],
            templates=column("template_id"), territories=column("territory_id"),
            rank_territories=column("rank_territory_id"),
            totals=column("total", convert=_round2), ranks=column("rank"), territory_ranks=column("territory_rank"),
            ratings=column("rating"), previous=column("previous_total", convert=_round2),
            has_previous=column("has_previous", convert=bool),
        ))
        ids = dict(cr.fetchall())
        lines = [
            {**command[2], "scorecard_id": ids[vals["partner_id"]], "partner_id": vals["partner_id"]}
            for vals in vals_list for command in vals.get("line_ids", ())
        ]
        if lines:
            cr.execute(SQL(
                """
                INSERT INTO dealer_scorecard_line (scorecard_id, assessment_id, partner_id, company_id, sequence,
                                                   kpi_id, applicable, raw_value, points, weight, weighted_points,
                                                   create_uid, create_date, write_uid, write_date)
                SELECT row.scorecard_id, %(assessment)s, row.partner_id, %(company)s, row.sequence, row.kpi_id,
                       row.applicable, row.raw_value, row.points, row.weight, row.weighted_points,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(scorecards)s::int[], %(partners)s::int[], %(sequences)s::int[], %(kpis)s::int[],
                              %(applicable)s::bool[], %(raw)s::numeric[], %(points)s::numeric[],
                              %(weights)s::numeric[], %(weighted)s::numeric[])
                       AS row(scorecard_id, partner_id, sequence, kpi_id, applicable, raw_value, points, weight,
                              weighted_points)
                """,
                assessment=assessment.id, company=assessment.company_id.id, uid=uid, now=now,
                scorecards=column("scorecard_id", lines), partners=column("partner_id", lines),
                sequences=column("sequence", lines, int), kpis=column("kpi_id", lines),
                applicable=column("applicable", lines, bool), raw=column("raw_value", lines, _round2),
                points=column("points", lines, _round2), weights=column("weight", lines, _round2),
                weighted=column("weighted_points", lines, _round2),
            ))
        return self.browse(list(ids.values()))

    # ------------------------------------------------------------------ locked once approved
    def _dealer_lines_locked(self):
        """Its KPI lines lock with the assessment."""
        return self.filtered(lambda scorecard: scorecard.assessment_id._dealer_lines_locked())

    def _dealer_lines_trusted(self):
        return self.assessment_id._dealer_lines_trusted()

    def _dealer_lines_locked_message(self, lines):
        self.ensure_one()
        return self.assessment_id._dealer_lines_locked_message(lines or self)

