"""Attacks on the answers to targets (issue 15): another dealer's contract, staff, past periods, RPC calls."""
from odoo.tests import tagged

from .common_targets import DealerTargetsCase


@tagged("post_install", "-at_install")
class TestSecurityPortalTargets(DealerTargetsCase):

    def _assert_nothing_written(self):
        self.assertFalse(self._answers(self.targets_c | self.targets_a | self.targets_b))
        for contract in (self.contract_a, self.contract_b, self.contract_c):
            self.assertFalse(self._activities(contract))

    def test_owner_acknowledges_another_dealers_year(self):
        self._login(self.owner_a)
        year = self.open_c[0].date_start.year
        response = self._post(self._year_url(self.contract_c, year), {})
        self.assertEqual(response.status_code, 404)
        self._assert_nothing_written()

    def test_staff_acknowledges_its_own_dealers_year(self):
        self._login(self.portal_a)
        response = self._post(self._year_url(self.contract_a, self.targets_a[0].date_start.year), {})
        self.assertEqual(response.status_code, 404)
        self._assert_nothing_written()

    def test_year_of_a_contract_no_longer_active(self):
        """An expired contract's targets take no answer: the route does not find it."""
        self.contract_c._dealer_trusted().write({"state": "expired"})
        self._login(self.owner_c)
        response = self._post(self._year_url(self.contract_c, self.open_c[0].date_start.year), {})
        self.assertEqual(response.status_code, 404)
        self._assert_nothing_written()

    def test_year_acknowledgement_without_csrf_token(self):
        self._login(self.owner_c)
        response = self.url_open(self._year_url(self.contract_c, self.open_c[0].date_start.year),
                                 data={"decision": "acknowledged"})
        self.assertEqual(response.status_code, 400)
        self._assert_nothing_written()

    def test_past_period_answered_with_a_forged_post(self):
        """The answer form is not on the page for a past period; a forged post is refused with a message."""
        self._login(self.owner_c)
        response = self._post(f"/my/targets/{self.past_c[1].id}/answer",
                              {"decision": "counter", "proposed_amount": "1", "comment": "forged"})
        self.assertIn("it is closed and can no longer be acknowledged or answered", response.text)
        self._assert_nothing_written()

    def test_answer_methods_over_rpc(self):
        """The methods behind the routes are private: no RPC client calls them, whatever their arguments."""
        self._login(self.owner_c)
        year = self.open_c[0].date_start.year
        calls = [
            ("dealer.target.acknowledgement", "_dealer_portal_acknowledge_year", [self.contract_c.id, year]),
            ("dealer.target.acknowledgement", "_dealer_portal_answer", [self.past_c[0].id, "acknowledged", ""]),
            ("dealer.target.acknowledgement", "_dealer_create_answers", [self.past_c.ids, "acknowledged"]),
            ("dealer.target.acknowledgement", "_dealer_schedule_todo", [self.contract_c.id, "x", "y"]),
            ("dealer.contract.target", "_dealer_awaiting_answer", [self.targets_c.ids, "2000-01-01"]),
            ("dealer.contract.target", "_dealer_year_groups", [self.targets_c.ids, "2000-01-01"]),
        ]
        for model, method, args in calls:
            with self.subTest(method=method):
                result, error = self._call_kw(model, method, args)
                self.assertIsNone(result)
                self.assertRpcRefused(error, "AccessError", "Private methods")
        self._assert_nothing_written()
