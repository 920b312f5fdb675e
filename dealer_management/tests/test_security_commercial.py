"""Attacks on the commercial policy: violations, net sales, companies and currencies, workflow states.

Each test performs the attack as the user named in its name and checks that it is refused AND that
nothing was written (see ``DealerTestCommon.assertRefused``, which rolls the attempt back in a savepoint).
"""
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import CallKwMixin, DealerTestCommon


@tagged("post_install", "-at_install")
class TestCommercialNetSalesSecurity(DealerTestCommon):
    """Violations cannot be used to move sales figures; figures stay within one company and currency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_data_2 = cls.setup_other_company()
        cls.other_currency = cls.setup_other_currency("EUR")  # 2 EUR for 1 company currency since 2017
        (cls.dealer_user | cls.dealer_manager).company_ids += cls.company_data_2["company"]
        cls.dealer = cls._create_dealer("Wuxi Trading", state="active")
        cls.contract = cls._create_contract(
            cls.dealer, date(2025, 1, 1), date(2025, 12, 31),
            target_ids=[Command.create({"period_type": "quarter", "date_start": date(2025, 1, 1),
                                        "date_end": date(2025, 3, 31), "amount": 100000.0})],
            rebate_tier_ids=[
                Command.create({"achievement_min": 0.0, "rebate_percent": 1.0}),
                Command.create({"achievement_min": 70.0, "rebate_percent": 3.0}),
            ],
        )
        cls.target = cls.contract.target_ids
        cls.init_invoice("out_invoice", partner=cls.dealer, invoice_date="2025-02-10", amounts=[80000.0], taxes=[],
                         post=True)
        cls.credit_note = cls.init_invoice(
            "out_refund", partner=cls.dealer, invoice_date="2025-03-01", amounts=[20000.0], taxes=[], post=True,
        )

    def _rebate(self):
        return self.env["dealer.rebate"].create({
            "contract_id": self.contract.id, "date_from": date(2025, 1, 1), "date_to": date(2025, 3, 31),
        })

    def _figures(self):
        self.env.invalidate_all()
        rebate = self._rebate()
        return self.contract.achieved_amount, self.target.achieved_amount, rebate.net_sales, rebate.rebate_percent

    # ------------------------------------------------------------------ hole 5: violations
    def test_dealer_user_cannot_link_credit_note_to_violation_to_raise_achievement(self):
        self.assertEqual(self._figures(), (60000.0, 60000.0, 60000.0, 1.0))
        violation = self.env["dealer.violation"].with_user(self.dealer_user).create({
            "partner_id": self.dealer.id, "violation_type": "other", "description": "Seen at a fair",
        })
        with self.assertRefused(AccessError, "Fine Invoice of a Dealer Violation change only through its buttons"):
            violation.write({"invoice_id": self.credit_note.id})
        self.assertFalse(violation.invoice_id)
        # at creation, directly or through a default_* key
        Violation = self.env["dealer.violation"].with_user(self.dealer_user)
        count = Violation.search_count([])
        with self.assertRefused(AccessError, "Fine Invoice of a Dealer Violation"):
            Violation.create({"partner_id": self.dealer.id, "invoice_id": self.credit_note.id})
        with self.assertRefused(AccessError, "Fine Invoice of a Dealer Violation"):
            Violation.with_context(default_invoice_id=self.credit_note.id).create({"partner_id": self.dealer.id})
        self.assertEqual(Violation.search_count([]), count)
        # the credit note still reduces the net sales: achievement and tier unchanged
        self.assertEqual(self._figures(), (60000.0, 60000.0, 60000.0, 1.0))

    def test_dealer_user_cannot_set_state_points_or_fine_of_violation(self):
        violation = self.env["dealer.violation"].with_user(self.dealer_user).create({
            "partner_id": self.dealer.id, "violation_type": "other",
        })
        violation.description = "Sold in Jiangsu"  # reporting the facts is allowed
        for vals, regex in (
            ({"state": "closed"}, "Status of a Dealer Violation change only through its buttons"),
            ({"points": 10.0}, "Only a Dealer Manager may set the points or the fine"),
            ({"fine_amount": 1.0}, "Only a Dealer Manager may set the points or the fine"),
        ):
            with self.assertRefused(AccessError, regex):
                violation.write(vals)
        self.assertRecordValues(violation, [{
            "state": "draft", "points": 0.0, "fine_amount": 0.0, "description": "Sold in Jiangsu",
        }])
        Violation = self.env["dealer.violation"].with_user(self.dealer_user)
        count = Violation.search_count([])
        for key in ("default_state", "default_points", "default_fine_amount"):
            with self.assertRefused(AccessError, "change only through its buttons|Only a Dealer Manager"):
                Violation.with_context(**{key: "closed" if key == "default_state" else 5.0}).create({
                    "partner_id": self.dealer.id,
                })
        with self.assertRefused(AccessError, "Only a Dealer Manager may set the points or the fine"):
            Violation.create({"partner_id": self.dealer.id, "points": 0.0})
        self.assertEqual(Violation.search_count([]), count)

    def test_dealer_user_cannot_run_violation_workflow(self):
        draft = self.env["dealer.violation"].create({"partner_id": self.dealer.id, "fine_amount": 500.0})
        confirmed = self.env["dealer.violation"].create({"partner_id": self.dealer.id, "fine_amount": 500.0})
        confirmed.action_confirm()
        cancelled = self.env["dealer.violation"].create({"partner_id": self.dealer.id})
        cancelled.action_cancel()
        for record, method, regex in (
            (draft, "action_confirm", "Only a Dealer Manager may confirm a violation"),
            (draft, "action_cancel", "Only a Dealer Manager may cancel a violation"),
            (confirmed, "action_close", "Only a Dealer Manager may close a violation"),
            (confirmed, "action_cancel", "Only a Dealer Manager may cancel a violation"),
            (confirmed, "action_invoice_fine", "Only a Dealer Manager may invoice a violation fine"),
            (cancelled, "action_draft", "Only a Dealer Manager may reset a violation to draft"),
        ):
            with self.assertRefused(AccessError, regex):
                getattr(record.with_user(self.dealer_user), method)()
        self.assertEqual((draft.state, confirmed.state, cancelled.state), ("draft", "confirmed", "cancelled"))
        self.assertFalse(confirmed.invoice_id)
        # a confirmed violation is the manager's: not even its description changes
        with self.assertRefused(AccessError, "is Confirmed: only a Dealer Manager may change it"):
            confirmed.with_user(self.dealer_user).description = "Never mind"
        self.assertFalse(confirmed.description)

    def test_fine_invoice_out_of_net_sales_ordinary_credit_note_in(self):
        violation = self.env["dealer.violation"].with_user(self.dealer_manager).create({
            "partner_id": self.dealer.id, "violation_type": "price", "fine_amount": 5000.0, "date": date(2025, 3, 2),
        })
        violation.action_confirm()
        violation.action_invoice_fine()
        fine = self.env["account.move"].browse(violation.invoice_id.id)  # posted by the accountant
        fine.invoice_date = date(2025, 3, 2)
        fine.action_post()
        fine_product = self.env["dealer.violation"]._fine_product()
        self.assertEqual(fine.invoice_line_ids.product_id, fine_product)
        # a fine invoiced by hand on the fine product, linked from no violation, is not a sale either
        manual = self.init_invoice("out_invoice", partner=self.dealer, invoice_date="2025-03-06",
                                   products=[fine_product], taxes=[])
        manual.invoice_line_ids.price_unit = 3000.0
        manual.action_post()
        # 80,000 invoiced − 20,000 ordinary credit note; the fines (5,000 + 3,000) are not sales
        self.assertEqual(self._figures(), (60000.0, 60000.0, 60000.0, 1.0))
        self.init_invoice("out_refund", partner=self.dealer, invoice_date="2025-03-10", amounts=[1000.0], taxes=[],
                          post=True)
        self.assertEqual(self._figures()[:3], (59000.0, 59000.0, 59000.0))

    def test_fine_product_comes_from_settings(self):
        product = self.env["product.product"].create({"name": "Penalty", "type": "service"})
        self.env["res.config.settings"].sudo().create({"dealer_fine_product_id": product.id}).execute()
        self.assertEqual(self.env["dealer.violation"]._fine_product(), product)
        invoice = self.init_invoice("out_invoice", partner=self.dealer, invoice_date="2025-03-05",
                                    products=[product], taxes=[])
        invoice.invoice_line_ids.price_unit = 4000.0
        invoice.action_post()
        self.assertEqual(self._figures()[:3], (60000.0, 60000.0, 60000.0))

    # ------------------------------------------------------------------ hole 8: companies and currencies
    def test_other_company_invoices_stay_out_of_contract_figures(self):
        company_2 = self.company_data_2["company"]
        self.init_invoice("out_invoice", partner=self.dealer, invoice_date="2025-02-12", amounts=[70000.0],
                          taxes=[], post=True, company=company_2)
        # the other company's 70,000 would lift the achievement to 130% and the tier to 3%
        self.assertEqual(self._figures(), (60000.0, 60000.0, 60000.0, 1.0))

    def test_foreign_currency_invoice_counted_in_company_currency(self):
        self.assertEqual(self.contract.currency_id, self.env.company.currency_id)
        self.init_invoice("out_invoice", partner=self.dealer, invoice_date="2025-02-20", amounts=[20000.0],
                          taxes=[], post=True, currency=self.other_currency)
        # 20,000 EUR at 2 EUR per unit of the company currency: 10,000 more, never 20,000
        self.assertEqual(self._figures(), (70000.0, 70000.0, 70000.0, 3.0))

    # ------------------------------------------------------------------ same pattern: rebates and targets
    def test_dealer_manager_cannot_write_rebate_figures_or_credit_note(self):
        rebate = self._rebate()
        for vals in ({"net_sales": 999999.0}, {"rebate_percent": 50.0}, {"credit_note_id": self.credit_note.id},
                     {"tier_id": self.contract.rebate_tier_ids[-1].id}):
            with self.assertRefused(AccessError, "of a Dealer Rebate change only through its buttons"):
                rebate.with_user(self.dealer_manager).write(vals)
        self.assertRecordValues(rebate, [{"net_sales": 60000.0, "rebate_percent": 1.0, "credit_note_id": False}])
        with self.assertRefused(AccessError, "of a Dealer Rebate change only through its buttons"):
            self.env["dealer.rebate"].with_user(self.dealer_manager).create({
                "contract_id": self.contract.id, "date_from": date(2025, 4, 1), "date_to": date(2025, 6, 30),
                "rebate_amount": 1.0,
            })

    def test_dealer_user_cannot_recompute_rebate(self):
        rebate = self._rebate()
        with self.assertRefused(AccessError, "Only a Dealer Manager may recompute a rebate"):
            rebate.with_user(self.dealer_user).action_compute()

    def test_dealer_manager_cannot_change_active_terms_or_targets_with_rpc_context(self):
        """The old bypasses were plain context keys, which any RPC call can carry."""
        contract = self.contract.with_user(self.dealer_manager)
        with self.assertRefused(UserError, "Use Amend"):
            contract.with_context(dealer_contract_amending=True).write({"credit_limit": 1.0})
        with self.assertRefused(UserError, "only be changed through Adjust Target"):
            self.target.with_user(self.dealer_manager).with_context(dealer_target_adjusting=True).write(
                {"amount": 1.0})
        self.assertEqual((self.contract.credit_limit, self.target.amount), (0.0, 100000.0))

    def test_dealer_manager_cannot_forge_target_adjustment_history(self):
        Adjustment = self.env["dealer.contract.target.adjustment"].with_user(self.dealer_manager)
        with self.assertRefused(AccessError, "change only through its buttons"):
            Adjustment.create({"target_id": self.target.id, "old_amount": 1.0, "new_amount": 2.0, "reason": "x"})
        self.assertFalse(Adjustment.search([("target_id", "=", self.target.id)]))


    def test_dealer_manager_cannot_expire_running_contract(self):
        """action_expire was public and unchecked: any caller could end a running contract early."""
        running = self.env["dealer.contract"].create({
            "partner_id": self.dealer.id, "date_start": date(2026, 1, 1), "date_end": date(2099, 12, 31),
        })
        running.action_activate()
        with self.assertRefused(AccessError, "Only a Dealer Manager may mark a contract as expired"):
            running.with_user(self.dealer_user).action_expire()
        with self.assertRefused(UserError, "cannot expire before its end date"):
            running.with_user(self.dealer_manager).action_expire()
        self.assertEqual(running.state, "active")

    def test_dealer_user_cannot_reset_price_adjustment(self):
        grade = self.env["dealer.grade"].create({
            "name": "Sec Grade", "code": "SEC-G",
            "pricelist_id": self.env["product.pricelist"].create({"name": "Sec Prices"}).id,
        })
        adjustment = self.env["dealer.price.adjustment"].create({
            "grade_ids": [Command.set(grade.ids)], "date_effective": date(2025, 6, 1), "reason": "Cost",
        })
        adjustment.action_cancel()
        with self.assertRefused(AccessError, "Only a Dealer Manager may reset a price adjustment to draft"):
            adjustment.with_user(self.dealer_user).action_draft()
        self.assertEqual(adjustment.state, "cancelled")


@tagged("post_install", "-at_install")
class TestCommercialStateOverRpc(CallKwMixin, DealerTestCommon, HttpCase):
    """`state` of the commercial documents is written by their actions only, whoever calls over RPC."""

    run_as_superuser = True  # the set-up acts as the administrator entering data (HttpCase's own user)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        grade = cls.grade_core
        grade.pricelist_id = cls.env["product.pricelist"].create({"name": "RPC Grade Prices"})
        cls.dealer = cls._create_dealer("RPC Dealer", state="active", grade=grade)
        today = date.today()
        cls.contract = cls._create_contract(cls.dealer, date(today.year, 1, 1), date(today.year, 12, 31))
        cls.rebate = cls.env["dealer.rebate"].create({
            "contract_id": cls.contract.id, "date_from": date(today.year, 1, 1), "date_to": date(today.year, 3, 31),
        })
        cls.termination = cls.env["dealer.termination"].create({
            "partner_id": cls.dealer.id, "reason_code": "voluntary",
        })
        cls.adjustment = cls.env["dealer.price.adjustment"].create({
            "grade_ids": [Command.set(grade.ids)], "date_effective": today, "reason": "Cost",
        })
        cls.report = cls.env["dealer.stock.report"].create({"partner_id": cls.dealer.id})
        cls.documents = {
            "dealer.contract": (cls.contract, "terminated"),
            "dealer.rebate": (cls.rebate, "settled"),
            "dealer.termination": (cls.termination, "done"),
            "dealer.price.adjustment": (cls.adjustment, "applied"),
            "dealer.stock.report": (cls.report, "validated"),
        }

    def _assert_rpc_refused(self, error, regex):
        self.assertTrue(error, "the call should have been refused")
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertRegex(error["data"]["message"], regex)

    def _attack_state_writes(self, login):
        self.authenticate(login, login)
        for model, (record, state) in self.documents.items():
            before = record.state
            error = self._rpc_error(model, "write", [record.ids, {"state": state}])
            self._assert_rpc_refused(error, "change only through its buttons|not allowed|access")
            record.invalidate_recordset()
            self.assertEqual(record.state, before, f"{model}: state written over RPC")

    def test_dealer_user_cannot_write_commercial_state_over_rpc(self):
        self._attack_state_writes(self.dealer_user.login)

    def test_dealer_manager_cannot_write_commercial_state_over_rpc(self):
        self._attack_state_writes(self.dealer_manager.login)

    def test_dealer_manager_cannot_create_with_default_state_over_rpc(self):
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        today = date.today()
        attempts = {
            "dealer.contract": ("active", {"partner_id": self.dealer.id, "date_start": str(date(today.year + 1, 1, 1)),
                                           "date_end": str(date(today.year + 1, 12, 31))}),
            "dealer.termination": ("done", {"partner_id": self.dealer.id, "reason_code": "voluntary"}),
            "dealer.price.adjustment": ("applied", {"grade_ids": [[6, 0, self.adjustment.grade_ids.ids]],
                                                    "date_effective": str(today), "reason": "Cost"}),
            "dealer.stock.report": ("validated", {"partner_id": self.dealer.id, "date": str(date(today.year, 1, 2))}),
            "dealer.rebate": ("settled", {"contract_id": self.contract.id, "date_from": str(date(today.year, 4, 1)),
                                          "date_to": str(date(today.year, 6, 30))}),
            "dealer.violation": ("closed", {"partner_id": self.dealer.id}),
        }
        for model, (state, vals) in attempts.items():
            count = self.env[model].search_count([])
            error = self._rpc_error(model, "create", [vals], {"context": {"default_state": state}})
            self._assert_rpc_refused(error, "(State|Status) of a .* change only through its buttons")
            self.assertEqual(self.env[model].search_count([]), count, f"{model}: created over RPC")
