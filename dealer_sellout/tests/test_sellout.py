from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestSellout(DealerTestCommon):
    """Retail sales of dealers: creation, numbering, confirmation."""

    run_as_superuser = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_a = cls._create_dealer("Sell-out Dealer A", grade=cls.grade_core)

    def test_create_numbered_draft(self):
        sellout = self.env["dealer.sellout"].create({
            "dealer_id": self.dealer_a.id, "product_id": self.product_free.product_variant_id.id,
            "quantity": 2, "price_unit": 150.0,
        })
        self.assertEqual(sellout.state, "draft")
        self.assertNotEqual(sellout.name, "/")
        self.assertEqual(sellout.amount, 300.0)
