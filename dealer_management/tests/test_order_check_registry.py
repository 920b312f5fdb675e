"""The dealer order checks are listed in one place, ``sale.order._dealer_checks()``: names, order, switches."""
from odoo.tests import tagged

from .test_order_checks import DealerOrderCheckCommon


@tagged("post_install", "-at_install")
class TestOrderCheckRegistry(DealerOrderCheckCommon):

    def test_checks_keep_their_names_and_order(self):
        """The failures, the violations and the demo name the checks: the names and their order stay."""
        names = [check.name for check in self._order()._dealer_checks()]
        self.assertEqual(names, ["status", "contract", "floor_price", "credit", "territory"])

    def test_every_grade_switch_has_its_check(self):
        """Each Boolean check_* of dealer.grade switches one listed check; each check has its method and label."""
        order = self._order()
        checks = order._dealer_checks()
        Grade = self.env["dealer.grade"]
        switches = {name for name, field in Grade._fields.items()
                    if name.startswith("check_") and field.type == "boolean"}
        self.assertEqual({check.switch for check in checks} - {None}, switches)
        for check in checks:
            self.assertEqual(check.method.__name__, f"_dealer_check_{check.name}")
            self.assertEqual(check.method.__self__, order, "bound to the order it checks")
            self.assertTrue(check.label, check.name)
        self.assertEqual(order._dealer_check_labels(), {check.name: check.label for check in checks})

    def test_grade_switches_pick_the_listed_checks(self):
        self._set_checks(credit=True, territory=True)
        order = self._order()
        self.assertEqual([check.name for check in order._dealer_enabled_checks()], ["status", "credit", "territory"])

    def test_unknown_check_to_skip_is_refused(self):
        """A check name no check has is refused (a typo must not run the check it meant to skip)."""
        order = self._order(price=70.0)  # below the floor price of 80
        self.assertIn("floor_price", order._dealer_collect_failures(lock=False)[order])
        skipped = order._dealer_collect_failures(lock=False, skip=("floor_price",))
        self.assertNotIn("floor_price", skipped.get(order, {}))
        with self.assertRaisesRegex(ValueError, r"Unknown dealer order checks \['floor'\]: the checks are "
                                                r"\['status', 'contract', 'floor_price', 'credit', 'territory'\]"):
            order._dealer_collect_failures(lock=False, skip=("floor",))
        self.env.invalidate_all()
        self.assertEqual((order.state, order.dealer_checks_passed), ("draft", False))
