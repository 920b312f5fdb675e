from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import formatLang

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerTermination(DealerTestCommon):
    """Dealer exit: checks on open business, forcing, effects on the dealer, cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.dealer_manager
        cls.territory = cls.zhejiang
        cls.territory.is_exclusive = True
        # sudo: the dealers are held as the administrator holds them; the tests act as other users explicitly
        cls.dealer = cls._create_dealer(
            "Hangzhou Trading Co.", state="active", grade=cls.grade_unchecked, territories=cls.territory,
        ).sudo()
        cls.other_dealer = cls._create_dealer("Ningbo Supply Co.", state="active").sudo()
        cls.portal_user = cls._create_portal_user(
            cls.dealer, "dealer_portal_lilei", "Li Lei", email="li.lei@example.com",
        )
        cls.contact = cls.portal_user.partner_id.sudo()
        cls.today = fields.Date.context_today(cls.dealer)

    # ------------------------------------------------------------------ helpers
    def _new_termination(self, **values):
        return self.env["dealer.termination"].with_user(self.manager).create({
            "partner_id": self.dealer.id, "reason_code": "voluntary", **values,
        })

    def _new_order(self, confirm=False):
        order = self.env["sale.order"].sudo().create({
            "partner_id": self.contact.id,
            "order_line": [Command.create({"product_id": self.product_a.id, "product_uom_qty": 2})],
        })
        if confirm:
            order.action_confirm()
        return order

    def _post_invoice(self, amount):
        return self.init_invoice("out_invoice", partner=self.dealer, amounts=[amount], taxes=[], post=True)

    def _message_bodies(self, record):
        return " ".join(record.sudo().message_ids.mapped("body"))

    # ------------------------------------------------------------------ blocking checks
    def test_confirm_blocked_by_open_receivable(self):
        self._post_invoice(12000.0)
        termination = self._new_termination()
        with self.assertRaises(UserError) as error:
            termination.action_confirm()
        amount = formatLang(self.env, 12000.0, currency_obj=self.env.company.currency_id)
        self.assertIn(f"open receivable {amount}", str(error.exception))
        self.assertEqual(termination.state, "draft")
        self.assertEqual(self.dealer.dealer_state, "active")
        self.assertEqual(self.dealer.dealer_territory_ids, self.territory)
        self.assertTrue(self.portal_user.active)

    def test_confirm_blocked_by_open_quotation(self):
        self._new_order()
        termination = self._new_termination()
        self.assertEqual(termination.open_quotation_count, 1)
        with self.assertRaises(UserError) as error:
            termination.action_confirm()
        self.assertIn("1 open quotation", str(error.exception))
        self.assertEqual(termination.state, "draft")

    def test_checks_count_undelivered_order(self):
        self._new_order(confirm=True)
        termination = self._new_termination()
        self.assertEqual(termination.undelivered_order_count, 1)
        self.assertEqual(termination.open_quotation_count, 0)
        self.assertIn("1 undelivered order", termination.blocking_issues)

    # ------------------------------------------------------------------ forcing and rights
    def test_manager_forces_termination_with_note(self):
        self._post_invoice(12000.0)
        note = "Receivable covered by the bank guarantee"
        termination = self._new_termination(force=True, force_note=note)
        termination.action_confirm()
        termination.action_execute()
        self.assertEqual(termination.state, "done")
        self.assertEqual(self.dealer.dealer_state, "terminated")
        self.assertIn(note, self._message_bodies(self.dealer))
        self.assertIn(note, self._message_bodies(termination))

    def test_force_without_note_refused(self):
        termination = self._new_termination()
        with self.assertRaises(ValidationError):
            termination.write({"force": True})
        self.assertFalse(termination.force)

    def test_dealer_user_cannot_confirm(self):
        termination = self._new_termination()
        with self.assertRaises(AccessError):
            termination.with_user(self.dealer_user).action_confirm()
        self.assertEqual(termination.state, "draft")

    # ------------------------------------------------------------------ execution
    def test_execute_releases_exclusive_territory(self):
        termination = self._new_termination()
        termination.action_confirm()
        termination.action_execute()
        self.assertFalse(self.dealer.dealer_territory_ids)
        self.assertEqual(termination.released_territory_ids, self.territory)
        self.other_dealer.write({"dealer_territory_ids": [Command.link(self.territory.id)]})
        self.assertEqual(self.territory.exclusive_dealer_id, self.other_dealer)

    def test_execute_archives_portal_user(self):
        termination = self._new_termination()
        termination.action_confirm()
        termination.action_execute()
        self.assertFalse(self.portal_user.active)
        self.assertEqual(self.dealer.dealer_end_date, termination.effective_date)

    def test_execute_refuses_future_effective_date(self):
        termination = self._new_termination(effective_date=self.today + timedelta(days=30))
        termination.action_confirm()
        with self.assertRaises(UserError) as error:
            termination.action_execute()
        self.assertIn("takes effect on", str(error.exception))
        self.assertEqual(termination.state, "confirmed")
        self.assertEqual(self.dealer.dealer_state, "active")

    def test_cron_executes_termination_on_effective_date(self):
        effective_date = self.today + timedelta(days=30)
        termination = self._new_termination(effective_date=effective_date)
        termination.action_confirm()
        with freeze_time(effective_date):
            self.env["dealer.termination"].sudo()._cron_execute_due()
        self.assertEqual(termination.state, "done")
        self.assertEqual(self.dealer.dealer_state, "terminated")

    def test_cron_leaves_blocked_termination_to_responsible(self):
        termination = self._new_termination()
        termination.action_confirm()
        self._new_order()
        self.env["dealer.termination"].sudo()._cron_execute_due()
        self.assertEqual(termination.state, "confirmed")
        self.assertEqual(self.dealer.dealer_state, "active")
        self.assertEqual(termination.activity_ids.user_id, self.manager)

    # ------------------------------------------------------------------ constraints
    def test_second_open_termination_refused(self):
        self._new_termination()
        with self.assertRaises(ValidationError):
            self._new_termination(reason_code="breach")

    def test_other_reason_requires_details(self):
        with self.assertRaises(ValidationError):
            self._new_termination(reason_code="other")
