from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerTarget(DealerTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.dealer_manager
        # three active dealers in the East (one in a sub-territory), one in the West
        cls.dealer_1 = cls._dealer("Dealer One", cls.zhejiang)
        cls.dealer_2 = cls._dealer("Dealer Two", cls.hangzhou)
        cls.dealer_3 = cls._dealer("Dealer Three", cls.jiangsu)
        cls.dealer_west = cls._dealer("Dealer West", cls.west)
        cls.contracts = cls.env["dealer.contract"]
        for dealer in (cls.dealer_1, cls.dealer_2, cls.dealer_3, cls.dealer_west):
            cls.contracts |= cls._create_contract(dealer, date(2025, 1, 1), date(2027, 12, 31))
        cls.contract_1, cls.contract_2, cls.contract_3, cls.contract_west = cls.contracts
        # last year (2024) net sales: dealer 1: 6000 + 4000 - 1000 = 9000; dealer 2: 3000; dealer 3: none
        for move_type, dealer, day, amount in (
            ("out_invoice", cls.dealer_1, "2024-03-10", 6000.0),
            ("out_invoice", cls.dealer_1, "2024-11-20", 4000.0),
            ("out_refund", cls.dealer_1, "2024-12-01", 1000.0),
            ("out_invoice", cls.dealer_2, "2024-06-15", 3000.0),
            ("out_invoice", cls.dealer_west, "2024-06-15", 50000.0),  # outside the territory
            ("out_invoice", cls.dealer_3, "2023-12-31", 70000.0),  # the year before
            ("out_invoice", cls.dealer_1, "2025-02-10", 5000.0),  # this year: achievement, not share
        ):
            cls.init_invoice(move_type, partner=dealer, invoice_date=day, amounts=[amount], taxes=[], post=True)
        cls.init_invoice("out_invoice", partner=cls.dealer_3, invoice_date="2024-05-05", amounts=[80000.0],
                         taxes=[])  # draft: ignored

    @classmethod
    def _dealer(cls, name, territory):
        return cls._create_dealer(name, state="active", territories=territory)

    def _split(self, **vals):
        wizard = self.env["dealer.target.split.wizard"].with_user(self.manager).create({
            "territory_id": self.east.id, "year": 2025, "amount": 100000.0, **vals,
        })
        wizard.action_split()
        return self.contracts.target_ids

    def _amounts(self, contract):
        return contract.target_ids.sorted("date_start").mapped("amount")

    # ------------------------------------------------------------------ split
    def test_split_evenly_by_month(self):
        """Even split: 100000 over 3 dealers and 12 months; remainders on the last dealer and month."""
        targets = self._split(method="even", period_type="month")
        self.assertFalse(self.contract_west.target_ids)
        self.assertEqual(self._amounts(self.contract_1), [2777.78] * 11 + [2777.75])  # 33333.33
        self.assertEqual(self._amounts(self.contract_3), [2777.78] * 11 + [2777.76])  # 33333.34
        self.assertEqual(self.contract_1.target_ids.sorted("date_start")[1].date_end, date(2025, 2, 28))
        self.assertAlmostEqual(sum(targets.mapped("amount")), 100000.0, places=2)

    def test_split_by_last_year_share(self):
        """Last-year split: 9000 / 3000 / 0 of 12000 net sales gives 75000 / 25000 / 0, by quarter."""
        targets = self._split(method="last_year", period_type="quarter")
        self.assertEqual(self._amounts(self.contract_1), [18750.0] * 4)
        self.assertEqual(self._amounts(self.contract_2), [6250.0] * 4)
        self.assertEqual(self._amounts(self.contract_3), [0.0] * 4)
        self.assertEqual(self.contract_1.target_ids.sorted("date_start").mapped("date_end"),
                         [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31)])
        self.assertAlmostEqual(sum(targets.mapped("amount")), 100000.0, places=2)

    def test_split_last_year_without_sales_is_even(self):
        """With no sales at all in the previous year, the last-year split falls back to an even split."""
        self._split(method="last_year", period_type="quarter", year=2027, amount=120000.0)
        for contract in (self.contract_1, self.contract_2, self.contract_3):
            self.assertEqual(self._amounts(contract), [10000.0] * 4)

    def test_split_twice_refused(self):
        """Splitting a year that already has targets is refused and creates nothing more."""
        self._split(method="even", period_type="quarter")
        with self.assertRaisesRegex(UserError, "already have targets in 2025"):
            self._split(method="even", period_type="quarter")
        self.assertEqual(len(self.contracts.target_ids), 12)

    # ------------------------------------------------------------------ adjustment
    def test_adjustment_keeps_history(self):
        """Adjusting a target records old and new value, who and why, and changes the amount."""
        target = self._split(method="last_year", period_type="quarter").filtered(
            lambda t: t.contract_id == self.contract_1)[0]
        wizard = self.env["dealer.target.adjust.wizard"].with_user(self.manager).create({
            "target_id": target.id, "new_amount": 15000.0, "reason": "Typhoon closed the shops in Q1",
        })
        wizard.action_apply()
        adjustment = target.adjustment_ids
        self.assertEqual(target.amount, 15000.0)
        self.assertEqual(
            (adjustment.old_amount, adjustment.new_amount, adjustment.user_id, adjustment.reason),
            (18750.0, 15000.0, self.manager, "Typhoon closed the shops in Q1"),
        )
        self.assertEqual(self.contract_1.target_total, 71250.0)

    def test_direct_target_write_refused(self):
        """Writing a target amount of an active contract outside the wizard is refused."""
        target = self._split(method="even", period_type="quarter")[0]
        with self.assertRaisesRegex(UserError, "can only be changed through Adjust Target"):
            target.write({"amount": 1.0})
        self.assertEqual(target.amount, 8333.33)
        self.assertFalse(target.adjustment_ids)

    # ------------------------------------------------------------------ execution
    def test_achievement_from_invoices(self):
        """Achievement is the net invoiced sales of the period over the target."""
        self._split(method="last_year", period_type="quarter")
        q1 = self.contract_1.target_ids.sorted("date_start")[0]
        self.assertEqual(q1.achieved_amount, 5000.0)
        self.assertEqual(q1.achievement_percent, 26.7)  # 5000 / 18750, one decimal
