"""The one period helper of the suite (pure functions, no database)."""
from datetime import date

from odoo.tests.common import BaseCase

from ..tools.period import (
    following_period,
    is_whole_period,
    period_bounds,
    period_label,
    periods_between,
    previous_period,
    same_period_last_year,
)


class TestDealerPeriod(BaseCase):
    """The one period helper (pure functions)."""

    def test_period_bounds_and_labels(self):
        day = date(2026, 5, 17)
        self.assertEqual(period_bounds(day, "month"), (date(2026, 5, 1), date(2026, 5, 31)))
        self.assertEqual(period_bounds(day, "quarter"), (date(2026, 4, 1), date(2026, 6, 30)))
        self.assertEqual(period_bounds(day, "half"), (date(2026, 1, 1), date(2026, 6, 30)))
        self.assertEqual(period_bounds(day, "year"), (date(2026, 1, 1), date(2026, 12, 31)))
        self.assertEqual([period_label(day, kind) for kind in ("month", "quarter", "half", "year")],
                         ["2026-05", "2026 Q2", "2026 H1", "2026"])
        with self.assertRaises(ValueError):
            period_bounds(day, "week")

    def test_previous_same_last_year_and_between(self):
        self.assertEqual(previous_period(date(2026, 1, 10), "quarter"), (date(2025, 10, 1), date(2025, 12, 31)))
        self.assertEqual(previous_period(date(2026, 3, 31), "month"), (date(2026, 2, 1), date(2026, 2, 28)))
        self.assertEqual(same_period_last_year(date(2024, 2, 29), "month"), (date(2023, 2, 1), date(2023, 2, 28)))
        self.assertEqual(periods_between(date(2026, 2, 15), date(2026, 8, 1), "quarter"), [
            (date(2026, 1, 1), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 6, 30)),
            (date(2026, 7, 1), date(2026, 9, 30)),
        ])
        self.assertEqual(len(periods_between(date(2026, 1, 1), date(2026, 12, 31), "month")), 12)
        self.assertEqual(periods_between(date(2026, 2, 1), date(2026, 1, 1), "month"), [])
        self.assertTrue(is_whole_period(date(2026, 7, 1), date(2026, 12, 31), "half"))
        self.assertFalse(is_whole_period(date(2026, 7, 1), date(2026, 12, 30), "half"))

    def test_following_period_keeps_length_and_month_ends(self):
        self.assertEqual(following_period(date(2025, 1, 1), date(2025, 12, 31)),
                         (date(2026, 1, 1), date(2026, 12, 31)))
        self.assertEqual(following_period(date(2024, 3, 1), date(2025, 2, 28)),
                         (date(2025, 3, 1), date(2026, 2, 28)))
