"""Issue 14: documents whose lines outlived their lock, and serials whose warranty could be extended.

A filed warranty claim's parts lock with it (``dealer.workflow.line.mixin``); a serial's warranty dates are
computed from its retail sale only. Each test
performs the attack as the attacking user (through the ORM, or JSON-RPC ``call_kw``), checks the refusal and reads
the database again.
"""
from datetime import date
from functools import partial

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin
from odoo.addons.dealer_management.tests.common_lines_lock import LinesLockMixin

from .common import ServiceTestCommon

PARTS_LOCKED = "Warranty claim .* is Submitted: its parts can no longer be added, changed or removed"
WARRANTY_SET = "The warranty of a serial runs from its retail sale .* it cannot be set directly"
WARRANTY_END = date(2027, 3, 9)  # 24 months from the retail day 2025-03-10


class LinesLockServiceCommon(LinesLockMixin, ServiceTestCommon):
    """A filed claim of 300.00 (one brake pad, no labour) and a draft one; a warehouse user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # may delete stock moves (Sales Manager) and manages dealers: only the lock refuses this user
        cls.back_office = new_test_user(
            cls.env, login="lines_back_office",
            groups="base.group_user,sales_team.group_sale_manager,dealer_management.group_dealer_manager",
        )
        cls.stock_user = new_test_user(
            cls.env, login="lines_stock_user", groups="base.group_user,stock.group_stock_user")
        cls.claim = cls._claim(parts=1, labour=0.0)
        cls.claim.action_dealer_claim_submit()
        cls.draft_claim = cls._claim(parts=1, labour=0.0)

    def _claim_figures(self):
        """(claim amount, parts, quantity of parts), read again from the database."""
        self.env.invalidate_all()
        parts = self.claim.move_ids.filtered(lambda move: move.repair_line_type == "add")
        return self.claim.dealer_claim_amount, len(parts), sum(parts.mapped("product_uom_qty"))

    def _part_vals(self, quantity=1.0):
        return {"product_id": self.part.id, "product_uom_qty": quantity, "repair_line_type": "add"}

    def _assert_out_of_warranty_claim_refused(self):
        claim = self._claim(day=date(2027, 6, 1))
        with self.assertRefused(UserError, "is out of warranty on the repair date"):
            claim.action_dealer_claim_submit()
        self.assertEqual(claim.dealer_claim_state, "draft")


@tagged("post_install", "-at_install")
class TestClaimPartsLock(LinesLockServiceCommon):
    """Item 4: a filed claim's parts are locked as its labour is; approval takes what was filed."""

    def test_dealer_user_adding_50_parts_to_filed_claim(self):
        self.assertEqual(self._claim_figures(), (300.0, 1, 1.0))
        with self.assertRefused(UserError, PARTS_LOCKED):
            self.claim.with_user(self.dealer_user).write(
                {"move_ids": [Command.create(self._part_vals()) for _index in range(50)]})
        self.assertEqual(self._claim_figures(), (300.0, 1, 1.0))
        self.claim.action_dealer_claim_approve()
        self.assertEqual(self.claim.dealer_claim_approved_amount, 300.0)

    def test_dealer_user_raising_a_part_directly(self):
        part = self.claim.move_ids.with_user(self.dealer_user)
        dozen = self.env.ref("uom.product_uom_dozen")
        for vals in ({"product_uom_qty": 50.0}, {"product_uom": dozen.id}, {"product_id": self.vehicle.id}):
            with self.subTest(vals=vals), self.assertRefused(UserError, PARTS_LOCKED):
                part.write(vals)
        self.assertEqual(self._claim_figures(), (300.0, 1, 1.0))

    def test_dealer_user_creating_a_part_of_filed_claim_directly(self):
        Move = self.env["stock.move"].with_user(self.dealer_user)
        with self.assertRefused(UserError, PARTS_LOCKED):
            Move.create({**self._part_vals(50.0), "repair_id": self.claim.id})
        with self.assertRefused(UserError, PARTS_LOCKED):
            Move.with_context(default_repair_id=self.claim.id, default_repair_line_type="add").create(
                {"product_id": self.part.id, "product_uom_qty": 50.0})
        self.assertEqual(self._claim_figures(), (300.0, 1, 1.0))

    def test_every_change_of_filed_claim_parts_refused(self):
        self.assertLinesLocked(
            self.back_office, self.claim, "move_ids", PARTS_LOCKED, self._part_vals(50.0), {"product_uom_qty": 50.0},
            draft_document=self.draft_claim,
        )
        self.assertEqual(self._claim_figures(), (300.0, 1, 1.0))

    def test_approved_claim_parts_locked(self):
        self.claim.action_dealer_claim_approve()
        with self.assertRefused(UserError, "is Approved: its parts can no longer be added"):
            self.claim.move_ids.with_user(self.back_office).write({"product_uom_qty": 50.0})
        self.assertEqual(self._claim_figures(), (300.0, 1, 1.0))

    def test_draft_claim_parts_still_change(self):
        self.draft_claim.with_user(self.dealer_user).write({"move_ids": [Command.create(self._part_vals())]})
        self.assertEqual(self.draft_claim.dealer_claim_amount, 600.0)

    def test_repaired_product_move_is_not_a_part(self):
        """Odoo's move of the repaired product itself (no repair line type, made when the repair is done) is not
        a part of the claim: it is not refused, and the claim amount stays."""
        move = self.env["stock.move"].create({
            "name": self.claim.name, "repair_id": self.claim.id, "product_id": self.vehicle.id,
            "product_uom_qty": 1.0, "location_id": self.claim.location_id.id,
            "location_dest_id": self.claim.location_id.id,
        })
        self.assertEqual(move.repair_id, self.claim)
        self.assertEqual(self._claim_figures(), (300.0, 1, 1.0))


@tagged("post_install", "-at_install")
class TestWarrantyDatesProtected(LinesLockServiceCommon):
    """Item 6: a serial's warranty dates come from its retail sale, never from a write."""

    def _lot_warranty(self):
        self.env.invalidate_all()
        return self.lot_sold.dealer_warranty_start, self.lot_sold.dealer_warranty_end

    def test_warehouse_user_extending_warranty(self):
        self.assertEqual(self._lot_warranty(), (date(2025, 3, 10), WARRANTY_END))
        for user in (self.stock_user, self.dealer_user, self.back_office):
            for vals in ({"dealer_warranty_end": date(2030, 1, 1)}, {"dealer_warranty_start": date(2027, 1, 1)}):
                with self.subTest(user=user.login, vals=vals), self.assertRefused(AccessError, WARRANTY_SET):
                    self.lot_sold.with_user(user).write(vals)
        self.assertEqual(self._lot_warranty(), (date(2025, 3, 10), WARRANTY_END))
        self._assert_out_of_warranty_claim_refused()

    def test_warehouse_user_creating_serial_with_warranty(self):
        Lot = self.env["stock.lot"].with_user(self.stock_user)
        count = Lot.search_count([])
        vals = {"name": "VIN-W-900", "product_id": self.vehicle.id, "company_id": self.company.id}
        with self.assertRefused(AccessError, WARRANTY_SET):
            Lot.create({**vals, "dealer_warranty_start": date(2027, 1, 1), "dealer_warranty_end": date(2030, 1, 1)})
        with self.assertRefused(AccessError, WARRANTY_SET):
            Lot.with_context(default_dealer_warranty_end=date(2030, 1, 1)).create(vals)
        self.assertEqual(Lot.search_count([]), count)

    def test_warranty_follows_retail_sale_and_product(self):
        self.vehicle.dealer_warranty_months = 36
        self.assertEqual(self._lot_warranty(), (date(2025, 3, 10), date(2028, 3, 9)))


@tagged("post_install", "-at_install")
class TestLinesLockServiceRpc(CallKwMixin, HttpCase, LinesLockServiceCommon):
    """The same attacks through /web/dataset/call_kw, as the web client or a script with a session would."""

    def test_dealer_user_adding_50_parts_over_rpc(self):
        refused = partial(self.assertCallKwRefused, self.dealer_user, "UserError", PARTS_LOCKED)
        refused("repair.order", "write", [self.claim.ids, {
            "move_ids": [Command.create(self._part_vals()) for _index in range(50)]}])
        refused("stock.move", "write", [self.claim.move_ids.ids, {"product_uom_qty": 50.0}])
        refused("stock.move", "create", [{**self._part_vals(50.0), "repair_id": self.claim.id}])
        self.assertEqual(self._claim_figures(), (300.0, 1, 1.0))

    def test_warehouse_user_extending_warranty_over_rpc(self):
        self.assertCallKwRefused(self.stock_user, "AccessError", WARRANTY_SET, "stock.lot", "write", [
            self.lot_sold.ids, {"dealer_warranty_end": "2030-01-01"}])
        self.env.invalidate_all()
        self.assertEqual(self.lot_sold.dealer_warranty_end, WARRANTY_END)
        self._assert_out_of_warranty_claim_refused()
