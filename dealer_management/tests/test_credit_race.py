import threading
import time

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestDealerCreditRace(BaseCase):
    """Two transactions confirming orders of one dealer at the same moment cannot both pass the limit.

    The data is committed (both cursors must see it) and removed again in the class cleanup.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.record_ids = {}
        cls.addClassCleanup(cls._remove_data)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            grade = env["dealer.grade"].create({
                "name": "Race grade", "code": "RACE-T", "check_contract": False, "check_floor_price": False,
                "check_credit": True, "check_territory": False,
            })
            dealer = env["res.partner"].create({
                "name": "Race Dealer", "is_company": True, "is_dealer": True, "dealer_grade_id": grade.id,
            })
            dealer.action_dealer_make_applicant()
            dealer.action_dealer_activate()
            dealer.with_company(env.company).credit_limit = 1000.0
            product = env["product.product"].create({
                "name": "Race Product", "type": "service", "list_price": 600.0, "taxes_id": [Command.clear()],
            })
            orders = env["sale.order"].create([{
                "partner_id": dealer.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1, "price_unit": 600.0})],
            } for _index in range(2)])
            cls.record_ids = {
                "grade": grade.id, "dealer": dealer.id, "product": product.id, "orders": orders.ids,
            }

    @classmethod
    def _remove_data(cls):
        ids = cls.record_ids
        if not ids:
            return
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = env["sale.order"].browse(ids["orders"]).exists()
            orders._action_cancel()
            orders.unlink()
            env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
            env["res.partner"].browse(ids["dealer"]).unlink()
            env["dealer.grade"].browse(ids["grade"]).unlink()

    def _wait_until_waiting_on_lock(self, backend_pid, timeout=20.0):
        """Poll pg_stat_activity until the given backend waits on a lock."""
        with self.registry.cursor() as monitor:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                monitor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [backend_pid])
                row = monitor.fetchone()
                monitor.rollback()  # drop the cached statistics snapshot
                if row and row[0] == "Lock":
                    return
                time.sleep(0.05)
        self.fail("The second confirmation never waited for the dealer lock.")

    @mute_logger("odoo.sql_db")
    def test_concurrent_confirmations_respect_credit_limit(self):
        order_a_id, order_b_id = self.record_ids["orders"]
        outcome = {}
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        try:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            # both transactions take their snapshot before either order is confirmed
            env1["sale.order"].browse(order_a_id).mapped("state")
            env2["sale.order"].browse(order_b_id).mapped("state")
            # A: 0 + 600 <= 1000, passes and holds the dealer's row lock until commit
            env1["sale.order"].browse(order_a_id).action_confirm()

            def confirm_b():
                try:
                    env2["sale.order"].browse(order_b_id).action_confirm()
                    env2.flush_all()
                    outcome["result"] = "confirmed"
                except Exception as error:  # noqa: BLE001 reported to the main thread
                    outcome["result"] = error

            thread = threading.Thread(target=confirm_b)
            thread.start()
            self._wait_until_waiting_on_lock(cr2._cnx.get_backend_pid())
            cr1.commit()
            thread.join(timeout=30)
            self.assertFalse(thread.is_alive())
            # B waited for A and was aborted instead of confirming on a stale snapshot
            self.assertIsInstance(outcome.get("result"), psycopg2.errors.SerializationFailure)
            cr2.rollback()
        finally:
            cr1.close()
            cr2.close()

        # Odoo's RPC layer retries on a fresh snapshot: now A counts and B is refused by the limit
        with self.registry.cursor() as cr3:
            env3 = api.Environment(cr3, SUPERUSER_ID, {})
            order_b = env3["sale.order"].browse(order_b_id)
            with self.assertRaisesRegex(UserError, "Credit limit exceeded"):
                order_b.action_confirm()
            cr3.rollback()
            self.assertEqual(order_b.state, "draft")
            self.assertEqual(env3["sale.order"].browse(order_a_id).state, "sale")
