"""The monthly sell-out summary to many dealers is mailed by queue_job jobs, one per part of the dealers."""
from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from odoo.addons.dealer_queue.tests.common import trap_jobs

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestSelloutSummaryQueue(SelloutTestCommon):
    """Three dealers had sell-in last month; above a threshold of two documents: one job of two, one of one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealers = cls.dealer_a | cls.dealer_b | cls.sub_dealer_a1
        lots = cls._stock_serials(["VIN-S-001", "VIN-S-002", "VIN-S-003"])
        for dealer, lot in zip(cls.dealers, lots, strict=True):
            dealer.email = f"owner-{dealer.id}@example.com"
            cls._deliver(dealer, lot)
        cls.company.dealer_queue_document_threshold = 2
        cls.Analysis = cls.env["dealer.sellout.analysis"]
        cls.next_month = cls.today.replace(day=1) + relativedelta(months=1)

    def _mails(self):
        return self.env["mail.mail"].search([("recipient_ids", "in", self.dealers.ids)])

    def test_summary_in_parts_once(self):
        """The cron queues the parts; run twice before the jobs, it queues nothing more; the jobs mail each dealer
        once."""
        with trap_jobs() as trap:
            self.assertFalse(self.Analysis._cron_send_monthly_summary(day=self.next_month))
            self.Analysis._cron_send_monthly_summary(day=self.next_month)
            trap.assert_jobs_count(2, only=self.Analysis._dealer_send_month_summary)
            self.assertEqual(sorted(len(job.args[0]) for job in trap.enqueued_jobs), [1, 2])
            self.assertFalse(self._mails())
            trap.perform_enqueued_jobs()
        mails = self._mails()
        self.assertEqual(len(mails), 3)
        self.assertEqual(mails.recipient_ids, self.dealers)

    def test_small_summary_mailed_at_once(self):
        self.company.dealer_queue_document_threshold = 3
        with trap_jobs() as trap:
            mails = self.Analysis._cron_send_monthly_summary(day=self.next_month)
            trap.assert_jobs_count(0)
        self.assertEqual(mails.recipient_ids, self.dealers)
