"""/my/targets shows the unit achievement (台/件) of a target in units."""
from odoo.tests import tagged

from .common_targets import DealerTargetsCase


@tagged("post_install", "-at_install")
class TestPortalUnitTargets(DealerTargetsCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # this month's target also counts units (agreed with the contract): 1 unit invoiced today of 4
        cls.unit_target = cls.open_c.filtered(lambda t: t.date_start <= cls.today <= t.date_end)
        cls.unit_target._dealer_trusted().write({"quantity": 4.0})

    def test_unit_achievement_on_the_targets_page(self):
        self.assertEqual((self.unit_target.achieved_quantity, self.unit_target.quantity_percent), (1.0, 25.0))
        self._login(self.owner_c)
        response = self.url_open("/my/targets")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text.count("o_dealer_target_units"), 1)
        self.assertRegex(response.text, r'o_dealer_target_units"><span[^>]*>1</span> / <span[^>]*>4</span> '
                                         r'<span>units</span> · <span[^>]*>25\.0</span>%')
