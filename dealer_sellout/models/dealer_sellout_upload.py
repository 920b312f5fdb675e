from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .dealer_sellout import SELLOUT_SOURCES


class DealerSelloutUpload(models.Model):
    """A batch of retail sales too large for one request (above the company's threshold of lines), recorded by a
    background job: all its lines in draft, or none and the errors of every wrong row."""

    _name = "dealer.sellout.upload"
    _description = "Dealer Sell-out Upload"
    _inherit = ["dealer.queue.upload"]
    _order = "id desc"

    source = fields.Selection(SELLOUT_SOURCES, required=True, readonly=True)
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
        name = name or _("%(count)s retail sales of %(dealer)s", count=len(vals_list), dealer=dealer.name)
        upload = self._dealer_upload_queue(
            dealer, vals_list, name, "_dealer_job_record", _("Upload %(name)s", name=name),
            source=source, row_offset=row_offset,
        )
        return Sellout, upload

    def action_dealer_rematch_serials(self):
        """Re-match the serials of the retail sales this upload recorded (Dealer Managers)."""
        self.ensure_one()
        return self.sellout_ids.action_dealer_rematch_serials()

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
            uploads._dealer_upload_done()
            return uploads.env._("%(count)s retail sales recorded in draft.", count=count)
        return self._dealer_job_perform(record)
