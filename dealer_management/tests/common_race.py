"""Two transactions at the same moment: the shared base of the race tests (two real cursors, no mock)."""
import sys
import threading
import time
import traceback
from contextlib import contextmanager

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE, _as_validation_error
from odoo.tests import BaseCase, get_db_name
from odoo.tools import SQL, mute_logger


class DealerRaceCase(BaseCase):
    """Both transactions must see the data they race on: it is committed by ``_create_race_data`` and removed
    again by ``_remove_race_data`` (both in their own transaction) when the class ends.

    ``_race(first, second)`` runs ``first(env)`` in a transaction left open, then ``second(env)`` in another
    one whose snapshot was taken before ``first`` wrote anything, the way two requests of two users (or one
    double click) meet. ``second`` runs as Odoo's RPC layer runs a request (see ``_run_as_request``): a
    serialization failure is retried on a fresh snapshot, a violated unique index becomes a ValidationError,
    success commits.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.race_ids = {}
        cls.addClassCleanup(cls._remove_committed_data)
        with cls._committed_env() as env:
            cls.race_ids = cls._create_race_data(env)

    @classmethod
    @contextmanager
    def _committed_env(cls, uid=SUPERUSER_ID):
        """A superuser environment in a new transaction, committed at the end of the block."""
        with cls.registry.cursor() as cr:
            yield api.Environment(cr, uid, {})

    @classmethod
    def _create_race_data(cls, env):
        """Create the data both transactions need; return {name: id or ids} (committed)."""
        return {}

    @classmethod
    def _remove_race_data(cls, env, ids):
        """Remove the data ``_create_race_data`` made, and whatever the races wrote."""

    @classmethod
    def _remove_committed_data(cls):
        if cls.race_ids:
            with cls._committed_env() as env:
                cls._remove_race_data(env, cls.race_ids)

    @staticmethod
    def _race_grade(env, code, **vals):
        """A grade whose order checks are all off (``vals`` switch some on)."""
        return env["dealer.grade"].create({
            "name": f"Race grade {code}", "code": code, "check_contract": False, "check_floor_price": False,
            "check_credit": False, "check_territory": False, **vals,
        })

    @staticmethod
    def _race_dealers(env, names, **vals):
        """Active company dealers, one per name, made active through their lifecycle actions."""
        dealers = env["res.partner"].create([
            {"name": name, "is_company": True, "is_dealer": True, **vals} for name in names
        ])
        dealers.action_dealer_make_applicant()
        dealers.action_dealer_activate()
        return dealers

    @staticmethod
    def _unlink_committed(records, state=None):
        """Delete race records whatever they became, first putting them back in ``state`` (a deletable one)."""
        records = records.exists()
        if state and records:
            records.env.cr.execute(SQL(
                "UPDATE %s SET state = %s WHERE id IN %s", SQL.identifier(records._table), state, tuple(records.ids),
            ))
            records.invalidate_recordset(["state"])
        records.unlink()

    def _wait_until_blocked(self, backend_pid, thread, timeout=20.0):
        """Poll pg_stat_activity until the backend waits on a lock (or the thread has ended)."""
        with self.registry.cursor() as monitor:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and thread.is_alive():
                monitor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [backend_pid])
                row = monitor.fetchone()
                monitor.rollback()  # drop the cached statistics snapshot
                if row and row[0] == "Lock":
                    return True
                time.sleep(0.05)
        return False

    def _race(self, first, second, uid=SUPERUSER_ID):
        """Run ``first`` then ``second`` as two transactions at the same moment; return the second's outcome:
        ``{"result": ...}`` or ``{"error": exception}``, whether it waited for the first (``"waited"``) and
        whether it was aborted by a serialization failure and run again (``"retried"``)."""
        outcome = {"retried": False}
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        try:
            env1, env2 = api.Environment(cr1, uid, {}), api.Environment(cr2, uid, {})
            for cr in (cr1, cr2):  # both take their snapshot before either writes
                cr.execute("SELECT 1")
            first(env1)
            env1.flush_all()
            # the refused statement is logged by the cursor: it is the expected end of the second transaction
            with mute_logger("odoo.sql_db"):
                thread = threading.Thread(target=self._run_as_request, args=(second, env2, outcome))
                thread.start()
                outcome["waited"] = self._wait_until_blocked(cr2._cnx.get_backend_pid(), thread)
                cr1.commit()
                thread.join(timeout=60)
            if thread.is_alive():
                stack = "".join(traceback.format_stack(sys._current_frames()[thread.ident]))
                self.fail(f"The second transaction never ended:\n{stack}")
        finally:
            cr1.close()
            cr2.close()
        return outcome

    @staticmethod
    def _run_as_request(function, env, outcome):
        """Run ``function(env)`` and commit, as Odoo's RPC layer runs a request (``odoo.service.model.retrying``):
        after a serialization failure it runs it again on a fresh snapshot, a unique violation it reports as a
        ValidationError. (``retrying`` itself cannot run in a test's thread: it reloads the registry, whose lock
        the test runner holds.)"""
        for _attempt in range(MAX_TRIES_ON_CONCURRENCY_FAILURE):
            try:
                outcome["result"] = function(env)
                env.flush_all()
                env.cr.commit()
                return
            except psycopg2.errors.SerializationFailure:
                env.cr.rollback()
                outcome["retried"] = True
            except psycopg2.IntegrityError as error:
                env.cr.rollback()
                outcome["error"] = _as_validation_error(env, error)
                return
            except Exception as error:  # noqa: BLE001 reported to the main thread
                env.cr.rollback()
                outcome["error"] = error
                return

    def _race_calls(self, model, first_id, second_id, method, *args):
        """``_race`` of ``method(*args)`` called on two records of ``model``, the first one's first."""
        def call(record_id):
            return lambda env: getattr(env[model].browse(record_id), method)(*args)
        return self._race(call(first_id), call(second_id))

    def assertRaceRefused(self, outcome, exception, regex):
        """The second transaction waited for the first, then was refused with ``exception`` matching ``regex``."""
        self.assertNotIn("result", outcome, "The second transaction went through: the rule was not kept.")
        self.assertTrue(outcome["waited"], "The second transaction did not wait for the first.")
        self.assertIsInstance(outcome["error"], exception)
        self.assertRegex(str(outcome["error"]), regex)

    def _count(self, model, domain):
        """How many records match, read in a new transaction (what is committed)."""
        with self._committed_env() as env:
            return env[model].with_context(active_test=False).search_count(domain)
