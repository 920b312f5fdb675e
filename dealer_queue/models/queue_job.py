from odoo import models


class QueueJob(models.Model):
    """A job on dealer documents keeps their status in step: failed (after queue_job's retries) or requeued."""

    _inherit = "queue.job"

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in ("failed", "pending"):
            mixin = self.env.registry["dealer.queue.mixin"]
            for job in self:
                records = job.records.exists()
                if not isinstance(records, mixin):
                    continue
                if vals["state"] == "failed":
                    records._dealer_job_failed(job.exc_message or job.exc_name or job.result or "")
                elif records.filtered(lambda record: record.dealer_job_state == "failed"):
                    records._dealer_job_requeued()
        return result
