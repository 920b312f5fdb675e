from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_management.models.dealer_unique_mixin import lock_rows

from .dealer_service_inspection_template import SERVICE_CATEGORIES

INSPECTION_STATES = [("draft", "Draft"), ("done", "Done")]
# deadline of a proposed finding's correction, from the day it is proposed (the inspector may change it)
PROPOSED_FINDING_DAYS = 30


class DealerServiceInspection(models.Model):
    """A service inspection of a dealer: each checklist item scored 0-100, total weighted by the items' weights."""

    _name = "dealer.service.inspection"
    _description = "Dealer Service Inspection"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _dealer_protected_fields = ("state",)

    name = fields.Char(default="/", copy=False, readonly=True, required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    dealer_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True, check_company=True,
        domain=[("is_dealer", "=", True)],
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    inspector_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, tracking=True, check_company=True)
    template_id = fields.Many2one(
        "dealer.service.inspection.template", string="Checklist", check_company=True,
        help="Choosing a checklist on a draft inspection replaces its lines by the checklist's items.",
    )
    line_ids = fields.One2many("dealer.service.inspection.line", "inspection_id", string="Checked Points", copy=True)
    finding_ids = fields.One2many("dealer.service.finding", "inspection_id", string="Findings")
    total_score = fields.Float(
        string="Score", compute="_compute_scores", store=True, aggregator="avg", digits=(5, 2),
        help="Scores of the items (0-100) weighted by their weights.",
    )
    presale_score = fields.Float(string="Pre-sale Score", compute="_compute_scores", store=True, aggregator="avg",
                                 digits=(5, 2))
    purchase_score = fields.Float(compute="_compute_scores", store=True, aggregator="avg",
                                  digits=(5, 2))
    aftersales_score = fields.Float(string="After-sales Score", compute="_compute_scores", store=True,
                                    aggregator="avg", digits=(5, 2))
    state = fields.Selection(INSPECTION_STATES, string="Status", default="draft", required=True, readonly=True,
                             copy=False, tracking=True, index=True)

    @api.depends("line_ids.score", "line_ids.weight", "line_ids.category")
    def _compute_scores(self):
        for inspection in self:
            lines = inspection.line_ids
            inspection.total_score = lines._weighted_score()
            for category, _label in SERVICE_CATEGORIES:
                in_category = lines.filtered(lambda line, c=category: line.category == c)
                inspection[f"{category}_score"] = in_category._weighted_score()

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id and self.state == "draft":
            self.line_ids = [fields.Command.clear()] + self.template_id._dealer_inspection_line_commands()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.service.inspection") or "/"
            if vals.get("template_id") and not vals.get("line_ids"):
                template = self.env["dealer.service.inspection.template"].browse(vals["template_id"])
                vals["line_ids"] = template._dealer_inspection_line_commands()
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered(lambda i: i.state == "done") and not self._dealer_is_trusted() \
                and set(vals) - {"message_main_attachment_id"}:
            raise UserError(_("A done service inspection cannot be changed; reset it to draft first."))
        return super().write(vals)

    def _dealer_lines_locked(self):
        """A done inspection's checked points (its score) and findings are locked with it."""
        return self.filtered(lambda i: i.state == "done")

    def _dealer_lines_locked_message(self, lines):
        return _("A done service inspection cannot be changed; reset it to draft first.")

    # ------------------------------------------------------------------ transitions
    def action_done(self):
        """Draft → done: the score counts; each finding opens its correction to-do."""
        self._check_state(("draft",), _("Service inspection %(name)s cannot be completed: it is %(state)s."))
        for inspection in self:
            if not inspection.line_ids:
                raise UserError(_(
                    "Service inspection %(name)s has no checked point: choose its checklist first.",
                    name=inspection.display_name))
        self._dealer_propose_findings()
        self._dealer_trusted().write({"state": "done"})
        self.finding_ids._dealer_open_correction()
        return True

    def action_propose_findings(self):
        """Propose a finding for each checked point scored under its threshold (button of a draft inspection)."""
        self._check_state(("draft",), _(
            "Service inspection %(name)s is %(state)s: its findings were proposed when it was completed."))
        self._dealer_propose_findings()
        return True

    def _dealer_propose_findings(self):
        """Create one proposed (draft) finding per checked point scored under its threshold that has no finding
        yet, whatever that finding became: a discarded proposal is not proposed again. Returns them."""
        lock_rows(self)  # two runs at the same moment: the second waits, is retried and sees the first's
        Finding = self.env["dealer.service.finding"]
        lines = self.line_ids.filtered(lambda line: line.score < line.finding_threshold)
        # sudo: which of these lines already have a finding, whoever may read it (one per line, database index)
        taken = Finding.sudo().search([("inspection_line_id", "in", lines.ids)]).inspection_line_id
        deadline = fields.Date.context_today(self) + relativedelta(days=PROPOSED_FINDING_DAYS)
        # format(), not an f-string, in the _() call: the terms' extraction (babel) stops at an f-string there
        return Finding._dealer_trusted().create([{
            "inspection_id": line.inspection_id.id, "inspection_line_id": line.id, "state": "draft",
            "name": _("%(point)s: scored %(score)s, under %(threshold)s", point=line.name,
                      score=format(line.score, "g"), threshold=format(line.finding_threshold, "g")),
            "action": line.note or False, "deadline": deadline,
        } for line in lines - taken])

    def action_draft(self):
        """Done → draft, to correct the scores (Dealer Manager)."""
        self._check_dealer_manager(_("Only a Dealer Manager may reopen a service inspection."))
        self._check_state(("done",), _("Service inspection %(name)s cannot be reset to draft: it is %(state)s."))
        self._dealer_trusted().write({"state": "draft"})
        return True

    # ------------------------------------------------------------------ scheduling
    @api.model
    def _cron_schedule_inspections(self):
        """Create a draft inspection for each active dealer whose grade's interval has passed since its last one.

        A dealer with a draft inspection already waiting gets none; a dealer never inspected is due at once.
        A fixed number of queries and one create, whatever the number of dealers.
        """
        today = fields.Date.context_today(self)
        dealers = self.env["res.partner"].search([
            ("is_dealer", "=", True), ("dealer_state", "=", "active"),
            ("dealer_grade_id.service_inspection_interval", ">", 0),
        ])
        if not dealers:
            return self.browse()
        groups = self._read_group([("dealer_id", "in", dealers.ids)], ["dealer_id", "state"], ["date:max"])
        last_date, waiting = {}, set()
        for dealer, state, last in groups:
            if state == "draft":
                waiting.add(dealer.id)
            last_date[dealer.id] = max(last, last_date.get(dealer.id, last))
        templates = self.env["dealer.service.inspection.template"].search([])  # in sequence order
        vals_list = []
        for dealer in dealers:
            if dealer.id in waiting:
                continue
            last = last_date.get(dealer.id)
            if last and last + relativedelta(months=dealer.dealer_grade_id.service_inspection_interval) > today:
                continue
            company = dealer.company_id or self.env.company
            template = templates.filtered(lambda t, c=company: not t.company_id or t.company_id == c)[:1]
            vals_list.append({
                "dealer_id": dealer.id, "company_id": company.id, "date": today, "template_id": template.id,
                "inspector_id": (dealer.user_id or self.env.user).id,
            })
        return self.create(vals_list)

    # ------------------------------------------------------------------ figures for assessments
    @api.model
    def _dealer_service_quality(self, dealers, date_from, date_to, category=None, company=None):
        """{dealer id: service score} of the done inspections dated in the period; no inspection, no key.

        Without `category`: the average of the inspections' total scores. With a category (presale, purchase,
        aftersales): the items of that category scored in the period, weighted by their weights.
        """
        domain = [("dealer_id", "in", dealers.ids), ("state", "=", "done"),
                  ("date", ">=", date_from), ("date", "<=", date_to)]
        if company:
            domain.append(("company_id", "=", company.id))
        if not category:
            groups = self._read_group(domain, ["dealer_id"], ["total_score:avg"])
            return {dealer.id: round(score, 2) for dealer, score in groups}
        groups = self.env["dealer.service.inspection.line"]._read_group(
            [(f"inspection_id.{fname}", op, value) for fname, op, value in domain] + [("category", "=", category)],
            ["dealer_id"], ["weighted_score:sum", "weight:sum"],
        )
        return {dealer.id: round(weighted / weight, 2) for dealer, weighted, weight in groups if weight}
