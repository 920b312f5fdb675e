from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.dealer_management.tools.period import (
    PERIOD_TYPES,
    period_bounds,
    period_label,
    previous_period,
)

from .res_company import DEFAULT_RANK_LEVEL

ASSESSMENT_STATES = [("draft", "Draft"), ("reviewed", "Reviewed"), ("approved", "Approved")]
SCOPES = [("all", "All Active Dealers"), ("grade", "Grade"), ("territory", "Territory")]
# what the assessment measures: frozen once it leaves draft
SCOPE_FIELDS = frozenset({"company_id", "period_type", "date", "scope", "grade_id", "territory_id", "template_id"})


class DealerAssessment(models.Model):
    """One assessment run: a period and a set of dealers, scored KPI by KPI into scorecards."""

    _name = "dealer.assessment"
    _description = "Dealer Assessment"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "dealer.workflow.mixin", "dealer.unique.mixin",
        "dealer.assessment.consequence.mixin", "dealer.queue.mixin",
    ]
    _check_company_auto = True
    _order = "date_from desc, id desc"
    # one assessment per company, period and scope (see _check_one_per_period_and_scope)
    _dealer_unique_indexes = {
        "period_scope_uniq": (
            tuple(SCOPE_FIELDS - {"template_id"}),
            "company_id, period_type, date_from, scope, "
            "COALESCE(CASE WHEN scope = 'grade' THEN grade_id END, 0), "
            "COALESCE(CASE WHEN scope = 'territory' THEN territory_id END, 0)",
            "", "_check_one_per_period_and_scope",
        ),
    }
    _sql_constraints = [(
        "period_scope_uniq", "",
        "An assessment of these dealers for this period already exists: open it (reopen it if it is approved) "
        "instead of creating another one.",
    )]

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, tracking=True,
    )
    period_type = fields.Selection(PERIOD_TYPES, string="Period", required=True, default="quarter", tracking=True)
    date = fields.Date(
        string="Period Date", required=True, default=fields.Date.context_today, tracking=True,
        help="Any day of the assessed period.",
    )
    date_from = fields.Date(string="From", compute="_compute_period", store=True, index=True)
    date_to = fields.Date(string="To", compute="_compute_period", store=True)
    scope = fields.Selection(SCOPES, required=True, default="all", tracking=True)
    grade_id = fields.Many2one("dealer.grade", check_company=True, tracking=True)
    territory_id = fields.Many2one(
        "dealer.territory", check_company=True, tracking=True,
        help="The dealers of this territory and of its sub-territories.",
    )
    template_id = fields.Many2one(
        "dealer.assessment.template", check_company=True, tracking=True,
        help="Leave empty to assess each dealer with the template of its grade (or the default template).",
    )
    state = fields.Selection(
        ASSESSMENT_STATES, string="Status", default="draft", required=True, readonly=True, copy=False,
        tracking=True, index=True,
    )
    scorecard_ids = fields.One2many("dealer.scorecard", "assessment_id", string="Scorecards", readonly=True)
    scorecard_count = fields.Integer(compute="_compute_scorecard_count")
    date_computed = fields.Datetime(string="Computed On", readonly=True, copy=False)

    @api.depends("date", "period_type")
    def _compute_period(self):
        for assessment in self:
            if assessment.date and assessment.period_type:
                assessment.date_from, assessment.date_to = period_bounds(assessment.date, assessment.period_type)
            else:
                assessment.date_from = assessment.date_to = False

    @api.depends("date", "period_type", "scope", "grade_id", "territory_id")
    def _compute_name(self):
        for assessment in self:
            if not (assessment.date and assessment.period_type):
                assessment.name = False
                continue
            scope = {
                "grade": assessment.grade_id.name, "territory": assessment.territory_id.complete_name,
            }.get(assessment.scope) or assessment._selection_label("scope")
            assessment.name = f"{period_label(assessment.date, assessment.period_type)} / {scope}"

    @api.depends("scorecard_ids")
    def _compute_scorecard_count(self):
        for assessment in self:
            assessment.scorecard_count = len(assessment.scorecard_ids)

    # ------------------------------------------------------------------ constraints
    def _same_period_and_scope_domain(self):
        """Domain of the assessments of this one's company, period and dealers (the rule's key)."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id), ("period_type", "=", self.period_type),
            ("date_from", "=", self.date_from), ("scope", "=", self.scope),
        ]
        if self.scope == "grade":
            domain.append(("grade_id", "=", self.grade_id.id))
        elif self.scope == "territory":
            domain.append(("territory_id", "=", self.territory_id.id))
        return domain

    def _check_one_per_period_and_scope(self):
        """One assessment per company, period and scope: a second one would score and reward the dealers twice
        (checked before writing, see _dealer_unique_indexes)."""
        for assessment in self:
            domain = assessment._same_period_and_scope_domain() + [("id", "!=", assessment._origin.id)]
            other = self.search(domain, limit=1)
            if other:
                raise ValidationError(_(
                    "Assessment %(other)s (%(state)s) already covers these dealers for this period: open it "
                    "instead of creating another one (reopen it first if it is approved).",
                    other=other.display_name, state=other._state_label(),
                ))

    # ------------------------------------------------------------------ ORM
    def write(self, vals):
        if SCOPE_FIELDS.intersection(vals):
            self._check_state(("draft",), _(
                "Assessment %(name)s is %(state)s: its period and dealers can no longer be changed. Reopen it first.",
            ))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_state(("draft",), _("Assessment %(name)s cannot be deleted: it is %(state)s."))

    # ------------------------------------------------------------------ scorecards lock with it
    def _dealer_lines_locked(self):
        """An approved assessment's scorecards (and their KPI lines) are locked."""
        return self.filtered(lambda a: a.state == "approved")

    def _dealer_lines_trusted(self):
        """Nobody changes them, the computation included: a Dealer Manager reopens the assessment first."""
        return False

    def _dealer_lines_locked_message(self, lines):
        self.ensure_one()
        if not lines:
            return super()._dealer_lines_locked_message(lines)
        return _(
            "The scorecard of %(dealer)s is locked: assessment %(assessment)s is approved. A Dealer "
            "Manager can reopen the assessment, giving a reason.",
            dealer=lines.partner_id[:1].display_name, assessment=self.name,
        )

    # ------------------------------------------------------------------ scope
    def _get_dealers(self):
        """The active dealers of the company in the assessment's scope, admitted by the end of the period.

        A dealer admitted after the period was no dealer during it: it has no target, orders or payments there,
        and the few KPIs still applicable (no violation, nothing overdue) would rank it first.
        """
        self.ensure_one()
        domain = [
            ("is_dealer", "=", True), ("dealer_state", "=", "active"), ("is_company", "=", True),
            ("company_id", "in", (False, self.company_id.id)),
            "|", ("dealer_since", "=", False), ("dealer_since", "<=", self.date_to),
        ]
        if self.scope == "grade":
            if not self.grade_id:
                raise UserError(_("Choose the grade whose dealers assessment %(name)s covers.", name=self.name))
            domain.append(("dealer_grade_id", "=", self.grade_id.id))
        elif self.scope == "territory":
            if not self.territory_id:
                raise UserError(_("Choose the territory whose dealers assessment %(name)s covers.", name=self.name))
            domain.append(("dealer_territory_ids", "child_of", self.territory_id.id))
        # the fields the computation reads, in one query each (not by prefetch chunks of 1,000 dealers)
        return self.env["res.partner"].search_fetch(
            domain, ["dealer_grade_id", "dealer_territory_ids", "commercial_partner_id"],
        )

    def _get_templates(self, dealers):
        """{dealer: template}: the assessment's template, else the one of the dealer's grade, else the default."""
        self.ensure_one()
        if self.template_id:
            return dict.fromkeys(dealers, self.template_id)
        templates = self.env["dealer.assessment.template"].search(
            [("company_id", "in", (False, self.company_id.id))], order="company_id, sequence, id",
        )
        by_grade = {}
        for template in templates:
            by_grade.setdefault(template.grade_id, template)
        default = by_grade.get(self.env["dealer.grade"])
        result = {}
        for dealer in dealers:
            template = by_grade.get(dealer.dealer_grade_id, default)
            if not template:
                raise UserError(_(
                    "No assessment template applies to dealer %(dealer)s (grade %(grade)s): create a template "
                    "for this grade or a default template without grade.",
                    dealer=dealer.display_name, grade=dealer.dealer_grade_id.name or "-",
                ))
            result[dealer] = template
        return result

    # ------------------------------------------------------------------ compute
    def action_compute(self):
        """(Re)create the scorecards of this draft assessment: one pass per KPI for all dealers in scope."""
        self._check_dealer_manager(_("Only a Dealer Manager may compute an assessment."))
        self._check_state(("draft",), _("Assessment %(name)s cannot be computed: it is %(state)s, not draft."))
        if self._dealer_queue_runs_now(sum(assessment._scorecard_line_count() for assessment in self)):
            for assessment in self:
                assessment._compute_scorecards()
            return True
        job = self._dealer_delayable(_("Computation of %(names)s", names=", ".join(self.mapped("name"))))
        return self._dealer_job_queued(job._dealer_job_compute())

    def _dealer_job_compute(self):
        """Job: compute the scorecards of the queued assessments if they are still draft (all or none)."""
        def compute(assessments):
            assessments._check_state(
                ("draft",), _("Assessment %(name)s cannot be computed: it is %(state)s, not draft."),
            )
            for assessment in assessments:
                assessment._compute_scorecards()
            return assessments.env._("%(count)s scorecards computed.", count=len(assessments.scorecard_ids))
        return self._dealer_job_perform(compute)

    def _scorecard_line_count(self):
        """Scorecard lines a computation writes: the dealers in scope times the KPIs of their templates."""
        self.ensure_one()
        dealers = self._get_dealers()
        templates = self._get_templates(dealers) if dealers else {}
        return sum(len(template.line_ids) for template in templates.values())

    def _compute_scorecards(self):
        self.ensure_one()
        Scorecard = self.env["dealer.scorecard"]._dealer_trusted()
        dealers = self._get_dealers()
        templates = self._get_templates(dealers)
        kpis = self.env["dealer.kpi"].union(*(t.line_ids.kpi_id for t in set(templates.values())))
        raw_values = kpis._compute_raw_values(dealers, self.date_from, self.date_to, self.company_id)
        previous = self._previous_totals(dealers)
        # each template's lines as plain values and scoring functions, read once for all the dealers
        plans = {
            template: [
                (raw_values[tline.kpi_id], tline.kpi_id.id, tline.sequence, tline.weight, tline.kpi_id._scorer())
                for tline in template.line_ids
            ]
            for template in set(templates.values())
        }
        groups = self._rank_groups(dealers.dealer_territory_ids)
        vals_list = []
        for dealer in dealers:
            template = templates[dealer]
            lines, weighted, weights = [], 0.0, 0.0
            for values, kpi_id, sequence, weight, score in plans[template]:
                raw = None if values is None else values.get(dealer.id)
                points = score(raw)
                if points is not None:
                    weighted += points * weight / 100.0
                    weights += weight
                lines.append(fields.Command.create({
                    "kpi_id": kpi_id, "sequence": sequence, "weight": weight,
                    "applicable": points is not None, "raw_value": raw or 0.0, "points": points or 0.0,
                    "weighted_points": round((points or 0.0) * weight / 100.0, 2),
                }))
            # the weights of the KPIs not applicable to the dealer are left out: the total stays on 0–100
            total = round(100.0 * weighted / weights, 2) if weights else 0.0
            vals_list.append({
                "assessment_id": self.id, "partner_id": dealer.id, "template_id": template.id,
                "territory_id": dealer.dealer_territory_ids[:1].id,
                "rank_territory_id": groups.get(dealer.dealer_territory_ids[:1].id), "total": total,
                "rating": template._rating(total), "previous_total": previous.get(dealer.id, 0.0),
                "has_previous": dealer.id in previous, "line_ids": lines,
            })
        self._rank(vals_list)
        Scorecard._replace_for_assessment(self, vals_list)
        self._dealer_trusted().write({"date_computed": fields.Datetime.now()})

    def _rank_groups(self, territories):
        """{territory id: id of the territory its dealers are ranked within}: one query for all territories.

        The ranking group is the territory's ancestor (or itself) at the level the company chose (region,
        province or city: ``res.company.dealer_rank_level``); a territory wider than that level is its own group.
        """
        self.ensure_one()
        if not territories:
            return {}
        level = self.company_id.dealer_rank_level or DEFAULT_RANK_LEVEL
        territories.flush_model(["parent_path", "level"])
        self.env.cr.execute(SQL(
            """
            SELECT territory.id, COALESCE(ancestor.id, territory.id)
              FROM dealer_territory territory
              LEFT JOIN dealer_territory ancestor
                     ON ancestor.level = %(level)s
                    AND starts_with(territory.parent_path, ancestor.parent_path)
             WHERE territory.id IN %(ids)s
            """,
            level=level, ids=tuple(territories.ids),
        ))
        return dict(self.env.cr.fetchall())

    @staticmethod
    def _rank(vals_list):
        """Rank overall and within the ranking group by total (ties share the rank, 1 is the best)."""
        def assign(rows, key):
            previous_total, rank = None, 0
            for position, row in enumerate(sorted(rows, key=lambda r: -r["total"]), start=1):
                if row["total"] != previous_total:
                    rank, previous_total = position, row["total"]
                row[key] = rank
        assign(vals_list, "rank")
        by_group = defaultdict(list)
        for row in vals_list:
            by_group[row.get("rank_territory_id")].append(row)
        for rows in by_group.values():
            assign(rows, "territory_rank")

    def _previous_totals(self, dealers):
        """{dealer id: total} of the approved scorecards of the previous period of the same type."""
        self.ensure_one()
        prev_from, prev_to = previous_period(self.date_from, self.period_type)
        scorecards = self.env["dealer.scorecard"].search_read([
            ("partner_id", "in", dealers.ids), ("company_id", "=", self.company_id.id),
            ("assessment_state", "=", "approved"), ("period_type", "=", self.period_type),
            ("date_from", "=", prev_from), ("date_to", "=", prev_to),
        ], ["partner_id", "total"], order="id desc")
        result = {}
        for row in scorecards:
            result.setdefault(row["partner_id"][0], row["total"])
        return result

    # ------------------------------------------------------------------ workflow
    def action_review(self):
        """Draft → reviewed: the scorecards are checked."""
        self._check_dealer_manager(_("Only a Dealer Manager may mark an assessment as reviewed."))
        self._check_state(("draft",), _("Assessment %(name)s cannot be reviewed: it is %(state)s."))
        for assessment in self.filtered(lambda a: not a.scorecard_ids):
            raise UserError(_("Assessment %(name)s has no scorecard: compute it first.", name=assessment.name))
        self._dealer_trusted().write({"state": "reviewed"})
        return True

    def action_approve(self):
        """Reviewed → approved: the scorecards are locked, then the consequences of the scorecards are proposed
        (nothing is applied; see dealer.assessment.consequence.mixin)."""
        self._check_dealer_manager(_("Only a Dealer Manager may approve an assessment."))
        self._check_state(("reviewed",), _("Assessment %(name)s cannot be approved: it is %(state)s."))
        self._dealer_trusted().write({"state": "approved"})
        for assessment in self:
            assessment._propose_consequences()
        return True

    def action_draft(self):
        """Reviewed → draft, to compute again."""
        self._check_dealer_manager(_("Only a Dealer Manager may set an assessment back to draft."))
        self._check_state(("reviewed",), _(
            "Assessment %(name)s cannot be set back to draft: it is %(state)s. Reopen an approved assessment.",
        ))
        self._dealer_trusted().write({"state": "draft"})
        return True

    def action_open_reopen_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "dealer.assessment.reopen.wizard", "view_mode": "form",
            "target": "new", "context": {"default_assessment_id": self.id},
        }

    def _reopen(self, reason):
        """Approved → draft, by a Dealer Manager giving a reason (kept in the chatter)."""
        self.ensure_one()
        self._check_dealer_manager(_("Only a Dealer Manager may reopen an approved assessment."))
        self._check_state(("approved",), _("Assessment %(name)s cannot be reopened: it is %(state)s."))
        if not (reason or "").strip():
            raise UserError(_("Give the reason for reopening the assessment."))
        self._dealer_trusted().write({"state": "draft"})
        self.message_post(body=_("Assessment reopened. Reason: %(reason)s", reason=reason))

    def action_view_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_assessment.action_dealer_scorecard")
        action["domain"] = [("assessment_id", "=", self.id)]
        action["context"] = {"default_assessment_id": self.id}
        return action

    def action_view_proposals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_assessment.action_dealer_assessment_proposal")
        action["domain"] = [("assessment_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_create_period_assessments(self):
        """Create the draft assessment of the current period for every template set to create them."""
        today = fields.Date.context_today(self)
        for template in self.env["dealer.assessment.template"].search([("auto_create", "=", True)]):
            company = template.company_id or self.env.company
            date_from, _date_to = period_bounds(today, template.period_type)
            vals = {
                "company_id": company.id, "period_type": template.period_type, "date": date_from,
                "scope": "grade" if template.grade_id else "all", "grade_id": template.grade_id.id,
                "template_id": template.id,
            }
            # the period's assessment of these dealers exists already (this template's, or one made by hand)
            if self.search_count(self.new(vals)._same_period_and_scope_domain(), limit=1):
                continue
            self.create(vals)
