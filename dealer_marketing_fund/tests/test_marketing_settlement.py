from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dealer_queue.tests.common import trap_jobs

from .common import MarketingFundCommon


@tagged("post_install", "-at_install")
class TestMarketingSettlement(MarketingFundCommon):
    """Settlement through accounting: once, with proof, by credit note or vendor bill, in the background above the
    company's threshold; kept out of net sales."""

    def _moves(self):
        return self.env["account.move"].search([("partner_id", "=", self.dealer_a.id)])

    def test_credit_note_on_the_marketing_product_kept_out_of_net_sales(self):
        self.init_invoice("out_invoice", partner=self.dealer_a, amounts=[5000.0], post=True)
        Target = self.env["dealer.contract.target"]

        def net_sales():
            return sum(Target._net_invoiced_by_day(self.dealer_a, self.today, self.today, self.env.company).values())
        before = net_sales()
        application = self._verified(2000.0, verified=1500.0)
        application.with_user(self.dealer_manager).action_settle()
        move = application.move_id
        self.assertEqual((application.state, move.move_type, move.state), ("settled", "out_refund", "posted"))
        self.assertEqual(move.invoice_line_ids.product_id,
                         self.env.ref("dealer_marketing_fund.product_dealer_marketing_support"))
        self.assertEqual(move.amount_total, 1500.0)
        self.assertEqual(net_sales(), before)

    def test_vendor_bill_when_the_company_pays_out(self):
        self.env.company.dealer_marketing_settlement = "vendor_bill"
        application = self._verified(2000.0)
        application.action_settle()
        self.assertEqual((application.move_id.move_type, application.move_id.amount_total), ("in_invoice", 2000.0))

    def test_settling_twice_refused(self):
        application = self._verified(2000.0)
        application.action_settle()
        moves = self._moves()
        with self.assertRefused(UserError, "cannot be settled: it is Settled"):
            application.action_settle()
        self.assertEqual(self._moves(), moves)

    def test_settlement_without_proof_refused(self):
        application = self._approved(2000.0)
        with self.assertRefused(UserError, "cannot be settled: it is Approved"):
            application.action_settle()
        self.assertEqual((application.state, self._moves().ids), ("approved", []))

    def test_salesperson_cannot_settle(self):
        application = self._verified(2000.0)
        with self.assertRefused(AccessError, "Only a Dealer Manager may settle"):
            application.with_user(self.salesman).action_settle()
        self.assertEqual((application.state, self._moves().ids), ("verified", []))

    def test_large_batch_settles_as_one_job(self):
        self.env.company.dealer_queue_document_threshold = 2
        applications = self._verified(1000.0) | self._verified(1000.0) | self._verified(1000.0)
        with trap_jobs() as trap:
            applications.with_user(self.dealer_manager).action_settle()
            trap.assert_jobs_count(1, only=applications._dealer_job_settle)
            self.assertEqual(set(applications.mapped("dealer_job_state")), {"queued"})
            self.assertFalse(self._moves())
            trap.perform_enqueued_jobs()
        self.assertEqual(set(applications.mapped("state")), {"settled"})
        self.assertEqual(len(applications.move_id), 3)

    def test_batch_with_one_unsettleable_refused_at_once(self):
        self.env.company.dealer_queue_document_threshold = 1
        applications = self._verified(1000.0) | self._approved(1000.0)
        with trap_jobs() as trap, self.assertRefused(UserError, "cannot be settled: it is Approved"):
            applications.action_settle()
        trap.assert_jobs_count(0)
        self.assertFalse(self._moves())
