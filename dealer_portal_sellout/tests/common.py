from odoo import Command, http
from odoo.tests import HttpCase

from odoo.addons.dealer_management.tests.common import NO_CHECKS
from odoo.addons.dealer_portal.tests.common import form_token
from odoo.addons.dealer_queue.tests.upload_cases import UploadQueueCases
from odoo.addons.dealer_sellout.tests.common import SelloutTestCommon


class PortalSelloutCase(SelloutTestCommon, HttpCase):
    """Dealer A (distributor of sub-dealer A1) and dealer B with a portal user each; the vehicle's serials
    VIN-P-001..003 delivered to A, VIN-P-101 to B; floor mats bought by A and B; one draft sale of each dealer."""

    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the order checks are tested in dealer_management: the orders here need no contract
        (cls.grade_core | cls.grade_regular).write(NO_CHECKS)
        cls.vehicle.default_code = "VX1"
        cls.accessory.default_code = "MAT-01"
        cls.portal_a = cls._create_portal_user(cls.dealer_a, "so_portal_a", "Amy of A")
        cls.portal_b = cls._create_portal_user(cls.dealer_b, "so_portal_b", "Ben of B")
        cls.portal_a1 = cls._create_portal_user(cls.sub_dealer_a1, "so_portal_a1", "Ann of A1")
        cls.lots_a = cls._stock_serials(["VIN-P-001", "VIN-P-002", "VIN-P-003"])
        cls.lot_b = cls._stock_serials(["VIN-P-101"])
        cls._deliver(cls.dealer_a, cls.lots_a)
        cls._deliver(cls.dealer_b, cls.lot_b)
        orders = cls.env["sale.order"].create([{
            "partner_id": dealer.id,
            "order_line": [Command.create({"product_id": cls.accessory.id, "product_uom_qty": 10})],
        } for dealer in (cls.dealer_a, cls.dealer_b)])
        orders.action_confirm()
        cls.sale_a = cls._sellout(cls.dealer_a, product=cls.accessory, price_unit=150.0, customer_name="ALPHA-BUYER")
        cls.sale_b = cls._sellout(cls.dealer_b, product=cls.accessory, price_unit=150.0, customer_name="BETA-SECRET")
        cls.sale_a1 = cls._sellout(cls.sub_dealer_a1, product=cls.accessory, price_unit=150.0,
                                   customer_name="SUB-DEALER-BUYER")

    @classmethod
    def _sellout(cls, dealer=None, product=None, lot_name=None, **vals):
        # the base helper is an instance method; the fixtures here are built once per class
        return SelloutTestCommon._sellout(cls, dealer=dealer, product=product, lot_name=lot_name, **vals)

    # ------------------------------------------------------------------ helpers
    def _count(self, model="dealer.sellout"):
        self.env.invalidate_all()
        return self.env[model].sudo().search_count([])

    def _token(self, url, name):
        """The one-time token of the form on the page at ``url``."""
        return form_token(self, url, name)

    def _post(self, url, data, files=None, token_name=None, token=None):
        data = {"csrf_token": http.Request.csrf_token(self), **data}
        if token_name:
            data[token_name] = token
        return self.url_open(url, data=data, files=files)

    def assertPageError(self, response, *texts):
        """The page came back (never a 500) with the form error(s)."""
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_form_error", response.text)
        for text in texts:
            self.assertIn(text, response.text)

    def _rpc(self, model, method, args, kwargs=None, context=None):
        """/web/dataset/call_kw as the logged-in user; JsonRpcException (named after the error) when refused."""
        return self.make_jsonrpc_request("/web/dataset/call_kw", {
            "model": model, "method": method, "args": args,
            "kwargs": {**(kwargs or {}), "context": {"lang": "en_US", **(context or {})}},
        })


class PortalSelloutQueueCases(UploadQueueCases):
    """With ``PortalSelloutCase``: a file of dealer A's user Amy above the threshold of lines (2), recorded in the
    background (the scenarios of dealer_queue/tests/upload_cases.py; a mixin, not a TestCase, so that the test
    modules importing it do not run it on its own); another dealer (Ben of B) and A's sub-dealer (Ann of A1) see
    none of it."""

    def _upload(self, content, token=None):
        return self._post(self.upload_url, {}, files={"file": ("upload.csv", content.encode())},
                          token_name="upload_token", token=token or self._upload_token())

    def _upload_token(self):
        return self._token(self.form_url, "upload_token")

    def _other_users(self):
        return self.portal_b | self.portal_a1
