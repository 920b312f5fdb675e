"""Period bounds shared by the set-based figures of the dealer addons and their bridges."""
from datetime import datetime, time, timedelta

from odoo import fields


def dealer_period_bounds(date_from, date_to):
    """Return the [start, end) datetimes covering the whole days from date_from to date_to."""
    start = datetime.combine(fields.Date.to_date(date_from), time.min)
    end = datetime.combine(fields.Date.to_date(date_to) + timedelta(days=1), time.min)
    return start, end
