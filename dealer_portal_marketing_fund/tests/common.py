import re

from odoo import http
from odoo.tests import HttpCase

from odoo.addons.dealer_management.tests.common import CallKwMixin
from odoo.addons.dealer_marketing_fund.tests.common import MarketingFundCommon

FORM = "/my/marketing-applications/new"


class PortalMarketingCase(CallKwMixin, MarketingFundCommon, HttpCase):
    """dealer_marketing_fund's base (A: contract budget 10,000; B: grade budget 3,000) with an owner and a staff
    portal user for A and one for B."""

    run_as_superuser = True  # the set-up acts as the administrator entering data
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = cls._create_portal_user(cls.dealer_a, "mk_portal_a", "Amy of A")
        cls.portal_staff_a = cls._create_portal_user(cls.dealer_a, "mk_staff_a", "Sam of A")
        cls.portal_a.partner_id.with_user(cls.env.ref("base.user_root")).dealer_portal_role = "owner"
        cls.portal_b = cls._create_portal_user(cls.dealer_b, "mk_portal_b", "Ben of B")

    def _applications(self, dealer=None):
        self.env.invalidate_all()
        return self.Application.search([("partner_id", "=", (dealer or self.dealer_a).id)])

    def _token(self, url=FORM, name="form_token"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        match = re.search(rf'name="{name}" value="([^"]+)"', response.text)
        self.assertTrue(match, "the form has a one-time token")
        return match.group(1)

    def _apply(self, url=FORM, files=None, token=None, **values):
        """Post the application form (a fresh one-time token unless ``token`` is given)."""
        data = {
            "csrf_token": http.Request.csrf_token(self), "form_token": token or self._token(url),
            "marketing_type_id": str(self.store_event.id), "date_planned": str(self.today),
            "amount_requested": "2000", "plan": "Test-drive weekend in the showroom", **values,
        }
        return self.url_open(url, data=data, files=files or {})

    def _proof(self, application, files=None, token=None):
        url = f"/my/marketing-applications/{application.id}"
        data = {"csrf_token": http.Request.csrf_token(self), "proof_note": "120 visitors, 8 orders",
                "proof_token": token if token is not None else self._token(url, "proof_token")}
        return self.url_open(f"{url}/proof", data=data, files=files or {})

    def assertPageError(self, response, *texts):
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_form_error", response.text)
        for text in texts:
            self.assertIn(text, response.text)
