import datetime

from odoo import api, fields, models


class DealerQueueUpload(models.AbstractModel):
    """A dealer's file too large for one request (above the company's threshold of lines): its lines are kept on
    the record and one job of the concrete model checks them again and creates its documents, all or none
    (``dealer.queue.mixin``); a refused file says failed with the errors of every wrong row.

    The concrete model (``dealer.sellout.upload``, ``dealer.stock.report.upload`` …) adds what its documents need
    and its job method; ``_dealer_upload_queue`` creates the record and queues that job.
    """

    _name = "dealer.queue.upload"
    _description = "Dealer Background Upload"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.queue.mixin"]
    _check_company_auto = True
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    dealer_id = fields.Many2one("res.partner", required=True, readonly=True, index=True, check_company=True)
    line_count = fields.Integer(string="Lines", readonly=True)
    row_offset = fields.Integer(
        string="Header Rows", readonly=True, help="The rows of the file are numbered from 1 + this offset.",
    )
    line_vals = fields.Json(
        string="Lines to Record", readonly=True, copy=False, help="The lines to record, kept until they are recorded.",
    )

    @api.model
    def _dealer_upload_queue(self, dealer, vals_list, name, job_method, description, **extra):
        """Keep the lines ``vals_list`` of ``dealer`` as one upload and queue ``job_method`` on it; returns the upload.

        The caller has checked what the user may send and that the file is above the threshold; ``extra``: the
        concrete model's own fields (the source of the lines, the date of a report …).
        """
        # sudo: the upload is the batch the checked caller sent (see above); no ACL lets a user create one
        upload = self.sudo().create({
            "name": name, "dealer_id": dealer.id, "company_id": self.env.company.id,
            "line_count": len(vals_list), "line_vals": [self._dealer_json_vals(vals) for vals in vals_list],
            **extra,
        }).sudo(self.env.su)
        job = getattr(upload._dealer_delayable(description), job_method)()
        upload._dealer_job_queued(job)
        return upload

    @staticmethod
    def _dealer_json_vals(vals):
        """The values of a line as JSON keeps them (dates as ISO strings, which the ORM reads back)."""
        return {key: value.isoformat() if isinstance(value, datetime.date) else value for key, value in vals.items()}

    def _dealer_upload_done(self):
        """The lines are recorded: the copy kept for a retry is no longer needed."""
        self.sudo().write({"line_vals": False})  # sudo: the job's own upload records (no write ACL)

    @api.model
    def _dealer_upload_progress_labels(self):
        """The status of an upload as its portal pages name it."""
        # the job states' own labels (translated with the field), and the runner's "running"
        labels = dict(self._fields["dealer_job_state"]._description_selection(self.env))
        return {**labels, "running": self.env._("Running")}

    def _dealer_upload_status(self):
        """What the portal page of this upload shows: progress, its label, and for a refused file the reason and
        the errors of its rows (the job's message: the reason on its first line, one error per line after it)."""
        self.ensure_one()
        progress = self._dealer_job_progress()
        lines = (self.dealer_job_message or "").split("\n") if progress == "failed" else [None]
        return {
            "progress": progress,
            "progress_label": self._dealer_upload_progress_labels().get(progress, ""),
            "error": lines[0],
            "row_errors": lines[1:],
        }
