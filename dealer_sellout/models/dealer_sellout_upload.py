import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .dealer_sellout import SELLOUT_SOURCES


class DealerSelloutUpload(models.Model):
    """A batch of retail sales too large for one request (above the company's threshold of lines), recorded by a
    background job: all its lines in draft, or none and the errors of every wrong row."""

    _name = "dealer.sellout.upload"
    _description = "Dealer Sell-out Upload"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.queue.mixin"]
    _check_company_auto = True
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    dealer_id = fields.Many2one("res.partner", required=True, readonly=True, index=True, check_company=True)
    source = fields.Selection(SELLOUT_SOURCES, required=True, readonly=True)
    line_count = fields.Integer(string="Lines", readonly=True)
    row_offset = fields.Integer(
        string="Header Rows", readonly=True, help="The rows of the file are numbered from 1 + this offset.",
    )
    line_vals = fields.Json(
        string="Lines to Record", readonly=True, copy=False, help="The lines to record, kept until they are recorded.",
    )
    sellout_ids = fields.One2many("dealer.sellout", "upload_id", string="Retail Sales")

    @api.model
    def _dealer_sellout_record(self, dealer, vals_list, source="import", row_offset=0, name=None):
        """Record the retail sales of ``dealer`` at once (checked, all or none), or as a queued upload when they are
        more than the company's threshold of lines. Returns ``(sell-outs, upload)``: one of them is empty.

        The caller has checked what the user may send (the portal's whitelisted fields of its own dealer, or a
        Dealer Manager); the lines are checked again, in the job, as they are when it runs.
        """
        Sellout = self.env["dealer.sellout"]
        Sellout._dealer_sellout_check_batch_fields(vals_list)
        if self._dealer_queue_runs_now(len(vals_list)):
            return Sellout._dealer_sellout_create_checked(vals_list, source=source, row_offset=row_offset), self
        if not (self.env.su or Sellout._is_dealer_manager()):
            raise AccessError(_("Only a Dealer Manager may record a batch of retail sales."))
        # sudo: the upload is the batch the checked caller sent (see above); no ACL lets a user create one
        upload = self.sudo().create({
            "name": name or _("%(count)s retail sales of %(dealer)s", count=len(vals_list), dealer=dealer.name),
            "dealer_id": dealer.id, "company_id": self.env.company.id, "source": source,
            "line_count": len(vals_list), "row_offset": row_offset,
            "line_vals": [self._dealer_json_vals(vals) for vals in vals_list],
        }).sudo(self.env.su)
        job = upload._dealer_delayable(_("Upload %(name)s", name=upload.name))._dealer_job_record()
        upload._dealer_job_queued(job)
        return Sellout, upload

    @staticmethod
    def _dealer_json_vals(vals):
        """The values of a line as JSON keeps them (dates as ISO strings, which the ORM reads back)."""
        return {key: value.isoformat() if isinstance(value, datetime.date) else value for key, value in vals.items()}

    def _dealer_job_record(self):
        """Job: record the lines of the queued uploads (each all or none; a refused file keeps the errors per row)."""
        def record(uploads):
            Sellout = self.env["dealer.sellout"]
            count = 0
            for upload in uploads:
                sellouts = Sellout._dealer_sellout_create_checked(
                    [{**vals, "upload_id": upload.id} for vals in upload.line_vals],
                    source=upload.source, row_offset=upload.row_offset,
                )
                count += len(sellouts)
            # the lines are recorded: the copy kept for a retry is no longer needed
            uploads.sudo().write({"line_vals": False})  # sudo: the job's own upload records (no write ACL)
            return uploads.env._("%(count)s retail sales recorded in draft.", count=count)
        return self._dealer_job_perform(record)
