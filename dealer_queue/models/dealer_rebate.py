from odoo import _, models


class DealerRebate(models.Model):
    """Settling many rebates at once posts one credit note each: above the company's threshold, as one job."""

    _name = "dealer.rebate"
    _inherit = ["dealer.rebate", "dealer.queue.mixin"]

    def action_settle(self):
        """Settle at once, or queue the settlement of more rebates than the company's threshold."""
        return self._dealer_run_or_queue(
            _("Settlement of %(count)s rebates", count=len(self)), super().action_settle,
            "_dealer_check_settle", "_dealer_job_settle",
        )

    def _dealer_job_settle(self):
        """Job: settle the queued rebates, checked again as they are now (all credit notes or none)."""
        return self._dealer_job_checked(
            "_dealer_check_settle", "_dealer_settle",
            lambda rebates: rebates.env._("%(count)s rebates settled by credit note.", count=len(rebates)),
        )
