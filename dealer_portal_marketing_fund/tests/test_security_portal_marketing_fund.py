from odoo import http
from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common import JPEG

from .common import PortalMarketingCase


@tagged("post_install", "-at_install")
class TestSecurityPortalMarketingFund(PortalMarketingCase):
    """Attacks of a portal user: another dealer's application, RPC creates and approvals, forged states."""

    def _count(self):
        self.env.invalidate_all()
        return self.Application.search_count([])

    def test_proof_for_another_dealers_application_refused(self):
        application_b = self._approved(1000.0, dealer=self.dealer_b)
        own = self._approved(1000.0)
        self.authenticate("mk_portal_a", "mk_portal_a")
        # a valid one-time token of the user's own proof form, posted to B's application
        token = self._token(f"/my/marketing-applications/{own.id}", "proof_token")
        data = {"csrf_token": http.Request.csrf_token(self), "proof_note": "Planted", "proof_token": token}
        response = self.url_open(f"/my/marketing-applications/{application_b.id}/proof", data=data,
                                 files={"attachments": ("planted.jpg", JPEG)})
        self.assertTrue(response.url.endswith("/my/marketing-applications"))
        application_b.invalidate_recordset()
        self.assertEqual((application_b.state, application_b.proof_note, application_b.proof_attachment_ids.ids),
                         ("approved", False, []))

    def test_other_dealers_application_page_refused(self):
        application_b = self._application(1000.0, dealer=self.dealer_b)
        self.authenticate("mk_portal_a", "mk_portal_a")
        response = self.url_open(f"/my/marketing-applications/{application_b.id}")
        self.assertNotIn(application_b.name, response.text)
        self.assertNotIn(application_b.name, self.url_open("/my/marketing-applications").text)

    def test_rpc_create_refused(self):
        self.authenticate("mk_portal_a", "mk_portal_a")
        count = self._count()
        _result, error = self._call_kw("dealer.marketing.application", "create", [{
            "partner_id": self.dealer_a.id, "marketing_type_id": self.store_event.id,
            "date_planned": str(self.today), "amount_requested": 5000.0,
        }], context={"default_state": "approved", "default_amount_approved": 5000.0})
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self._count(), count)

    def test_rpc_approve_refused(self):
        application = self._application(2000.0)
        self.authenticate("mk_portal_a", "mk_portal_a")
        for method, args in (("action_approve", [application.ids]), ("action_approve", [application.ids, 9000.0]),
                             ("action_verify", [application.ids]), ("action_settle", [application.ids])):
            with self.subTest(method=method):
                _result, error = self._call_kw("dealer.marketing.application", method, args)
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        application.invalidate_recordset()
        self.assertEqual((application.state, application.amount_approved), ("submitted", 0.0))

    def test_rpc_edit_approved_amount_refused(self):
        application = self._approved(2000.0)
        self.authenticate("mk_portal_a", "mk_portal_a")
        for vals in ({"amount_approved": 9000.0}, {"amount_requested": 9000.0}, {"state": "verified"}):
            with self.subTest(vals=vals):
                _result, error = self._call_kw("dealer.marketing.application", "write", [application.ids, vals])
                # refused by the protected fields, the plan's lock (approved) or the missing write right
                self.assertIn(error["name"], ("odoo.exceptions.AccessError", "odoo.exceptions.UserError"))
        application.invalidate_recordset()
        self.assertEqual((application.state, application.amount_approved, application.amount_requested),
                         ("approved", 2000.0, 2000.0))

    def test_portal_reads_only_its_own_funds(self):
        fund_b = self._application(500.0, dealer=self.dealer_b).fund_id
        self._application(500.0)
        self.authenticate("mk_portal_a", "mk_portal_a")
        result, _error = self._call_kw("dealer.marketing.fund", "search_read", [[]], {"fields": ["partner_id"]})
        self.assertEqual({row["partner_id"][0] for row in result}, {self.dealer_a.id})
        self.assertNotIn(fund_b.id, [row["id"] for row in result])
