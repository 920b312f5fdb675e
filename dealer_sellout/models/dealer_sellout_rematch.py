from odoo import Command, _, api, fields, models

PROGRESS = [
    ("queued", "Queued"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
]


class DealerSelloutRematch(models.Model):
    """A re-matching of serials too large for one request (above the company's threshold of lines), run by one
    background job: the serials of the lines matched and judged again all at once, or nothing and the reason."""

    _name = "dealer.sellout.rematch"
    _description = "Dealer Sell-out Serial Re-matching"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.queue.mixin"]
    _check_company_auto = True
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    sellout_ids = fields.Many2many("dealer.sellout", string="Retail Sales", readonly=True, copy=False)
    line_count = fields.Integer(string="Lines", readonly=True)
    matched_count = fields.Integer(string="Serials Matched", readonly=True, copy=False)
    changed_count = fields.Integer(string="Serial Statuses Changed", readonly=True, copy=False)
    job_progress = fields.Selection(PROGRESS, string="Progress", compute="_compute_job_progress")

    def _compute_job_progress(self):
        for rematch in self:
            rematch.job_progress = rematch._dealer_job_progress()

    # ------------------------------------------------------------------ start (button, scheduled action)
    @api.model
    def _dealer_rematch_start(self, sellouts):
        """Re-match ``sellouts`` (empty: every line of the company still to re-match) at once, or queue one job
        above the company's threshold of lines. The caller has checked that the user is a Dealer Manager (or is
        the scheduled action)."""
        Sellout = self.env["dealer.sellout"]
        if sellouts:
            lines = sellouts.filtered_domain(Sellout._dealer_rematch_domain())
        else:
            lines = Sellout.search(Sellout._dealer_rematch_domain() + [("company_id", "=", self.env.company.id)])
        if self._dealer_queue_runs_now(len(lines)):
            matched, changed = lines._dealer_serial_rematch()
            return self._dealer_rematch_notification(self._dealer_rematch_message(len(matched), len(changed)))
        name = _("Serial re-matching of %(count)s retail sales", count=len(lines))
        # sudo: the run is the work of the checked caller (see above); no ACL lets a user create one
        rematch = self.sudo().create({
            "name": name, "company_id": self.env.company.id, "line_count": len(lines),
            "sellout_ids": [Command.set(lines.ids)],
        }).sudo(self.env.su)
        job = rematch._dealer_delayable(name)._dealer_job_rematch()
        return rematch._dealer_job_queued(job)

    @api.model
    def _cron_dealer_rematch_serials(self):
        """Scheduled action: re-match every line still to re-match, company by company (queued when large)."""
        Sellout = self.env["dealer.sellout"]
        for company in Sellout._read_group(Sellout._dealer_rematch_domain(), ["company_id"]):
            self.with_company(company[0])._dealer_rematch_start(Sellout)

    @api.model
    def _dealer_rematch_message(self, matched, changed):
        return self.env._("%(matched)s serials matched, %(changed)s serial statuses of confirmed sales changed.",
                          matched=matched, changed=changed)

    @api.model
    def _dealer_rematch_notification(self, message):
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {"type": "success", "sticky": False, "message": message,
                       "next": {"type": "ir.actions.client", "tag": "soft_reload"}},
        }

    # ------------------------------------------------------------------ the job
    def _dealer_check_rematch(self):
        """The user who queued the run must still be a Dealer Manager when it runs (the scheduled action's user is)."""
        self.env["dealer.sellout"]._check_dealer_manager(
            _("Only a Dealer Manager may re-match the serials of retail sales."))

    def _dealer_rematch(self):
        for rematch in self:
            matched, changed = rematch.sellout_ids._dealer_serial_rematch()
            # sudo: the run's own result counters (no write ACL on the runs)
            rematch.sudo().write({"matched_count": len(matched), "changed_count": len(changed)})

    def _dealer_job_rematch(self):
        """Job: re-match the serials of the queued runs' lines as they are now (all or none)."""
        return self._dealer_job_checked(
            "_dealer_check_rematch", "_dealer_rematch",
            lambda runs: runs._dealer_rematch_message(sum(runs.mapped("matched_count")),
                                                      sum(runs.mapped("changed_count"))),
        )
