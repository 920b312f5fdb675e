"""Calendar periods of the dealer suite: month, quarter, half-year and year.

One place computes them for rebates, targets, the target split, renewals and (later) assessments::

    from odoo.addons.dealer_management.tools.period import period_bounds
    start, end = period_bounds(date(2026, 5, 17), "quarter")   # (2026-04-01, 2026-06-30)

Every function takes and returns ``datetime.date`` objects; a period is the pair (first day, last day),
both included.
"""
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields

PERIOD_TYPES = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("half", "Half-year"),
    ("year", "Year"),
]
PERIOD_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def _months(period_type):
    try:
        return PERIOD_MONTHS[period_type]
    except KeyError:
        raise ValueError(f"Unknown period type {period_type!r}; expected one of {sorted(PERIOD_MONTHS)}") from None


def period_bounds(day, period_type):
    """(first day, last day) of the month / quarter / half-year / year containing ``day``."""
    months = _months(period_type)
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    return start, start + relativedelta(months=months, days=-1)


def period_label(day, period_type):
    """Short label of the period containing ``day``: 2026-05, 2026 Q2, 2026 H1, 2026."""
    start, _end = period_bounds(day, period_type)
    if period_type == "month":
        return start.strftime("%Y-%m")
    if period_type == "quarter":
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    if period_type == "half":
        return f"{start.year} H{(start.month - 1) // 6 + 1}"
    return str(start.year)


def previous_period(day, period_type):
    """(first day, last day) of the period just before the one containing ``day``."""
    start, _end = period_bounds(day, period_type)
    return period_bounds(start - timedelta(days=1), period_type)


def same_period_last_year(day, period_type):
    """(first day, last day) of the same period one year earlier."""
    return period_bounds(day - relativedelta(years=1), period_type)


def periods_between(date_from, date_to, period_type):
    """Every period (first day, last day) overlapping ``date_from`` – ``date_to``, in order."""
    if date_to < date_from:
        return []
    months = _months(period_type)
    start, end = period_bounds(date_from, period_type)
    periods = []
    while start <= date_to:
        periods.append((start, end))
        start = end + timedelta(days=1)
        end = start + relativedelta(months=months, days=-1)
    return periods


def is_whole_period(date_from, date_to, period_type):
    """True when ``date_from`` – ``date_to`` is exactly one period of this type."""
    return period_bounds(date_from, period_type) == (date_from, date_to)


def shift_period(date_from, date_to, shift):
    """Move a period by a ``relativedelta``, keeping a month-end end on the month end (Feb 28 → Feb 29)."""
    return date_from + shift, date_to + timedelta(days=1) + shift - timedelta(days=1)


def following_period(date_from, date_to):
    """The period of the same length (in months and days) starting the day after ``date_to``."""
    start = date_to + timedelta(days=1)
    return shift_period(date_from, date_to, relativedelta(start, date_from))


def dealer_period_bounds(date_from, date_to):
    """[start, end) datetimes covering the whole days ``date_from`` – ``date_to``, for datetime fields."""
    start = datetime.combine(fields.Date.to_date(date_from), time.min)
    end = datetime.combine(fields.Date.to_date(date_to) + timedelta(days=1), time.min)
    return start, end
