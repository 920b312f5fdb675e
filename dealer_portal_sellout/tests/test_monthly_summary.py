from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from odoo.addons.dealer_sellout.tests.common import SelloutTestCommon


@tagged("post_install", "-at_install")
class TestMonthlySummaryToOwners(SelloutTestCommon):
    """With the portal's contact roles, the monthly sell-out summary goes to the dealer's owners, not to the
    dealer's own address nor to its other staff; a dealer without an owner still gets it at its own address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.this_month = cls.today.replace(day=1)
        Partner = cls.env["res.partner"]
        cls.dealer_a.email = "dealer-a@example.com"
        cls.dealer_b.email = "dealer-b@example.com"
        cls.owner = Partner.create({"name": "店主甲", "parent_id": cls.dealer_a.id, "email": "owner-a@example.com",
                                    "dealer_portal_role": "owner"})
        cls.staff = Partner.create({"name": "店员甲", "parent_id": cls.dealer_a.id, "email": "staff-a@example.com",
                                    "dealer_portal_role": "staff"})
        for dealer, vin in ((cls.dealer_a, "VIN-S-A"), (cls.dealer_b, "VIN-S-B")):
            cls._deliver(dealer, cls._stock_serials([vin]))
            cls.Sellout.create({
                "dealer_id": dealer.id, "product_id": cls.vehicle.id, "lot_name": vin, "quantity": 1,
                "price_unit": 120000.0, "date": cls.today,
            }).action_confirm()

    def test_summary_goes_to_owner_and_to_dealer_without_owner(self):
        mails = self.env["dealer.sellout.analysis"]._cron_send_monthly_summary(
            day=self.this_month + relativedelta(months=1))
        to_a = mails.filtered(lambda m: self.owner in m.recipient_ids)
        self.assertEqual(len(to_a), 1)
        self.assertEqual(to_a.recipient_ids, self.owner, "neither the dealer's address nor its staff")
        to_b = mails.filtered(lambda m: self.dealer_b in m.recipient_ids)
        self.assertEqual(len(to_b), 1, "no owner: the dealer's own address")
        self.assertEqual(len(mails), 2)
