"""Test base of dealer_visit: two active dealers of Hangzhou, A (core, on the map) and B (regular, no position)."""
from datetime import timedelta

from odoo import fields

from odoo.addons.dealer_management.tests.common import DealerTestCommon

# the dealer A's shop (杭州 西湖区) and two check-in positions: 150 m from it, and 30 km away
SHOP = (30.2741, 120.1551)
NEAR = (30.2754, 120.1558)
FAR = (30.5, 120.3)


class VisitTestCommon(DealerTestCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grade_core.write({"visit_interval": 1, "visit_interval_unit": "months"})
        cls.grade_regular.write({"visit_interval": 3, "visit_interval_unit": "months"})
        cls.dealer_a = cls._create_dealer(
            "Visit Dealer A", state="active", grade=cls.grade_core, user_id=cls.salesman.id,
            partner_latitude=SHOP[0], partner_longitude=SHOP[1], city="杭州市", street="文三路 100 号",
        )
        cls.dealer_b = cls._create_dealer("Visit Dealer B", state="active", grade=cls.grade_regular,
                                          user_id=cls.salesman.id)
        cls.Visit = cls.env["dealer.visit"]
        cls.Finding = cls.env["dealer.visit.finding"]
        cls.checklist = cls.env.ref("dealer_visit.visit_checklist_default")
        cls.env.company.dealer_visit_max_distance = 1.0

    @classmethod
    def _visit(cls, dealer=None, user=None, when=None, **vals):
        """A planned visit of ``dealer`` (A) by the salesman, as he plans it (tomorrow by default)."""
        Visit = cls.Visit.with_user(user or cls.salesman)
        return Visit.create({
            "dealer_id": (dealer or cls.dealer_a).id, "user_id": (user or cls.salesman).id,
            "date_planned": when or fields.Datetime.now() + timedelta(days=1), **vals,
        })

    @classmethod
    def _done_visit(cls, dealer=None, finding=True, position=NEAR):
        """A visit checked in at ``position``, every point answered yes, one finding (named ``finding`` when it is
        a text), checked out."""
        visit = cls._visit(dealer)
        visit.action_check_in(*position)
        visit.line_ids.write({"answer": "yes"})
        if finding:
            cls.Finding.with_user(cls.salesman).create({
                "visit_id": visit.id, "name": finding if isinstance(finding, str) else "Price tags missing on the E5",
                "action": "Put the price tags up",
                "deadline": cls.today + timedelta(days=14),
            })
        visit.action_check_out(*position)
        return visit
