from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerRebate(DealerTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer = cls._create_dealer("Suzhou Trading", state="active")
        cls.contact = cls.env["res.partner"].create({"name": "Buyer of Suzhou", "parent_id": cls.dealer.id})
        cls.contract = cls._create_contract(
            cls.dealer, date(2025, 1, 1), date(2025, 12, 31),
            target_ids=[
                Command.create({"period_type": "quarter", "date_start": date(2025, 1, 1),
                                "date_end": date(2025, 3, 31), "amount": 30000.0}),
                Command.create({"period_type": "quarter", "date_start": date(2025, 4, 1),
                                "date_end": date(2025, 6, 30), "amount": 50000.0}),
                Command.create({"period_type": "quarter", "date_start": date(2025, 7, 1),
                                "date_end": date(2025, 9, 30), "amount": 90000.0}),  # outside H1
            ],
            rebate_tier_ids=[
                Command.create({"achievement_min": 0.0, "rebate_percent": 1.0}),
                Command.create({"achievement_min": 100.0, "rebate_percent": 3.0, "fixed_bonus": 2000.0}),
            ],
        )
        # first half of 2025: 60,000 + 50,000 (to a contact of the dealer) - 10,000 refunded = 100,000
        for move_type, partner, day, amount in (
            ("out_invoice", cls.dealer, "2025-02-10", 60000.0),
            ("out_invoice", cls.contact, "2025-05-20", 50000.0),
            ("out_refund", cls.dealer, "2025-06-15", 10000.0),
            ("out_invoice", cls.dealer, "2025-07-01", 40000.0),  # after the period
            ("out_invoice", cls.dealer, "2024-12-31", 70000.0),  # before the period
            ("out_invoice", cls.partner_a, "2025-03-01", 99000.0),  # another customer
        ):
            cls.init_invoice(move_type, partner=partner, invoice_date=day, amounts=[amount], taxes=[], post=True)
        cls.init_invoice("out_invoice", partner=cls.dealer, invoice_date="2025-03-03", amounts=[80000.0],
                         taxes=[])  # draft: ignored

    def _rebate(self, date_from=date(2025, 1, 1), date_to=date(2025, 6, 30)):
        return self.env["dealer.rebate"].create({
            "contract_id": self.contract.id, "date_from": date_from, "date_to": date_to,
        })

    # ------------------------------------------------------------------ figures
    def test_figures(self):
        """Net 100,000 against a target of 80,000 = 125%: tier 3% + 2,000 bonus = 5,000."""
        rebate = self._rebate()
        self.assertTrue(rebate.name.startswith("REB/"))
        self.assertEqual(rebate.partner_id, self.dealer)
        self.assertAlmostEqual(rebate.net_sales, 100000.0)
        self.assertAlmostEqual(rebate.target_amount, 80000.0)
        self.assertAlmostEqual(rebate.achievement_percent, 125.0)
        self.assertEqual(rebate.tier_id.achievement_min, 100.0)
        self.assertAlmostEqual(rebate.rebate_percent, 3.0)
        self.assertAlmostEqual(rebate.rebate_amount, 5000.0)
        self.assertAlmostEqual(rebate.total_amount, 5000.0)

    def test_lower_tier(self):
        """First quarter alone: 60,000 against 30,000 is 200%; January alone has no target: 0%, tier 1%."""
        q1 = self._rebate(date(2025, 1, 1), date(2025, 3, 31))
        self.assertAlmostEqual(q1.achievement_percent, 200.0)
        self.assertAlmostEqual(q1.rebate_amount, 60000.0 * 0.03 + 2000.0)
        february = self._rebate(date(2025, 2, 1), date(2025, 2, 28))
        self.assertAlmostEqual(february.target_amount, 0.0)
        self.assertAlmostEqual(february.achievement_percent, 0.0)
        self.assertAlmostEqual(february.rebate_amount, 600.0)

    def test_penalty_and_bonus_lines(self):
        """A penalty is deducted from the rebate, a bonus added."""
        rebate = self._rebate()
        rebate._add_adjustment_line("penalty", "Late payment", 500.0)
        self.assertAlmostEqual(rebate.total_amount, 4500.0)
        rebate._add_adjustment_line("bonus", "Top scorecard", 1000.0)
        self.assertAlmostEqual(rebate.adjustment_amount, 500.0)
        self.assertAlmostEqual(rebate.total_amount, 5500.0)

    def test_recompute_picks_up_new_invoices(self):
        """Compute refreshes the figures of a draft rebate."""
        rebate = self._rebate()
        self.init_invoice("out_invoice", partner=self.dealer, invoice_date="2025-06-30", amounts=[20000.0],
                          taxes=[], post=True)
        self.assertAlmostEqual(rebate.net_sales, 100000.0)
        rebate.action_compute()
        self.assertAlmostEqual(rebate.net_sales, 120000.0)
        self.assertAlmostEqual(rebate.rebate_amount, 120000.0 * 0.03 + 2000.0)

    # ------------------------------------------------------------------ settlement
    def test_settle_posts_credit_note(self):
        """Settlement posts a customer credit note of the total (no tax) for the dealer."""
        rebate = self._rebate()
        rebate._add_adjustment_line("penalty", "Late payment", 500.0)
        rebate.action_confirm()
        rebate.action_settle()
        move = rebate.credit_note_id
        self.assertEqual(rebate.state, "settled")
        self.assertEqual((move.move_type, move.state, move.partner_id), ("out_refund", "posted", self.dealer))
        self.assertAlmostEqual(move.amount_total, 4500.0)
        self.assertAlmostEqual(move.amount_untaxed, 4500.0)
        line = move.invoice_line_ids
        self.assertEqual(len(line), 1)
        self.assertIn("Rebate", line.name)
        self.assertEqual(line.product_id, self.env.ref("dealer_management.product_dealer_rebate"))
        self.assertFalse(line.tax_ids)
        self.assertTrue(line.account_id)
        with self.assertRaisesRegex(UserError, "cannot be settled: it is Settled"):
            rebate.action_settle()

    def test_no_double_settlement(self):
        """A second rebate overlapping a settled period is refused, naming the first one."""
        first = self._rebate()
        first.action_confirm()
        first.action_settle()
        second = self._rebate(date(2025, 4, 1), date(2025, 9, 30))
        with self.assertRaisesRegex(UserError, f"already covered by rebate {first.name}"):
            second.action_confirm()
        self.assertEqual(second.state, "draft")
        # the next quarter can be rebated once the overlapping draft is cancelled (a cancelled one does not count)
        third = self._rebate(date(2025, 7, 1), date(2025, 9, 30))
        with self.assertRaisesRegex(UserError, f"already covered by rebate {second.name}"):
            third.action_confirm()
        second.action_cancel()
        third.action_confirm()
        self.assertEqual(third.state, "confirmed")

    def test_settle_refused_when_total_not_positive(self):
        """A rebate eaten up by penalties is not settled, and no credit note is created."""
        rebate = self._rebate()
        rebate._add_adjustment_line("penalty", "Cross-territory sales", 5000.0)
        rebate.action_confirm()
        with self.assertRaisesRegex(UserError, "Only a positive rebate is paid back"):
            rebate.action_settle()
        self.assertEqual(rebate.state, "confirmed")
        self.assertFalse(rebate.credit_note_id)

    def test_dealer_user_cannot_settle(self):
        """Confirmation and settlement are a Dealer Manager's decision."""
        rebate = self._rebate()
        with self.assertRaisesRegex(AccessError, "Only a Dealer Manager may confirm a rebate"):
            rebate.with_user(self.salesman).action_confirm()
        rebate.action_confirm()
        credit_notes = self.env["account.move"].search_count([("move_type", "=", "out_refund")])
        with self.assertRaisesRegex(AccessError, "Only a Dealer Manager may settle a rebate"):
            rebate.with_user(self.salesman).action_settle()
        self.assertEqual(rebate.state, "confirmed")
        self.assertEqual(self.env["account.move"].search_count([("move_type", "=", "out_refund")]), credit_notes)

    def test_adjustment_refused_once_confirmed(self):
        """Bonuses and penalties are frozen with the figures."""
        rebate = self._rebate()
        rebate.action_confirm()
        with self.assertRaisesRegex(UserError, "only a draft rebate can be adjusted"):
            rebate._add_adjustment_line("bonus", "Late bonus", 100.0)

    def test_period_outside_contract_refused(self):
        """A rebate period must lie within its contract."""
        with self.assertRaisesRegex(ValidationError, "lies outside contract"):
            self._rebate(date(2024, 12, 1), date(2025, 3, 31))

    # ------------------------------------------------------------------ wizard
    def test_generate_wizard(self):
        """The wizard creates one draft rebate per active contract with the figures; a second run is refused."""
        wizard = self.env["dealer.rebate.generate.wizard"].create({
            "date_from": date(2025, 1, 1), "date_to": date(2025, 6, 30),
        })
        self.assertIn(self.contract, wizard.contract_ids)
        wizard.contract_ids = self.contract
        action = wizard.action_generate()
        rebate = self.env["dealer.rebate"].search(action["domain"])
        self.assertEqual(len(rebate), 1)
        self.assertEqual((rebate.state, rebate.contract_id), ("draft", self.contract))
        self.assertAlmostEqual(rebate.total_amount, 5000.0)
        again = self.env["dealer.rebate.generate.wizard"].create({
            "date_from": date(2025, 1, 1), "date_to": date(2025, 6, 30), "contract_ids": self.contract.ids,
        })
        with self.assertRaisesRegex(UserError, "already has a rebate on this period"):
            again.action_generate()
