"""The marketing fund base with retail sales: an accessory sold by dealer A (and B) on given days."""
from datetime import timedelta

from odoo import Command

from odoo.addons.dealer_marketing_fund.tests.common import MarketingFundCommon


class MarketingSelloutCommon(MarketingFundCommon):
    """Dealer A's activity (a store event, 14-day window) was 20 days ago: its sell-out counts from then to 7 days
    ago, compared with the 14 days before it. The salesman is A's salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_a.sudo().user_id = cls.salesman
        cls.accessory = cls._create_product(
            name="Promo Floor Mat", is_storable=True, lst_price=100.0, taxes_id=[Command.clear()],
        )
        cls.day = cls.today - timedelta(days=20)

    def _sold(self, days, quantity=1.0, dealer=None, confirm=True, price=100.0):
        """A retail sale of the accessory by ``dealer`` (A) ``days`` after the activity (negative: before)."""
        sellout = self.env["dealer.sellout"].create({
            "dealer_id": (dealer or self.dealer_a).id, "product_id": self.accessory.id, "quantity": quantity,
            "price_unit": price, "date": self.day + timedelta(days=days), "customer_name": "Wang Wei",
        })
        if confirm:
            sellout.action_confirm()
        return sellout
