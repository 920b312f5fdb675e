"""Test base of dealer_service_inspection: a checklist of three weighted items, two active dealers."""
from datetime import date

from odoo import Command

from odoo.addons.dealer_management.tests.common import DealerTestCommon

Q1 = (date(2025, 1, 1), date(2025, 3, 31))


class InspectionCommon(DealerTestCommon):
    """A checklist of three items: pre-sale (weight 10), purchase (30), after-sales (60)."""

    run_as_superuser = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Inspection = cls.env["dealer.service.inspection"]
        cls.template = cls.env["dealer.service.inspection.template"].create({
            "name": "Test checklist", "sequence": 0,
            "item_ids": [
                Command.create({"sequence": 1, "name": "Showroom", "category": "presale", "weight": 10}),
                Command.create({"sequence": 2, "name": "Handover", "category": "purchase", "weight": 30}),
                Command.create({"sequence": 3, "name": "Repair time", "category": "aftersales", "weight": 60}),
            ],
        })
        cls.dealer_1 = cls._create_dealer("Service Dealer 1", state="active", grade=cls.grade_core)
        cls.dealer_2 = cls._create_dealer("Service Dealer 2", state="active", grade=cls.grade_core)

    @classmethod
    def _inspection(cls, dealer, day, scores, done=True):
        """An inspection of `dealer` on `day` scoring the three items (pre-sale, purchase, after-sales)."""
        inspection = cls.Inspection.create({"dealer_id": dealer.id, "date": day, "template_id": cls.template.id})
        for line, score in zip(inspection.line_ids.sorted("sequence"), scores, strict=True):
            line.score = score
        if done:
            inspection.action_done()
        return inspection
