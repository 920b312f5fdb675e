from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..models.dealer_marketing_application import SELLOUT_FIELDS
from .common import MarketingSelloutCommon


@tagged("post_install", "-at_install")
class TestMarketingFundSellout(MarketingSelloutCommon):
    """The sell-out counted for an activity, frozen with the proof; forged figures refused."""

    def _figures(self, application):
        application.invalidate_recordset()
        return application.read(list(SELLOUT_FIELDS))[0]

    def test_window_is_the_activity_type_s(self):
        self.assertEqual(self.store_event.sellout_window_days, 14)
        application = self._proven(day=self.day)
        self.assertRecordValues(application, [{
            "sellout_date_from": self.day, "sellout_date_to": self.day + timedelta(days=13),
            "sellout_before_date_from": self.day - timedelta(days=14),
            "sellout_before_date_to": self.day - timedelta(days=1),
        }])

    def test_figures_count_the_dealer_s_confirmed_sales_in_the_window(self):
        self._sold(0, 2.0)                         # the activity day: counted
        self._sold(13, 1.0, price=250.0)           # the window's last day: counted
        self._sold(14, 5.0)                        # the day after the window: not counted
        self._sold(5, 7.0, confirm=False)          # a draft: not counted
        self._sold(3, 9.0, dealer=self.dealer_b)   # another dealer's sale: not counted
        self._sold(-1, 1.0)                        # the day before: the comparison
        self._sold(-14, 1.0)                       # the comparison's first day
        self._sold(-15, 4.0)                       # before the comparison: not counted
        application = self._proven(day=self.day)
        self.assertRecordValues(application, [{
            "sellout_qty": 3.0, "sellout_amount": 450.0, "sellout_before_qty": 2.0, "sellout_before_amount": 200.0,
            "sellout_amount_change": 125.0,
        }])

    def test_window_ends_at_the_proof(self):
        """Proof 3 days after the activity: 4 days counted, compared with the 4 days before."""
        self.store_event.sellout_window_days = 30
        day = self.today - timedelta(days=3)
        self.day = day
        self._sold(0)
        self._sold(3, 2.0)
        self._sold(-4, 6.0)
        self._sold(-5, 8.0)                        # 5 days before: outside the 4-day comparison
        application = self._proven(day=day)
        self.assertRecordValues(application, [{
            "sellout_date_from": day, "sellout_date_to": self.today, "sellout_qty": 3.0,
            "sellout_before_date_from": day - timedelta(days=4), "sellout_before_qty": 6.0,
        }])

    def test_proof_before_the_activity_counts_nothing(self):
        self._sold(0)
        application = self._proven(day=self.today + timedelta(days=2))
        self.assertRecordValues(application, [{"sellout_date_from": False, "sellout_qty": 0.0,
                                               "sellout_amount_change": 0.0}])

    def test_figures_frozen_after_the_proof(self):
        self._sold(1, 2.0)
        application = self._approved(day=self.day)
        self.assertEqual(application.sellout_qty, 0.0, "nothing is taken before the proof")
        application.proof_attachment_ids = self._file(application)
        application.action_submit_proof()
        self._sold(2, 10.0)                        # recorded after the proof, dated in the window
        application.action_verify()
        application.action_settle()
        self.assertEqual((application.state, application.sellout_qty, application.sellout_amount),
                         ("settled", 2.0, 200.0))
        self.assertEqual(self._figures(application)["sellout_qty"], 2.0)

    def test_salesperson_cannot_forge_the_figures(self):
        self._sold(1, 2.0)
        application = self._proven(day=self.day)
        for vals in ({"sellout_qty": 99.0}, {"sellout_amount": 99999.0}, {"sellout_date_to": str(self.today)}):
            with self.subTest(vals=vals), self.assertRefused(AccessError, "change only through its buttons"):
                application.with_user(self.salesman).write(vals)
        self.assertEqual((self._figures(application)["sellout_qty"], self._figures(application)["sellout_amount"]),
                         (2.0, 200.0))

    def test_salesperson_cannot_create_with_forged_figures(self):
        count = self.Application.search_count([])
        Application = self.Application.with_user(self.salesman)
        values = {"partner_id": self.dealer_a.id, "marketing_type_id": self.store_event.id,
                  "date_planned": str(self.day), "amount_requested": 500.0}
        with self.assertRefused(AccessError, "change only through its buttons"):
            Application.create({**values, "sellout_amount": 50000.0})
        with self.assertRefused(AccessError, "change only through its buttons"):
            Application.with_context(default_sellout_qty=40.0).create(values)
        self.assertEqual(self.Application.search_count([]), count)

    def test_window_of_at_least_one_day(self):
        with self.assertRefused(ValidationError, "at least one day"):
            self.store_event.sellout_window_days = 0
        self.assertEqual(self.store_event.sellout_window_days, 14)
