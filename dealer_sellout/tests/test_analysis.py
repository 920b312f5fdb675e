from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from .common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestSelloutAnalysis(SelloutTestCommon):
    """Sell-in vs sell-out per dealer, product and month, the derived channel stock, the monthly summary mail.

    Dealer A: 3 vehicles delivered this month, 1 returned (sell-in 2); one retail sale last month and one this
    month. Last month: sell-in 0, sell-out 1, derived stock -1. This month: sell-in 2, sell-out 1, derived stock
    -1 + 2 - 1 = 0; its validated stock report of this month says 5.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.this_month = cls.today.replace(day=1)
        cls.last_month = cls.this_month - relativedelta(months=1)
        cls.dealer_a.email = "owner-a@example.com"
        lots = cls._stock_serials(["VIN-A-001", "VIN-A-002", "VIN-A-003"])
        cls._deliver(cls.dealer_a, lots)
        cls._return(cls.dealer_a, lots[2])
        for lot_name, day in (("VIN-A-001", cls.last_month), ("VIN-A-002", cls.today)):
            cls.Sellout.create({
                "dealer_id": cls.dealer_a.id, "product_id": cls.vehicle.id, "lot_name": lot_name, "quantity": 1,
                "price_unit": 120000.0, "date": day,
            }).action_confirm()
        report = cls.env["dealer.stock.report"].create({
            "partner_id": cls.dealer_a.id, "date": cls.today,
            "line_ids": [Command.create({"product_id": cls.vehicle.id, "quantity": 5})],
        })
        report.action_validate()
        cls.Analysis = cls.env["dealer.sellout.analysis"]

    def _row(self, month):
        return self.Analysis.search([
            ("dealer_id", "=", self.dealer_a.id), ("product_id", "=", self.vehicle.id), ("month", "=", month),
        ])

    def test_last_month(self):
        row = self._row(self.last_month)
        self.assertEqual((row.sell_in_qty, row.sellout_qty, row.channel_stock_qty), (0, 1, -1))
        self.assertFalse(row.reported_stock_qty)

    def test_this_month(self):
        row = self._row(self.this_month)
        self.assertEqual((row.sell_in_qty, row.sellout_qty, row.channel_stock_qty), (2, 1, 0))
        self.assertEqual(row.reported_stock_qty, 5)
        self.assertEqual(row.territory_id, self.hangzhou)

    def test_sell_through_of_a_row(self):
        """This month: 1 sold of 2 bought; last month nothing bought: no percentage."""
        self.assertEqual(self._row(self.this_month).sell_through_percent, 50.0)
        self.assertFalse(self._row(self.last_month).sell_through_percent)

    def test_grouped_sell_through_is_the_ratio_of_the_sums(self):
        """Grouped by dealer: 2 sold of 2 bought is 100 %, not the sum or the average of the rows' 50 % and empty."""
        domain = [("dealer_id", "=", self.dealer_a.id)]
        rows = self.Analysis.search(domain)
        self.assertEqual(sorted(rows.mapped("sell_through_percent")), [0.0, 50.0])
        # the web client's call (pivot, graph, grouped list), and the ORM's own
        [group] = self.Analysis.read_group(
            domain, ["sell_through_percent", "sell_in_qty", "sellout_qty"], ["dealer_id"])
        self.assertEqual((group["sell_in_qty"], group["sellout_qty"]), (2, 2))
        self.assertEqual(group["sell_through_percent"], 100.0)
        self.assertEqual(self.Analysis._read_group(domain, ["dealer_id"], ["sell_through_percent:sum"]),
                         [(self.dealer_a, 100.0)])
        by_month = dict(self.Analysis._read_group(domain, ["month:month"], ["sell_through_percent:avg"]))
        self.assertEqual(by_month[self.this_month], 50.0)
        self.assertFalse(by_month[self.last_month], "nothing bought that month: no sell-through")

    def test_other_dealer_has_no_row(self):
        self.assertFalse(self.Analysis.search([("dealer_id", "=", self.dealer_b.id)]))

    def test_monthly_summary_mailed_to_dealer(self):
        mails = self.Analysis._cron_send_monthly_summary(day=self.this_month + relativedelta(months=1))
        mail = mails.filtered(lambda m: self.dealer_a in m.recipient_ids)
        self.assertEqual(len(mail), 1)
        self.assertIn("Vehicle X1", mail.body_html)
        self.assertIn(self.this_month.strftime("%Y-%m"), mail.subject)
        self.assertFalse(mails.filtered(lambda m: self.dealer_b in m.recipient_ids))
