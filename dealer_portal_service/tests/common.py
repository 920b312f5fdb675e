import re

from odoo import http
from odoo.tests import HttpCase

from odoo.addons.dealer_management.tests.common import NO_CHECKS
from odoo.addons.dealer_service.tests.common import ServiceTestCommon

FORM = "/my/warranty_claims/new"


class PortalServiceCase(ServiceTestCommon, HttpCase):
    """dealer_service's base (VIN-W-001 sold out by dealer A on 2025-03-10 with a 24-month warranty, VIN-W-002 by
    sub-dealer A1, VIN-W-003 unsold) with a portal user for A, A1 and B, and a submitted claim of A1."""

    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.grade_core | cls.grade_regular).write(NO_CHECKS)
        cls._create_portal_user(cls.dealer_a, "sv_portal_a", "Amy of A")
        cls._create_portal_user(cls.dealer_b, "sv_portal_b", "Ben of B")
        cls._create_portal_user(cls.sub_dealer_a1, "sv_portal_a1", "Ann of A1")
        cls.claim_a1 = cls._claim(lot=cls.lot_sub, dealer=cls.sub_dealer_a1)
        cls.claim_a1.internal_notes = "<p>INTERNAL-ONLY-NOTE</p>"
        cls.claim_a1.action_dealer_claim_submit()

    def _claims(self, dealer=None):
        self.env.invalidate_all()
        return self.env["repair.order"].search([("dealer_id", "=", (dealer or self.dealer_a).id)])

    def _token(self):
        response = self.url_open(FORM)
        self.assertEqual(response.status_code, 200)
        match = re.search(r'name="form_token" value="([^"]+)"', response.text)
        self.assertTrue(match, "the form has a one-time token")
        return match.group(1)

    def _file_claim(self, files=None, token=None, **values):
        """Post the claim form of dealer A on VIN-W-001 (a fresh one-time token unless ``token`` is given)."""
        data = {
            "csrf_token": http.Request.csrf_token(self), "form_token": token or self._token(),
            "lot_id": str(self.lot_sold.id), "repair_date": "2026-11-02", "labour": "400",
            "description": "Brake pads worn at 20,000 km; replaced both front pads.", **values,
        }
        return self.url_open(FORM, data=data, files=files or {})

    def assertPageError(self, response, *texts):
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_form_error", response.text)
        for text in texts:
            self.assertIn(text, response.text)
