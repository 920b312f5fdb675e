from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.queue_job.job import identity_exact

JOB_STATES = [
    ("queued", "Queued"),
    ("done", "Done"),
    ("failed", "Failed"),
]
JOB_FIELDS = ("dealer_job_state", "dealer_job_message", "dealer_job_user_id", "dealer_job_uuid")
# a private object no RPC call can carry: only this mixin's own code writes the job fields
_JOB_WRITER = object()


class DealerQueueMixin(models.AbstractModel):
    """Work on a document that may outlast a request: run at once when it is small, else as one OCA queue_job job.

    A site (``action_settle`` of many rebates, ``action_compute`` of a large assessment …) asks
    ``_dealer_queue_runs_now(size, kind)``; above the company's threshold it checks what it can at once, then
    calls a job method of its own (``self._dealer_delayable(description)._dealer_job_<work>()``) and
    ``_dealer_job_queued(job)``. The job method wraps the work in ``_dealer_job_perform``:

    - the work runs in a savepoint: a refused document (UserError and its subclasses) rolls all of it back, and
      the documents say ``failed`` with the reason, a message and a to-do for the user who queued it; an
      unexpected error is left to queue_job (retries, then ``failed``, see ``queue.job.write``);
    - a job whose documents are no longer queued does nothing (never twice); the identity key keeps one pending
      job per documents and work;
    - it is retried by running the action again, or by requeueing the failed job.
    """

    _name = "dealer.queue.mixin"
    _description = "Dealer Background Job"

    dealer_job_state = fields.Selection(
        JOB_STATES, string="Background Job", readonly=True, copy=False,
        help="Status of the last work run in the background on this document.",
    )
    dealer_job_message = fields.Text(string="Background Job Result", readonly=True, copy=False)
    dealer_job_user_id = fields.Many2one("res.users", string="Queued by", readonly=True, copy=False)
    dealer_job_uuid = fields.Char(string="Background Job Reference", readonly=True, copy=False)

    # ------------------------------------------------------------------ protection
    @api.model_create_multi
    def create(self, vals_list):
        forged = [fname for fname in JOB_FIELDS
                  if f"default_{fname}" in self.env.context or any(fname in vals for vals in vals_list)]
        if forged and not self._dealer_job_writer():
            raise AccessError(self._dealer_job_forged_message())
        return super().create(vals_list)

    def write(self, vals):
        if any(fname in vals for fname in JOB_FIELDS) and not self._dealer_job_writer():
            raise AccessError(self._dealer_job_forged_message())
        return super().write(vals)

    def _dealer_job_writer(self):
        return self.env.context.get("dealer_job_writer") is _JOB_WRITER

    @api.model
    def _dealer_job_forged_message(self):
        return _("The background job status of a document is set by the job itself, not directly.")

    def _dealer_job_write(self, vals):
        """Write the job fields (this mixin's own code only)."""
        # sudo: only the job status fields, written by the job's own code, on documents the user queued or the
        # job ran on; the documents' workflow locks do not concern these fields
        self.sudo().with_context(dealer_job_writer=_JOB_WRITER).write(vals)

    # ------------------------------------------------------------------ queueing
    def _dealer_queue_runs_now(self, size, kind="lines"):
        """True when work of ``size`` runs in the request: at or under the company's threshold for ``kind``
        ("lines": rows of a file or scorecard lines; "documents": documents settled in one click)."""
        return self.env.company._dealer_queue_runs_now(size, kind)

    def _dealer_check_not_queued(self):
        """Refuse documents whose background work is still queued: it would run on them twice."""
        queued = self.filtered(lambda record: record.dealer_job_state == "queued")
        if queued:
            raise UserError(_(
                "%(name)s is already being processed in the background: wait for its result.",
                name=queued[0].display_name,
            ))

    def _dealer_delayable(self, description):
        """These documents, delayed as one job on the dealer channel (refused while one is queued already)."""
        self._dealer_check_not_queued()
        return self.with_delay(description=description, identity_key=identity_exact)

    def _dealer_run_or_queue(self, description, run_now, check, job_method, kind="documents"):
        """The button of a work on many documents (settling rebates, claims …): ``run_now()`` when they are at
        most the company's threshold, else ``check`` (a method name: what can be refused at once is refused at
        once) and one job calling ``job_method`` (which wraps its work in ``_dealer_job_checked``)."""
        self._dealer_check_not_queued()
        if self._dealer_queue_runs_now(len(self), kind):
            return run_now()
        getattr(self, check)()
        job = getattr(self._dealer_delayable(description), job_method)()
        return self._dealer_job_queued(job)

    def _dealer_job_checked(self, check, run, done):
        """Job body: the documents still queued are checked again as they are now (method ``check``), then
        ``run`` (method name) works on them, all or none; ``done(documents)`` is the result message."""
        def work(records):
            getattr(records, check)()
            getattr(records, run)()
            return done(records)
        return self._dealer_job_perform(work)

    def _dealer_job_queued(self, job):
        """Mark the documents queued by ``job`` and tell the user; return a notification for the button."""
        self._dealer_job_write({
            "dealer_job_state": "queued", "dealer_job_user_id": self.env.user.id, "dealer_job_uuid": job.uuid,
            "dealer_job_message": _("Queued on %(date)s.", date=fields.Datetime.now()),
        })
        # sudo: the mixin's own status messages, on documents the user may read but not always write (an export)
        for record in self.sudo():
            record.message_post(body=_(
                "%(work)s runs in the background: the result will be posted here.", work=job.description,
            ))
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {
                "type": "info", "sticky": False,
                "message": _("%(work)s is queued: you will be notified of the result.", work=job.description),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _dealer_job_perform(self, work):
        """Run ``work(documents)`` for those still queued, all of it or none of it; return the job's result."""
        todo = self.filtered(lambda record: record.dealer_job_state == "queued")
        if not todo:
            return _("Nothing to do: the documents are no longer queued (already processed or cancelled).")
        try:
            with self.env.cr.savepoint():
                message = work(todo) or _("Done.")
        except UserError as error:
            # a refusal of the business rules: nothing of the work is kept, the reason is on the documents
            reason = error.args[0] if error.args else str(error)
            todo._dealer_job_failed(reason)
            return _("Refused: %(reason)s", reason=reason)
        todo._dealer_job_write({"dealer_job_state": "done", "dealer_job_message": message})
        for record in todo.sudo():  # sudo: the job's status message (see _dealer_job_queued)
            record.message_post(body=message, partner_ids=record.dealer_job_user_id.partner_id.ids)
        return message

    def _dealer_job_failed(self, reason):
        """The documents say failed with ``reason``; the user who queued the work gets a message and a to-do."""
        self._dealer_job_write({"dealer_job_state": "failed", "dealer_job_message": reason})
        for record in self.sudo():  # sudo: the job's status message and to-do (see _dealer_job_queued)
            user = record.dealer_job_user_id or self.env.user
            record.message_post(
                body=_("The background work failed, nothing was changed: %(reason)s", reason=reason),
                partner_ids=user.partner_id.ids,
            )
            if user.share:
                # a dealer's portal user has no activities: the message above mails it, its portal page says why
                continue
            record.activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id,
                summary=_("Background work failed"), note=reason,
            )

    def _dealer_job_progress(self):
        """Where the document's background work stands, for its user: "queued", "running" (the runner has started
        the job), "done" or "failed"; False when no work was queued."""
        self.ensure_one()
        if self.dealer_job_state != "queued":
            return self.dealer_job_state
        # sudo: the state of this document's own job, read by its uuid (users have no right on queue.job)
        job = self.env["queue.job"].sudo().search([("uuid", "=", self.dealer_job_uuid)], limit=1)
        return "running" if job.state == "started" else "queued"

    def _dealer_job_requeued(self):
        """A failed job was put back in the queue (queue_job's Requeue): the documents are queued again."""
        self._dealer_job_write({"dealer_job_state": "queued", "dealer_job_message": _("Queued again.")})
