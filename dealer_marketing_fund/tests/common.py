"""The shared base of the marketing fund tests: a dealer with a contract budget, one with a grade budget."""
from datetime import timedelta

from odoo.addons.dealer_management.tests.common import DealerTestCommon

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


class MarketingFundCommon(DealerTestCommon):
    """Dealer A: a contract with a Marketing Support Budget of 10,000. Dealer B: no contract budget, its grade
    grants 3,000 a year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Application = cls.env["dealer.marketing.application"]
        cls.Fund = cls.env["dealer.marketing.fund"]
        cls.store_event = cls.env.ref("dealer_marketing_fund.activity_type_store_event")
        cls.grade_core.marketing_fund_budget = 3000.0
        cls.dealer_a = cls._create_dealer("Marketing Dealer A", state="active", grade=cls.grade_regular)
        cls.contract_a = cls._create_contract(cls.dealer_a, promo_budget=10000.0)
        cls.dealer_b = cls._create_dealer("Marketing Dealer B", state="active", grade=cls.grade_core)

    def _application(self, amount=1000.0, dealer=None, submit=True, day=None, **vals):
        """An application of ``dealer`` (A by default) for ``amount``, submitted unless told otherwise."""
        application = self.Application.create({
            "partner_id": (dealer or self.dealer_a).id, "marketing_type_id": self.store_event.id,
            "date_planned": day or self.today + timedelta(days=10), "amount_requested": amount,
            "plan": "Weekend test drive in the store", **vals,
        })
        if submit:
            application.action_submit()
        return application

    def _file(self, application, name="photo.png"):
        return self.env["ir.attachment"].create({
            "name": name, "raw": PNG, "res_model": application._name, "res_id": application.id,
        })

    def _approved(self, amount=1000.0, dealer=None, **vals):
        application = self._application(dealer=dealer, amount=amount, **vals)
        application.action_approve()
        return application

    def _proven(self, amount=1000.0, **vals):
        application = self._approved(amount, **vals)
        application.proof_attachment_ids = self._file(application)
        application.action_submit_proof()
        return application

    def _verified(self, amount=1000.0, verified=None, **vals):
        application = self._proven(amount, **vals)
        application.action_verify(verified)
        return application
