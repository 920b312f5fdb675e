from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestDealerComplaint(DealerTestCommon):

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = cls.dealer_manager
        cls.assignee = cls.dealer_user
        cls.default_assignee = cls.salesman
        cls.env["crm.team"].create({
            "name": "After-sales team", "user_id": cls.leader.id, "member_ids": [Command.set(cls.assignee.ids)],
        })
        cls.category = cls.env["dealer.complaint.category"].create({
            "name": "Quality (24h)", "sla_hours": 24, "user_id": cls.default_assignee.id,
        })
        cls.dealer_a = cls._create_dealer("Dealer A", state="active")
        cls.dealer_b = cls._create_dealer("Dealer B", state="active")
        cls.contact_a = cls.Partner.create({"name": "Alice", "parent_id": cls.dealer_a.id})
        cls.product = cls.env["product.product"].create({"name": "Pump P1", "list_price": 100.0})
        cls.Complaint = cls.env["dealer.complaint"].with_user(cls.assignee)

    def _complaint(self, **vals):
        return self.Complaint.create({
            "partner_id": self.dealer_a.id, "category_id": self.category.id, "description": "Leaks", **vals,
        })

    # ------------------------------------------------------------------ basics
    def test_reference_partner_and_assignee(self):
        complaint = self._complaint(partner_id=self.contact_a.id)
        self.assertTrue(complaint.name.startswith("DC/"))
        self.assertEqual(complaint.partner_id, self.dealer_a, "filed for the dealer, not its contact")
        self.assertEqual(complaint.user_id, self.default_assignee, "the category's default assignee")

    def test_partner_must_be_dealer(self):
        with self.assertRaisesRegex(ValidationError, "is not a dealer"):
            self._complaint(partner_id=self.env["res.partner"].create({"name": "Walk-in"}).id)

    def test_sla_deadline_from_category(self):
        complaint = self._complaint(date_reported="2030-01-01 08:00:00")
        self.assertEqual(complaint.date_deadline, datetime(2030, 1, 2, 8, 0))
        slow = self.env["dealer.complaint.category"].create({"name": "Repair", "sla_hours": 120})
        complaint.category_id = slow
        self.assertEqual(complaint.date_deadline, datetime(2030, 1, 6, 8, 0))

    def test_overdue(self):
        with freeze_time("2030-01-01 08:00:00"):
            complaint = self._complaint()
        with freeze_time("2030-01-02 07:00:00"):
            self.assertFalse(complaint.is_overdue)
            self.assertNotIn(complaint, self.Complaint.search([("is_overdue", "=", True)]))
        with freeze_time("2030-01-02 09:00:00"):
            complaint.invalidate_recordset(["is_overdue"])
            self.assertTrue(complaint.is_overdue)
            self.assertIn(complaint, self.Complaint.search([("is_overdue", "=", True)]))
            self.assertNotIn(complaint, self.Complaint.search([("is_overdue", "=", False)]))
            complaint.resolution = "<p>Done</p>"
            complaint.action_resolve()
            self.assertIn(complaint, self.Complaint.search([("is_overdue", "=", False)]), "resolved is not overdue")

    # ------------------------------------------------------------------ workflow
    def test_resolve_without_resolution_refused(self):
        complaint = self._complaint()
        complaint.action_start()
        with self.assertRaisesRegex(UserError, "Describe the resolution"):
            complaint.action_resolve()
        complaint.resolution = "<p><br></p>"
        with self.assertRaisesRegex(UserError, "Describe the resolution"):
            complaint.action_resolve()
        self.assertEqual(complaint.state, "in_progress")
        self.assertFalse(complaint.date_resolved)

    def test_resolve_and_close(self):
        with freeze_time("2030-01-01 08:00:00"):
            complaint = self._complaint()
            complaint.action_start()
        with freeze_time("2030-01-01 20:30:00"):
            complaint.resolution = "<p>Replaced the seal.</p>"
            complaint.action_resolve()
        self.assertEqual(complaint.state, "resolved")
        self.assertEqual(complaint.resolution_hours, 12.5)
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        with self.assertRaises(UserError):
            complaint.action_start()

    def test_reject_needs_reason(self):
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "reason"):
            complaint.action_reject("  ")
        with self.assertRaisesRegex(AccessError, "change only through its buttons and wizards"):
            complaint.write({"state": "rejected"})
        with self.assertRaises(ValidationError) as caught:  # the constraint holds for the model's own code too
            complaint._dealer_trusted().write({"state": "rejected"})
        self.assertIn("reason", str(caught.exception))
        self.assertEqual(complaint.state, "new")
        wizard = self.env["dealer.complaint.reject.wizard"].with_user(self.assignee).create({
            "complaint_ids": [Command.set(complaint.ids)], "reason": "Damage caused by misuse.",
        })
        wizard.action_confirm()
        self.assertEqual(complaint.state, "rejected")
        self.assertEqual(complaint.reject_reason, "Damage caused by misuse.")
        complaint.action_reopen()
        self.assertEqual(complaint.state, "in_progress")
        self.assertFalse(complaint.reject_reason)

    # ------------------------------------------------------------------ escalation
    def test_escalation_cron_flags_overdue_once(self):
        slow = self.env["dealer.complaint.category"].create({"name": "Slow", "sla_hours": 500})
        with freeze_time("2030-01-01 08:00:00"):
            late = self._complaint(user_id=self.assignee.id)
            on_time = self._complaint(user_id=self.assignee.id, category_id=slow.id)
            done = self._complaint(user_id=self.assignee.id, resolution="<p>Fixed</p>")
            done.action_resolve()
        Complaint = self.env["dealer.complaint"]
        with freeze_time("2030-01-03 06:00:00"):
            Complaint._cron_escalate_overdue()
        self.assertEqual(late.priority, "3")
        self.assertTrue(late.escalated)
        self.assertEqual(late.activity_ids.user_id, self.leader, "the assignee's team leader follows up")
        notes = late.message_ids.filtered(lambda m: "escalated" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertFalse(on_time.escalated or done.escalated)
        self.assertEqual(on_time.priority, "1")
        with freeze_time("2030-01-04 06:00:00"):
            Complaint._cron_escalate_overdue()
        self.assertEqual(len(late.activity_ids), 1, "not escalated again the next day")
        self.assertEqual(len(late.message_ids.filtered(lambda m: "escalated" in (m.body or ""))), 1)

    def test_escalation_falls_back_to_category_assignee(self):
        outsider = new_test_user(self.env, "dc_outsider", groups="dealer_management.group_dealer_user")
        with freeze_time("2030-01-01 08:00:00"):
            complaint = self._complaint(user_id=outsider.id)
        with freeze_time("2030-01-03 06:00:00"):
            self.env["dealer.complaint"]._cron_escalate_overdue()
        self.assertEqual(complaint.activity_ids.user_id, self.default_assignee)

    # portal rules and portal filing: dealer_portal/tests/test_security_portal.py

    def test_order_of_another_dealer_refused(self):
        order_b = self.env["sale.order"].create({
            "partner_id": self.dealer_b.id, "order_line": [Command.create({"product_id": self.product.id})],
        })
        with self.assertRaisesRegex(ValidationError, "is not an order of"):
            self._complaint(sale_order_id=order_b.id)

    def test_replacement_order_without_sale_order(self):
        complaint = self._complaint(product_id=self.product.id, product_qty=2)
        complaint.action_create_replacement_order()
        order = complaint.replacement_order_id
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.dealer_a)
        self.assertEqual(order.origin, complaint.name)
        self.assertEqual(order.order_line.product_id, self.product)
        self.assertEqual(order.order_line.product_uom_qty, 2)
        with self.assertRaisesRegex(UserError, "already has the replacement order"):
            complaint.action_create_replacement_order()

    def test_replacement_needs_product(self):
        with self.assertRaisesRegex(UserError, "complained product"):
            self._complaint().action_create_replacement_order()

    # ------------------------------------------------------------------ KPI
    def test_kpi_figures(self):
        """Dealer A: 3 complaints in January, 1 in February; resolved in 10 h and 20 h -> 15 h on average."""
        def complaint_at(reported, dealer=self.dealer_a, resolved=None):
            with freeze_time(reported):
                complaint = self._complaint(partner_id=dealer.id, resolution="<p>Done</p>")
            if resolved:
                with freeze_time(resolved):
                    complaint.action_resolve()
            return complaint

        complaint_at("2030-01-05 08:00:00", resolved="2030-01-05 18:00:00")
        complaint_at("2030-01-10 08:00:00", resolved="2030-01-11 04:00:00")
        complaint_at("2030-01-31 23:00:00")
        complaint_at("2030-02-01 08:00:00", resolved="2030-02-01 09:00:00")
        complaint_at("2030-01-15 08:00:00", dealer=self.dealer_b).action_reject("Not our product")
        dealers = self.dealer_a | self.dealer_b
        Complaint = self.env["dealer.complaint"]
        counts = Complaint._dealer_complaint_count(dealers, "2030-01-01", "2030-01-31")
        self.assertEqual(counts, {self.dealer_a.id: 3, self.dealer_b.id: 0})
        hours = Complaint._dealer_complaint_resolution_hours(dealers, "2030-01-01", "2030-01-31")
        self.assertEqual(hours, {self.dealer_a.id: 15.0})


@tagged("post_install", "-at_install")
class TestDealerComplaintResolution(DealerTestCommon):
    """Returns, credit notes and replacement orders reuse Odoo's own wizards and are linked to the complaint."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref("stock.group_stock_user")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer = cls._create_dealer("Dealer R", state="active", grade=cls.grade_unchecked)
        cls.category = cls.env["dealer.complaint.category"].create({"name": "Return", "sla_hours": 72})
        cls.order = cls.env["sale.order"].create({
            "partner_id": cls.dealer.id,
            "order_line": [Command.create({"product_id": cls.product_a.id, "product_uom_qty": 5, "price_unit": 100})],
        })
        cls.order.action_confirm()
        cls.delivery = cls.order.picking_ids
        cls.delivery.move_ids.write({"quantity": 5, "picked": True})
        cls.delivery.button_validate()
        cls.invoice = cls.order._create_invoices()
        cls.invoice.action_post()

    def _complaint(self):
        return self.env["dealer.complaint"].create({
            "partner_id": self.dealer.id, "category_id": self.category.id, "description": "2 pumps leak",
            "product_id": self.product_a.id, "product_qty": 2, "sale_order_id": self.order.id,
            "picking_id": self.delivery.id,
        })

    def test_return_picking_linked(self):
        self.assertEqual(self.delivery.state, "done")
        complaint = self._complaint()
        action = complaint.action_open_return_wizard()
        self.assertEqual(action["res_model"], "stock.return.picking")
        wizard = self.env["stock.return.picking"].with_context(**action["context"]).create({})
        self.assertEqual(wizard.picking_id, self.delivery)
        wizard.product_return_moves.quantity = 2
        wizard.action_create_returns()
        self.assertEqual(len(complaint.return_picking_ids), 1)
        self.assertEqual(complaint.return_picking_ids.return_id, self.delivery)
        self.assertEqual(complaint.return_count, 1)

    def test_return_needs_a_delivery(self):
        complaint = self._complaint()
        complaint.picking_id = False
        with self.assertRaisesRegex(UserError, "Select the delivery"):
            complaint.action_open_return_wizard()

    def test_credit_note_linked(self):
        complaint = self._complaint()
        action = complaint.action_open_credit_note()
        wizard = self.env["account.move.reversal"].with_context(**action["context"]).create({
            "journal_id": self.invoice.journal_id.id,
        })
        self.assertEqual(wizard.move_ids, self.invoice)
        wizard.refund_moves()
        refund = complaint.refund_ids
        self.assertEqual(len(refund), 1)
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.reversed_entry_id, self.invoice)
        self.assertEqual(complaint.refund_count, 1)

    def test_credit_note_needs_posted_invoice(self):
        complaint = self._complaint()
        complaint.sale_order_id = False
        with self.assertRaisesRegex(UserError, "no posted customer invoice"):
            complaint.action_open_credit_note()

    def test_replacement_order_linked(self):
        complaint = self._complaint()
        complaint.action_create_replacement_order()
        replacement = complaint.replacement_order_id
        self.assertEqual(replacement.state, "draft")
        self.assertEqual(replacement.partner_id, self.dealer)
        self.assertEqual(replacement.pricelist_id, self.order.pricelist_id)
        self.assertRecordValues(replacement.order_line, [{"product_id": self.product_a.id, "product_uom_qty": 2}])
