"""The job status of a document and the job methods cannot be reached over RPC (JSON-RPC /web/dataset/call_kw)."""
from datetime import date

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.tests.common import CallKwMixin, DealerTestCommon


@tagged("post_install", "-at_install")
class TestQueueOverRpc(CallKwMixin, DealerTestCommon, HttpCase):
    run_as_superuser = True  # the set-up acts as the administrator entering data (HttpCase's own user)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        dealer = cls._create_dealer("RPC Queue Dealer", state="active")
        cls.contract = cls._create_contract(dealer, date(2025, 1, 1), date(2025, 12, 31))
        cls.rebate = cls.env["dealer.rebate"].create({
            "contract_id": cls.contract.id, "date_from": date(2025, 1, 1), "date_to": date(2025, 3, 31),
        })
        cls.rebates_before = cls.env["dealer.rebate"].search_count([])

    def test_manager_cannot_write_or_default_the_job_status(self):
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        _result, error = self._call_kw("dealer.rebate", "write", [self.rebate.ids, {"dealer_job_state": "done"}])
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertIn("set by the job itself", error["message"])
        _result, error = self._call_kw("dealer.rebate", "create", [{
            "contract_id": self.contract.id, "date_from": "2025-04-01", "date_to": "2025-06-30",
        }], context={"default_dealer_job_state": "queued", "default_dealer_job_message": "forged"})
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.rebate.invalidate_recordset()
        self.assertFalse(self.rebate.dealer_job_state)
        self.assertEqual(self.env["dealer.rebate"].search_count([]), self.rebates_before)

    def test_job_methods_are_private(self):
        """The job methods (which trust that the work was checked when queued) cannot be called over RPC."""
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        for method in ("_dealer_job_settle", "_dealer_job_queued", "_dealer_job_failed", "_dealer_job_write"):
            with self.subTest(method=method):
                _result, error = self._call_kw("dealer.rebate", method, [self.rebate.ids])
                self.assertTrue(error)
        self.rebate.invalidate_recordset()
        self.assertEqual((self.rebate.state, self.rebate.dealer_job_state), ("draft", False))

    def test_import_run_status_and_wizard_state_not_forged_over_rpc(self):
        """A Dealer Manager cannot mark an import run loaded, start a wizard as queued (values or default_*) nor
        call the import job: nothing written, nothing queued."""
        run = self.env["dealer.import.run"].create({"name": "network.xlsx", "row_count": 20})
        jobs_before = self.env["queue.job"].sudo().search_count([])
        self.authenticate(self.dealer_manager.login, self.dealer_manager.login)
        for method, args, context in (
            ("write", [run.ids, {"dealer_job_state": "done", "dealer_job_message": "forged"}], {}),
            ("create", [{"name": "forged.xlsx", "dealer_job_state": "done"}], {}),
            ("_dealer_job_import", [run.ids], {}),
        ):
            with self.subTest(method=method):
                _result, error = self._call_kw("dealer.import.run", method, args, context=context)
                self.assertTrue(error)
        wizard_id, error = self._call_kw("dealer.import.wizard", "create", [{"state": "queued", "filename": "x.csv"}],
                                         context={"default_state": "queued"})
        self.assertFalse(error)
        self.assertEqual(self.env["dealer.import.wizard"].browse(wizard_id).state, "draft")
        _result, error = self._call_kw("dealer.import.wizard", "write", [[wizard_id], {"state": "queued"}])
        self.assertIn("written by the import only", error["message"])
        self.env.invalidate_all()
        self.assertEqual(self.env["dealer.import.run"].search([]), run)
        self.assertFalse(run.dealer_job_state)
        self.assertEqual(self.env["queue.job"].sudo().search_count([]), jobs_before)
