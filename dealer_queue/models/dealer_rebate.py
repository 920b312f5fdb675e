from odoo import _, models


class DealerRebate(models.Model):
    """Settling many rebates at once posts one credit note each: above the company's threshold, as one job."""

    _name = "dealer.rebate"
    _inherit = ["dealer.rebate", "dealer.queue.mixin"]

    def action_settle(self):
        """Settle at once, or queue the settlement of more rebates than the company's threshold."""
        if self._dealer_queue_runs_now(len(self), "documents"):
            return super().action_settle()
        self._dealer_check_settle()  # what can be refused at once is refused at once
        job = self._dealer_delayable(_("Settlement of %(count)s rebates", count=len(self)))._dealer_job_settle()
        return self._dealer_job_queued(job)

    def _dealer_job_settle(self):
        """Job: settle the queued rebates, checked again as they are now (all credit notes or none)."""
        def settle(rebates):
            rebates._dealer_check_settle()
            rebates._dealer_settle()
            return rebates.env._("%(count)s rebates settled by credit note.", count=len(rebates))
        return self._dealer_job_perform(settle)
