"""Attacks on warranty claims, made as a dealer's portal user would: JSON-RPC calls and form posts."""
from odoo import Command, http
from odoo.tests import JsonRpcException, tagged

from .common import PortalServiceCase

ACCESS_ERROR = r"odoo\.exceptions\.AccessError"


@tagged("post_install", "-at_install")
class TestSecurityPortalService(PortalServiceCase):

    def setUp(self):
        super().setUp()
        self.authenticate("sv_portal_a1", "sv_portal_a1")

    def _rpc(self, model, method, args, kwargs=None, context=None):
        return self.make_jsonrpc_request("/web/dataset/call_kw", {
            "model": model, "method": method, "args": args,
            "kwargs": {**(kwargs or {}), "context": {"lang": "en_US", **(context or {})}},
        })

    def _count(self):
        self.env.invalidate_all()
        return self.env["repair.order"].sudo().search_count([])

    def test_portal_cannot_create_claim_over_rpc(self):
        before = self._count()
        vals = {"dealer_claim": True, "dealer_id": self.sub_dealer_a1.id, "product_id": self.vehicle.id,
                "lot_id": self.lot_sub.id, "dealer_labour_amount": 99999}
        for context in ({}, {"default_dealer_claim_state": "approved"}):
            with self.subTest(context=context), self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
                self._rpc("repair.order", "create", [vals], context=context)
        with self.assertRaises(JsonRpcException):
            self._rpc("repair.order", "_dealer_portal_claim_submit",
                      [self.sub_dealer_a1.id, {"lot_id": self.lot_sub.id}])
        self.assertEqual(self._count(), before)

    def test_portal_cannot_write_or_decide_own_claim_over_rpc(self):
        # the labour of a filed claim is locked by dealer_service before the access rights are even checked
        calls = [
            ("write", [self.claim_a1.ids, {"dealer_labour_amount": 99999}], r"odoo\.exceptions\.UserError"),
            ("write", [self.claim_a1.ids, {"move_ids": [Command.create({
                "product_id": self.part.id, "product_uom_qty": 50, "repair_line_type": "add"})]}], ACCESS_ERROR),
            ("action_dealer_claim_approve", [self.claim_a1.ids], ACCESS_ERROR),
            ("action_dealer_claim_settle", [self.claim_a1.ids], ACCESS_ERROR),
            ("unlink", [self.claim_a1.ids], ACCESS_ERROR),
        ]
        for method, args, error in calls:
            with self.subTest(method=method, args=args), self.assertRaisesRegex(JsonRpcException, error):
                self._rpc("repair.order", method, args)
        self.claim_a1.invalidate_recordset()
        self.assertRecordValues(self.claim_a1, [{
            "dealer_claim_state": "submitted", "dealer_labour_amount": 400.0, "dealer_claim_amount": 1000.0,
        }])

    def test_portal_cannot_reset_rejected_claim_over_rpc(self):
        self.claim_a1.action_dealer_claim_reject("No wear found.")
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self._rpc("repair.order", "action_dealer_claim_draft", [self.claim_a1.ids])
        self.claim_a1.invalidate_recordset()
        self.assertEqual(self.claim_a1.dealer_claim_state, "rejected")

    def test_portal_cannot_read_internal_notes_over_rpc(self):
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self._rpc("repair.order", "read", [self.claim_a1.ids, ["internal_notes"]])
        records = self._rpc("repair.order", "read", [self.claim_a1.ids, ["dealer_claim_state"]])
        self.assertEqual(records[0]["dealer_claim_state"], "submitted")

    def test_portal_reads_own_claims_only_over_rpc(self):
        repair = self.env["repair.order"].create({"product_id": self.vehicle.id, "partner_id": self.sub_dealer_a1.id})
        self.authenticate("sv_portal_a", "sv_portal_a")
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self._rpc("repair.order", "read", [self.claim_a1.ids, ["name"]])
        self.assertFalse(self._rpc("repair.order", "search_read", [[], ["name"]]))
        self.authenticate("sv_portal_a1", "sv_portal_a1")
        ids = [record["id"] for record in self._rpc("repair.order", "search_read", [[], ["name"]])]
        self.assertEqual(ids, self.claim_a1.ids, "a plain repair order of the dealer is not a claim it reads")
        self.assertNotIn(repair.id, ids)

    def test_form_ignores_fields_posted(self):
        """The route sets the dealer, product, state and company itself: posted values are ignored."""
        self.authenticate("sv_portal_a", "sv_portal_a")
        self._file_claim(dealer_id=str(self.dealer_b.id), dealer_claim_state="approved", product_id=str(self.part.id),
                         dealer_claim_approved_amount="99999", internal_notes="PLANTED")
        claim = self._claims()
        self.assertRecordValues(claim, [{
            "dealer_id": self.dealer_a.id, "dealer_claim_state": "submitted", "product_id": self.vehicle.id,
            "dealer_claim_approved_amount": 0.0,
        }])
        self.assertFalse(claim.internal_notes)

    def test_portal_user_of_no_dealer_gets_pages_and_files_nothing(self):
        customer = self.Partner.create({"name": "Plain Customer Ltd", "is_company": True})
        self._create_portal_user(customer, "sv_portal_plain")
        self.authenticate("sv_portal_plain", "sv_portal_plain")
        before = self._count()
        for url in ("/my/warranty_claims", "/my/warranty_claims/new", f"/my/warranty_claims/{self.claim_a1.id}"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("VIN-W-002", response.text)
        response = self.url_open("/my/warranty_claims/new", data={
            "csrf_token": http.Request.csrf_token(self), "lot_id": str(self.lot_sub.id), "description": "x",
        })
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._count(), before)
