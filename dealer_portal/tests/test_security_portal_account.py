"""Portal's /my/account: a portal user that is the dealer company itself does not rename it or change its
统一社会信用代码 (VAT), whether or not invoices exist yet; a contact of the dealer edits its own details as Odoo
lets it.
"""
from odoo import http
from odoo.tests import new_test_user, tagged

from .common import DealerPortalCase
from .common_forms import make_credit_code


@tagged("post_install", "-at_install")
class TestMyAccountOfADealer(DealerPortalCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.credit_code = make_credit_code("91330100MA27ACC01")
        # a new dealer: no order or invoice yet, which would lock its name and VAT in Odoo already
        cls.dealer_n = cls._create_dealer("Dealer Nova", state="active", grade=cls.grade_plain)
        # portal access given to the company itself (Odoo's portal wizard allows it), not to one of its contacts
        cls.company_user = new_test_user(cls.env, "pr_company_n", groups="base.group_portal",
                                         partner_id=cls.dealer_n.id)
        cls.dealer_n.sudo().write({  # the user's creation named the partner after the login
            "name": "Dealer Nova", "vat": cls.credit_code, "phone": "0571-0000", "email": "nova@example.com",
            "street": "1 Lake Road", "city": "杭州市",
        })

    def _post_account(self, partner, **changes):
        values = {
            "name": partner.name, "email": partner.email or "someone@example.com", "phone": partner.phone or "1",
            "street": partner.street or "Street", "city": partner.city or "City", "country_id": partner.country_id.id,
            "vat": partner.vat or "", **changes,
        }
        return self.url_open("/my/account", data={"csrf_token": http.Request.csrf_token(self), **values},
                             allow_redirects=False)

    def _identity(self, partner):
        self.env.invalidate_all()
        return partner.sudo().read(["name", "vat", "phone", "write_date"])[0]

    def test_dealer_company_cannot_rename_itself(self):
        self.authenticate("pr_company_n", "pr_company_n")
        before = self._identity(self.dealer_n)
        response = self._post_account(self.dealer_n, name="Renamed Trading Co")
        self.assertEqual(response.status_code, 200, "the form comes back with the error")
        self.assertIn("Please contact us directly", response.text)
        self.assertEqual(self._identity(self.dealer_n), before)

    def test_dealer_company_cannot_change_its_credit_code(self):
        self.authenticate("pr_company_n", "pr_company_n")
        before = self._identity(self.dealer_n)
        response = self._post_account(self.dealer_n, vat=make_credit_code("91330100MA27ANX02"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please contact us directly", response.text)
        self.assertEqual(self._identity(self.dealer_n), before)

    def test_dealer_company_still_edits_its_contact_details(self):
        self.authenticate("pr_company_n", "pr_company_n")
        response = self._post_account(self.dealer_n, phone="0571-8888")
        self.assertIn(response.status_code, (302, 303))
        self.assertRecordValues(self.dealer_n, [{"phone": "0571-8888", "name": "Dealer Nova",
                                                 "vat": self.credit_code}])

    def test_contact_of_a_dealer_edits_its_own_details_as_in_odoo(self):
        self.authenticate("pr_portal_a", "pr_portal_a")
        contact = self.portal_a.partner_id
        response = self._post_account(contact, phone="138-0000-0000", email="alice@example.com")
        self.assertIn(response.status_code, (302, 303))
        self.assertRecordValues(contact, [{"phone": "138-0000-0000", "email": "alice@example.com"}])
        self.assertEqual(self.dealer_a.name, "Dealer Alpha")
