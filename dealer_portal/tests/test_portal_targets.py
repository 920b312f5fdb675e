"""/my/targets (issue 15): past periods closed to answers, a whole year acknowledged at once, the year to date and
the proposed figure after a counter-proposal."""
import re

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_targets import DealerTargetsCase


@tagged("post_install", "-at_install")
class TestPortalTargets(DealerTargetsCase):

    def _page(self):
        response = self.url_open("/my/targets")
        self.assertEqual(response.status_code, 200)
        return response.text

    # ------------------------------------------------------------------ past periods
    def test_past_periods_have_no_answer_form(self):
        self._login(self.owner_c)
        body = self._page()
        for target in self.past_c:
            self.assertNotIn(f'action="/my/targets/{target.id}/answer"', body)
        for target in self.open_c:
            self.assertIn(f'action="/my/targets/{target.id}/answer"', body)
        self.assertEqual(body.count("o_dealer_period_closed"), len(self.past_c))

    def test_past_period_answer_is_refused_with_a_message(self):
        self._login(self.owner_c)
        for data in ({"decision": "acknowledged"}, {"decision": "counter", "proposed_amount": "500", "comment": "x"}):
            with self.subTest(data=data):
                response = self._post(f"/my/targets/{self.past_c[0].id}/answer", data)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_dealer_form_error", response.text)
                self.assertIn("it is closed and can no longer be acknowledged or answered", response.text)
        self.assertFalse(self._answers(self.targets_c))
        self.assertFalse(self._activities(self.contract_c))

    def test_past_period_answer_is_refused_by_the_model(self):
        Answer = self.env["dealer.target.acknowledgement"].with_user(self.owner_c)
        with self.assertRefused(UserError, "it is closed"):
            Answer._dealer_portal_answer(self.past_c[1], "acknowledged", "")
        self.assertFalse(self._answers(self.targets_c))

    def test_home_counter_leaves_past_periods_out(self):
        self._login(self.owner_c)
        response = self.url_open("/my/counters", data='{"params": {"counters": ["dealer_pending_target_count"]}}',
                                 headers={"Content-Type": "application/json"})
        self.assertEqual(response.json()["result"]["dealer_pending_target_count"], len(self.open_c))

    # ------------------------------------------------------------------ a whole year at once
    def test_one_button_per_contract_year(self):
        self._login(self.owner_c)
        body = self._page()
        years = sorted({target.date_start.year for target in self.open_c})
        buttons = re.findall(r'action="/my/contracts/(\d+)/targets/(\d+)/acknowledge"', body)
        self.assertEqual(buttons, [(str(self.contract_c.id), str(year)) for year in years])
        count = len(self._open_of_year(years[0]))
        self.assertIn(f"Acknowledge the {count} open targets of {years[0]}", body)

    def test_acknowledge_a_year(self):
        year = self.open_c[0].date_start.year
        self._login(self.owner_c)
        response = self._post(self._year_url(self.contract_c, year), {})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Thank you: your answer was sent to your salesperson.", response.text)
        answers = self._answers(self.targets_c)
        self.assertEqual(answers.target_id, self._open_of_year(year))
        self.assertEqual(set(answers.mapped("decision")), {"acknowledged"})
        self.assertEqual(answers.user_id, self.owner_c)
        self.assertEqual(set(answers.mapped("target_amount")), {1000.0})
        # the past targets of the year and the other year's stay unanswered; one to-do for the whole year
        self.assertEqual(self._activities(self.contract_c).summary, f"Targets of {year} acknowledged by the dealer")
        self.assertNotIn(f'/targets/{year}/acknowledge"', self._page())

    def test_acknowledge_a_year_twice_writes_nothing_twice(self):
        year = self.open_c[0].date_start.year
        self._login(self.owner_c)
        self._post(self._year_url(self.contract_c, year), {})
        before = self._answers(self.targets_c)
        response = self._post(self._year_url(self.contract_c, year), {})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_nothing_to_acknowledge", response.text)
        self.assertEqual(self._answers(self.targets_c), before)
        self.assertEqual(len(self._activities(self.contract_c)), 1)

    def test_year_without_open_target_writes_nothing(self):
        self._login(self.owner_c)
        response = self._post(self._year_url(self.contract_c, self.past_c[0].date_start.year - 1), {})
        self.assertIn("o_dealer_nothing_to_acknowledge", response.text)
        self.assertFalse(self._answers(self.targets_c))
        self.assertFalse(self._activities(self.contract_c))

    def test_acknowledge_a_year_keeps_a_counter_proposal(self):
        year = self.open_c[0].date_start.year
        self._login(self.owner_c)
        self._post(f"/my/targets/{self.open_c[0].id}/answer",
                   {"decision": "counter", "proposed_amount": "800", "comment": "Market is slow"})
        self._post(self._year_url(self.contract_c, year), {})
        self.assertEqual(self.open_c[0].dealer_ack_state, "counter")
        self.assertEqual(self._answers(self.open_c[0]).mapped("decision"), ["counter"])

    # ------------------------------------------------------------------ year to date and the proposed figure
    def test_year_to_date_line(self):
        started = self.targets_c.filtered(
            lambda target: target.date_start.year == self.today.year and target.date_start <= self.today)
        lines = self.targets_c._dealer_year_to_date(self.today)
        self.assertEqual(len(lines), 1)
        self.assertEqual((lines[0]["amount"], lines[0]["achieved"]), (1000.0 * len(started), 300.0))
        self.assertAlmostEqual(lines[0]["percent"], 30.0 / len(started))
        self._login(self.owner_c)
        row = re.search(r'(?s)<tr[^>]*o_dealer_year_to_date.*?</tr>', self._page()).group(0)
        self.assertIn(f"{self.today.year} to date", row)
        self.assertIn(f"{1000 * len(started):,}.00", row)
        self.assertIn("300.00", row)

    def test_year_to_date_leaves_other_years_and_coming_periods_out(self):
        coming = self.targets_c.filtered(lambda target: target.date_start > self.today)
        self.assertEqual(coming._dealer_year_to_date(self.today), [])
        self.assertEqual(self.targets_c._dealer_year_to_date(self.today.replace(year=self.today.year + 5)), [])

    def test_proposed_figure_is_shown_after_a_counter_proposal(self):
        self._login(self.owner_c)
        self._post(f"/my/targets/{self.open_c[1].id}/answer",
                   {"decision": "counter", "proposed_amount": "765.5", "comment": "Market is slow"})
        body = self._page()
        proposed = re.findall(r'(?s)o_dealer_proposed">(.*?)</div>', body)
        self.assertEqual(len(proposed), 1)
        self.assertIn("Your proposal:", proposed[0])
        self.assertIn("765.50", proposed[0])
