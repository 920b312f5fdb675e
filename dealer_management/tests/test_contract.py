from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerContract(DealerTestCommon):

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.dealer_manager
        cls.pricelist = cls.env["product.pricelist"].create({"name": "Core dealers"})
        cls.payment_term = cls.env.ref("account.account_payment_term_30days")
        cls.grade = cls.grade_core
        cls.grade.write({
            "pricelist_id": cls.pricelist.id, "payment_term_id": cls.payment_term.id, "credit_limit": 200000.0,
        })
        cls.dealer = cls._create_dealer(
            "Hangzhou Trading", state="active", grade=cls.grade, territories=cls.zhejiang, user_id=cls.salesman.id,
        )
        cls.prospect = cls._create_dealer("Not Yet")
        cls.Contract = cls.env["dealer.contract"]
        cls.active_contract = cls._contract(cls.dealer, date(2025, 1, 1), date(2025, 12, 31))
        cls.active_contract.action_activate()

    @classmethod
    def _contract(cls, partner, start, end, **vals):
        return cls._create_contract(partner, start, end, activate=False, **vals)

    # ------------------------------------------------------------------ defaults
    def test_defaults_from_dealer_and_grade(self):
        """A new contract takes territories, grade, pricelist, terms, credit and salesperson from the dealer."""
        contract = self._contract(self.dealer, date(2026, 1, 1), date(2026, 12, 31))
        self.assertTrue(contract.name.startswith("CTR/"))
        self.assertEqual(contract.territory_ids, self.zhejiang)
        self.assertEqual(contract.grade_id, self.grade)
        self.assertEqual(contract.pricelist_id, self.pricelist)
        self.assertEqual(contract.payment_term_id, self.payment_term)
        self.assertEqual(contract.credit_limit, 200000.0)
        self.assertEqual(contract.user_id, self.salesman)
        self.assertEqual((contract.version, contract.origin_id, contract.deposit_state), (1, contract, "none"))

    # ------------------------------------------------------------------ activation
    def test_activate_refused_when_overlapping_shared_territory(self):
        """A second active contract of the dealer on overlapping dates and a sub-territory is refused."""
        contract = self._contract(self.dealer, date(2025, 6, 1), date(2026, 5, 31),
                                  territory_ids=[(6, 0, self.hangzhou.ids)])
        with self.assertRaises(UserError) as error:
            contract.action_activate()
        message = str(error.exception)
        self.assertIn(self.active_contract.name, message)
        self.assertIn("华东 / 浙江 / 杭州", message)
        self.assertEqual(contract.state, "draft")

    def test_activate_refused_when_deposit_not_received(self):
        """A contract whose deposit is required but not received cannot be activated."""
        contract = self._contract(self.dealer, date(2026, 1, 1), date(2026, 12, 31), deposit_amount=50000.0)
        self.assertEqual(contract.deposit_state, "required")
        with self.assertRaisesRegex(UserError, "deposit of .*50,000.00.* has not been received"):
            contract.action_activate()
        self.assertEqual(contract.state, "draft")

    def test_activate_refused_for_inactive_dealer(self):
        """Only an active dealer's contract can be activated."""
        contract = self._contract(self.prospect, date(2026, 1, 1), date(2026, 12, 31))
        with self.assertRaisesRegex(UserError, "Not Yet is not an active dealer"):
            contract.action_activate()
        self.assertEqual(contract.state, "draft")

    def test_activate_refused_for_dealer_user(self):
        """Activation is a Dealer Manager's decision."""
        contract = self._contract(self.dealer, date(2026, 1, 1), date(2026, 12, 31))
        with self.assertRaisesRegex(AccessError, "Only a Dealer Manager may activate a contract"):
            contract.with_user(self.salesman).action_activate()
        self.assertEqual(contract.state, "draft")

    def test_activate_refused_when_not_draft(self):
        """The refusal names the contract's current state."""
        with self.assertRaisesRegex(UserError, "cannot be activated: it is Active, not draft"):
            self.active_contract.action_activate()

    def test_end_before_start_refused(self):
        """The end date cannot precede the start date."""
        with self.assertRaisesRegex(ValidationError, "ends \\(2025-12-31\\) before it starts \\(2026-01-01\\)"):
            self._contract(self.dealer, date(2026, 1, 1), date(2025, 12, 31))

    def test_activate_ok(self):
        """Overlapping dates in another territory, deposit received: the contract becomes active."""
        contract = self._contract(self.dealer, date(2025, 6, 1), date(2026, 5, 31), deposit_amount=10000.0,
                                  territory_ids=[(6, 0, self.jiangsu.ids)])
        contract.with_user(self.manager).action_receive_deposit()
        contract.with_user(self.manager).action_activate()
        self.assertEqual((contract.state, contract.deposit_state), ("active", "received"))

    # ------------------------------------------------------------------ termination
    def test_terminate_requires_reason(self):
        """Termination asks for a reason and changes nothing without one."""
        with self.assertRaisesRegex(UserError, "Fill in the termination reason"):
            self.active_contract.action_terminate()
        self.assertEqual(self.active_contract.state, "active")

    def test_terminate(self):
        """With a reason, an active contract is terminated and the reason posted."""
        self.active_contract.termination_reason = "Repeated cross-territory sales"
        self.active_contract.with_user(self.manager).action_terminate()
        self.assertEqual(self.active_contract.state, "terminated")
        self.assertIn("Repeated cross-territory sales", self.active_contract.message_ids[0].body)

    # ------------------------------------------------------------------ amendment
    def test_amend_creates_version_two(self):
        """Amending creates an active version 2 with the reason; version 1 is superseded and unchanged."""
        v1 = self.active_contract
        wizard = self.env["dealer.contract.amend.wizard"].with_user(self.manager).create({
            "contract_id": v1.id, "reason": "Wider credit after a good first half",
        })
        self.assertEqual(wizard.credit_limit, 200000.0)
        wizard.write({"credit_limit": 300000.0, "penalty_price_violation": 2000.0})
        wizard.action_amend()
        v2 = v1.version_ids - v1
        self.assertEqual((v1.state, v1.credit_limit, v1.penalty_price_violation), ("superseded", 200000.0, 0.0))
        self.assertEqual((v2.state, v2.version, v2.credit_limit, v2.penalty_price_violation),
                         ("active", 2, 300000.0, 2000.0))
        self.assertEqual((v2.previous_version_id, v2.origin_id, v2.name), (v1, v1, f"{v1.name}-V2"))
        self.assertEqual(v2.amendment_reason, "Wider credit after a good first half")
        self.assertEqual((v2.territory_ids, v2.grade_id, v2.date_end), (v1.territory_ids, v1.grade_id, v1.date_end))
        self.assertIn("Wider credit after a good first half", v1.message_ids[0].body)
        self.assertIn("Wider credit after a good first half", v2.message_ids[0].body)

    def test_write_terms_of_active_contract_refused(self):
        """Terms of an active contract cannot be written directly: the user is sent to Amend."""
        message = "is active: its terms \\(Credit Limit\\) cannot be edited directly. Use Amend"
        with self.assertRaisesRegex(UserError, message):
            self.active_contract.write({"credit_limit": 1.0})
        self.assertEqual(self.active_contract.credit_limit, 200000.0)

    def test_amend_refused_for_dealer_user(self):
        """Only a Dealer Manager may amend."""
        with self.assertRaisesRegex(AccessError, "Only a Dealer Manager may amend a contract"):
            self.active_contract.with_user(self.salesman)._amend({"credit_limit": 1.0}, "Because")
        self.assertEqual(self.active_contract.state, "active")

    # ------------------------------------------------------------------ renewal
    def test_renewal_shifts_and_grows_targets(self):
        """Renewal: draft contract for the next period, same terms and tiers, targets +10%."""
        contract = self._contract(self.dealer, date(2024, 1, 1), date(2024, 12, 31), promo_budget=8000.0)
        self.env["dealer.contract.target"].create([
            {"contract_id": contract.id, "period_type": "quarter", "date_start": date(2024, 1, 1),
             "date_end": date(2024, 3, 31), "amount": 100000.0, "quantity": 50},
            {"contract_id": contract.id, "period_type": "month", "date_start": date(2024, 2, 1),
             "date_end": date(2024, 2, 29), "amount": 33333.33},
        ])
        self.env["dealer.contract.rebate.tier"].create(
            {"contract_id": contract.id, "achievement_min": 100.0, "rebate_percent": 3.0, "fixed_bonus": 5000.0},
        )
        contract.action_activate()
        wizard = self.env["dealer.contract.renew.wizard"].with_user(self.manager).create({
            "contract_id": contract.id, "growth_percent": 10.0,
        })
        self.assertEqual((wizard.date_start, wizard.date_end), (date(2025, 1, 1), date(2025, 12, 31)))
        renewal = self.Contract.browse(wizard.action_renew()["res_id"])
        self.assertEqual((renewal.state, renewal.renewal_of_id, renewal.promo_budget), ("draft", contract, 8000.0))
        self.assertEqual(
            [(t.date_start, t.date_end, t.amount, t.quantity) for t in renewal.target_ids],
            [(date(2025, 1, 1), date(2025, 3, 31), 110000.0, 55.0),
             (date(2025, 2, 1), date(2025, 2, 28), 36666.66, 0.0)],  # 33333.33 × 1.1 = 36666.663
        )
        self.assertEqual(renewal.rebate_tier_ids.mapped("rebate_percent"), [3.0])
        self.assertEqual(contract.state, "active")

    # ------------------------------------------------------------------ cron
    def test_cron_expires_ended_contracts(self):
        """The daily cron expires active contracts whose end date has passed, and only those."""
        current = self._contract(self.dealer, date(2026, 1, 1), date(2026, 12, 31))
        current.action_activate()
        with freeze_time("2026-01-05"):
            self.Contract._cron_contract_lifecycle()
        self.assertEqual((self.active_contract.state, current.state), ("expired", "active"))

    def test_cron_schedules_single_reminder(self):
        """A contract ending within the reminder window gets one to-do for its salesperson, not one per run."""
        self.env["ir.config_parameter"].set_param("dealer_management.contract_reminder_days", 25)
        todo = self.env.ref("mail.mail_activity_data_todo")
        with freeze_time("2025-12-10"):
            self.Contract._cron_contract_lifecycle()
            self.Contract._cron_contract_lifecycle()
        activities = self.active_contract.activity_ids.filtered(lambda a: a.activity_type_id == todo)
        self.assertEqual(len(activities), 1)
        self.assertEqual((activities.user_id, activities.date_deadline), (self.salesman, date(2025, 12, 31)))

    def test_cron_no_reminder_outside_window(self):
        """No reminder before the window opens."""
        self.env["ir.config_parameter"].set_param("dealer_management.contract_reminder_days", 20)
        with freeze_time("2025-12-10"):
            far = self._contract(self.dealer, date(2026, 1, 1), date(2026, 12, 31),
                                 territory_ids=[(6, 0, self.jiangsu.ids)])
            far.action_activate()
            self.Contract._cron_contract_lifecycle()
        self.assertFalse(far.activity_ids)

    # ------------------------------------------------------------------ rebate tiers
    def test_rebate_tier_for_achievement(self):
        """The tier with the highest minimum not above the achievement applies."""
        contract = self._contract(self.dealer, date(2026, 1, 1), date(2026, 12, 31), rebate_tier_ids=[
            (0, 0, {"achievement_min": 80.0, "rebate_percent": 1.0}),
            (0, 0, {"achievement_min": 120.0, "rebate_percent": 4.0}),
            (0, 0, {"achievement_min": 100.0, "rebate_percent": 2.5}),
        ])
        self.assertFalse(contract._rebate_tier_for(79.9))
        self.assertEqual(contract._rebate_tier_for(99.99).rebate_percent, 1.0)
        self.assertEqual(contract._rebate_tier_for(100.0).rebate_percent, 2.5)
        self.assertEqual(contract._rebate_tier_for(250.0).rebate_percent, 4.0)
