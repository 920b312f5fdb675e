"""The demo's sales history planned as plain data, without the ORM: a pure function of "today".

`plan_history(today)` draws every random choice of the history (orders, lines, quantities, delivery, invoice and
payment days, the time of day) from its own generator with a fixed seed, so the plan of a given day is always the
same, and tests/test_demo_plan.py can plan it for dozens of days in a second.  demo_sales.py replays it through
Odoo's own flow.

The breaches the demo shows on purpose are sized from the state at that moment, never from a fixed factor:

- the order over the credit limit: at its confirmation the replay reads the dealer's credit figures (limit, open
  receivable, uninvoiced orders) and multiplies the planned lines by `credit_breach_factor`, so the order exceeds
  the available credit by a margin of the limit;
- the order below the floor price: the line's discount is `floor_breach_discount` of its price and its floor;
- the slump of the last complete quarter (assessment rated D): the dealer's quantities are cut until its invoiced
  sales of that quarter are a set share of its targets of that quarter (`T.QUARTER_SLUMPS`), below the 50% under
  which the target achievement KPI scores nothing;
- the overdue invoices: a late payer leaves unpaid the last invoice already past due by a week at the load; a
  suspended dealer stops ordering early enough for its unpaid invoices to be overdue as its violation says.

`plan_problems(plan)` lists what the demo relies on and this plan lacks (an empty period, a breach that has no
order to happen on); the loader refuses such a plan before it writes anything, and the test plans many days.
"""
import math
import random
from dataclasses import dataclass
from datetime import date

from odoo.addons.dealer_management.tools.period import period_bounds, periods_between, previous_period

import demo_tables as T
import demo_tables_commercial as C
import demo_tables_relations as R
from demo_util import add_days, months_back

SEED = 20260627  # the same history for the same day on every load
TRADING = ("active", "suspended", "terminated")
STATUS = {row[0]: row[-1] for row in T.DEALERS}
GRADE = {row[0]: row[2] for row in T.DEALERS}
GRADES = {row["code"]: row for row in T.GRADES}
PRODUCT_PRICE = {row[0]: row[3] for row in T.PRODUCTS}
# days between the invoice date and its due date, per payment term of the grades (Odoo's account data)
TERM_DAYS = {"account.account_payment_term_immediate": 0, "account.account_payment_term_15days": 15,
             "account.account_payment_term_30days": 30}
DELIVERY_DELAY = (1, 3)  # days from the order to the delivery
INVOICE_DELAY = (0, 1)  # days from the delivery to the invoice
MAX_INVOICE_DELAY = DELIVERY_DELAY[1] + INVOICE_DELAY[1]
OVERDUE_BLOCK_DAYS = 30  # dealer_management's default: an invoice overdue longer blocks the dealer's orders
SUSPENDED_STOP_DAYS = 40  # a suspended dealer stopped ordering at least this many days ago
LATE_PAYER_OVERDUE_DAYS = 7  # a late payer's unpaid invoice is past due by at least this many days at the load
CREDIT_BREACH_MARGIN = 0.2  # the credit breach exceeds the available credit by this share of the limit
FLOOR_BREACH_MARGIN = 0.05  # the floor breach sells this share below the floor price
KPI_ZERO_ACHIEVEMENT = 50.0  # target achievement (%) at or below which the KPI scores 0 (dealer_assessment data)


@dataclass
class PlannedOrder:
    """One order of the history and what happens to it afterwards."""

    key: str  # dealer key of T.DEALERS
    day: date
    hour: int  # UTC hour and minute of the order (Asia/Shanghai business hours)
    minute: int
    lines: list  # [(product code, quantity)]
    delivery: date
    invoice: date
    due: date
    index: int = 0  # the dealer's n-th order (0 = first)
    payment: str = "paid"  # paid | partial | unpaid
    pay_day: date = None  # None: not paid by the load
    breach: dict = None  # a row of C.HISTORY_OVERRIDES
    refund: tuple = None  # (reason, quantity, day, product code) of goods sent back (of the order's first line)
    scaled: bool = False  # quantities cut by a quarter slump


@dataclass
class Plan:
    today: date
    orders: list  # PlannedOrder, in the order the history confirms them

    def of(self, key):
        return [order for order in self.orders if order.key == key]


# ---------------------------------------------------------------- calendar
def history_start(today):
    return months_back(today, T.HISTORY_MONTHS - 1)


def contract_period(today):
    """The annual contract: from January 1st (or the first month of the history if earlier) to December 31st."""
    return min(date(today.year, 1, 1), history_start(today)), date(today.year, 12, 31)


def months_of(date_start, date_end):
    """(first day, last day) of every month from date_start to date_end (the first month from date_start)."""
    return [(max(first, date_start), last) for first, last in periods_between(date_start, date_end, "month")]


def monthly_target_amounts(annual, months, rounding=lambda amount: round(amount, 2)):
    """The annual target spread over the months by seasonality (a part month pro rata); the last takes the rest."""
    weights = [C.MONTH_WEIGHTS[start.month - 1] * ((end - start).days + 1) / end.day for start, end in months]
    total = sum(weights)
    amounts = [rounding(annual * weight / total) for weight in weights]
    amounts[-1] = rounding(annual - sum(amounts[:-1]))
    return amounts


def split_keys():
    """Dealers whose targets of the current year come from the target split wizard (territory in the province)."""
    province = C.TARGET_SPLIT["territory"]
    return {row[0] for row in T.DEALERS if row[-1] in TRADING
            and (row[3] == province or row[3].startswith(province + "-"))}


def contract_targets(key, today, rounding=lambda amount: round(amount, 2)):
    """[(first day, last day, amount)] of the monthly targets of an established dealer's contract."""
    date_start, date_end = contract_period(today)
    months = months_of(date_start, date_end)
    annual = C.CONTRACT_POLICY[GRADE[key]]["annual_target"] * C.TARGET_FACTOR.get(key, 1.0)
    if key in split_keys():  # the split wizard sets the current year; the months before it directly
        months = [(start, end) for start, end in months if start < date(today.year, 1, 1)]
    if not months:
        return []
    amounts = monthly_target_amounts(annual * len(months) / 12, months, rounding)
    return [(start, end, amount) for (start, end), amount in zip(months, amounts, strict=True)]


def term_days(key):
    """Payment term of the dealer's grade during the history (the grade change comes after it)."""
    return TERM_DAYS[GRADES[GRADE[key]]["payment_term"]]


def late_payment_days_ago(key):
    """Days ago of the dealer's late-payment violation entered by hand, or None."""
    rows = [row["days_ago"] for row in C.MANUAL_VIOLATIONS if row["dealer"] == key and row["type"] == "late_payment"]
    return min(rows) if rows else None


def trading_window(key, today):
    """(first day, last day) in which the dealer orders."""
    first = history_start(today)
    status = STATUS[key]
    if status == "terminated":  # stopped ordering three months ago
        return first, add_days(months_back(today, T.HISTORY_MONTHS - 4), -1)
    if status == "suspended":
        stop = SUSPENDED_STOP_DAYS
        days_ago = late_payment_days_ago(key)
        if days_ago is not None:  # its last invoices were overdue longer than the block when the violation came
            stop = max(stop, days_ago + OVERDUE_BLOCK_DAYS + 1 + term_days(key) + MAX_INVOICE_DELAY)
        return first, add_days(today, -stop)
    return first, today


# ---------------------------------------------------------------- amounts
def unit_price(key, code):
    """The dealer's untaxed unit price: list price less its grade's discount (the grade pricelist)."""
    return PRODUCT_PRICE[code] * (1 - GRADES[GRADE[key]]["discount"] / 100.0)


def untaxed(order):
    return sum(unit_price(order.key, code) * qty for code, qty in order.lines)


def credit_breach_factor(available, amount, margin):
    """How many times the planned lines go into the order that exceeds the available credit by `margin`."""
    if amount <= 0:
        raise ValueError("an order without amount cannot exceed the credit limit")
    return max(1, math.ceil((max(available, 0.0) + margin) / amount))


def floor_breach_discount(price_unit, floor, margin=FLOOR_BREACH_MARGIN):
    """The line discount (whole %) that sells `margin` below the floor price."""
    if not floor or not price_unit:
        raise ValueError("the floor breach needs a product with a floor price and a price")
    return min(99, math.ceil(100.0 * (1.0 - floor * (1.0 - margin) / price_unit)))


def floor_price(code):
    """The dealer floor price the demo sets on a product (demo_contracts.set_floor_prices)."""
    return int(PRODUCT_PRICE[code] * C.FLOOR_RATIO / 10) * 10


# ---------------------------------------------------------------- the plan
def _draw_orders(rng, today):
    """Every trading dealer's orders: 1-2 a month (by grade) on random days of its trading window."""
    codes = [row[0] for row in T.PRODUCTS]
    orders = []
    for key, status in STATUS.items():
        if status not in TRADING:
            continue
        per_month, lines, qty = T.ORDER_PROFILE[GRADE[key]]
        first, last = trading_window(key, today)
        for month_start, month_end in periods_between(first, last, "month"):
            start, end = max(month_start, first), min(month_end, last)
            span = (end - start).days + 1
            # a part month gets its share of the month's orders, at least one: no month of the window is empty
            count = max(1, round(rng.randint(*per_month) * span / month_end.day))
            for _n in range(count):
                day = add_days(start, rng.randrange(span))
                picked = rng.sample(codes, rng.randint(*lines))
                order_lines = [(code, rng.randint(*qty)) for code in picked]
                delivery = min(add_days(day, rng.randint(*DELIVERY_DELAY)), today)
                invoice = min(add_days(delivery, rng.randint(*INVOICE_DELAY)), today)
                orders.append(PlannedOrder(
                    key=key, day=day, hour=rng.randint(1, 8), minute=rng.choice((0, 15, 30, 45)), lines=order_lines,
                    delivery=delivery, invoice=invoice, due=add_days(invoice, term_days(key)),
                ))
    orders.sort(key=lambda order: (order.day, order.key, order.hour, order.minute))
    counts = {}
    for order in orders:
        order.index = counts[order.key] = counts.get(order.key, -1) + 1
    return orders


def _pay_day(rng, order, today, settle_all):
    """When the dealer pays: around the due date (a few days early or late); None when not yet."""
    day = add_days(order.due, rng.randint(-10, 4) if order.due > order.invoice else rng.randint(0, 3))
    day = max(day, order.invoice)
    yesterday = add_days(today, -1)
    if settle_all:
        day = min(day, yesterday)
    return day if day <= yesterday else None


def _payment_behaviour(plan):
    """Which invoices are left unpaid or paid in part (see the module docstring)."""
    today = plan.today
    for key in STATUS:
        orders = plan.of(key)
        if not orders:
            continue
        if STATUS[key] == "suspended":  # the last invoices are overdue: the reason of the suspension
            for order in orders[-T.SUSPENDED_UNPAID[key]:]:
                order.payment = "unpaid"
        elif key in T.LATE_PAYERS:
            past_due = [o for o in orders if o.due <= add_days(today, -LATE_PAYER_OVERDUE_DAYS)]
            if past_due:
                past_due[-1].payment = "unpaid"
        elif key in T.PARTIAL_PAYERS and len(orders) > 3:
            orders[-3].payment = "partial"


def _apply_slumps(plan):
    """Cut the slumping dealer's quantities until its invoiced sales of the last complete quarter are the set share
    of its targets of that quarter (fewer lines when one unit of each is still too much)."""
    q_from, q_to = previous_period(plan.today, "quarter")
    for key, share in T.QUARTER_SLUMPS.items():
        target = sum(amount for start, end, amount in contract_targets(key, plan.today)
                     if start >= q_from and end <= q_to)
        inside = [order for order in plan.of(key) if q_from <= order.invoice <= q_to]
        cap = share * target
        sales = sum(untaxed(order) for order in inside)
        if inside and sales > cap:
            ratio = cap / sales
            for order in inside:
                order.lines = [(code, max(1, int(qty * ratio))) for code, qty in order.lines]
                order.scaled = True
        while sum(untaxed(order) for order in inside) > cap:
            longest = max(inside, key=lambda order: (len(order.lines), untaxed(order)))
            if len(longest.lines) == 1:
                break  # plan_problems reports it
            longest.lines = longest.lines[:-1]


def plan_history(today):
    """The whole history of `today`: orders with their breaches, payments and returns (a Plan)."""
    rng = random.Random(SEED)
    plan = Plan(today=today, orders=_draw_orders(rng, today))
    _apply_slumps(plan)
    breaches = {(row["dealer"], row["index"]): row for row in C.HISTORY_OVERRIDES}
    refunds = {key: (reason, qty) for key, reason, qty in T.REFUNDS}
    for order in plan.orders:
        order.breach = breaches.get((order.key, order.index))
        if order.key in refunds and order.index == T.REFUND_ORDER_INDEX:
            reason, qty = refunds[order.key]
            order.refund = (reason, qty, min(add_days(order.invoice, 4), today), order.lines[0][0])
    _payment_behaviour(plan)
    for order in plan.orders:
        if order.payment != "unpaid":
            order.pay_day = _pay_day(rng, order, today, STATUS[order.key] == "terminated")
    return plan


# ---------------------------------------------------------------- what the demo relies on
def relied_periods(today):
    """{name: (first day, last day, dealer keys that must have an invoice in it)} of the periods the demo uses."""
    active = [key for key, status in STATUS.items() if status == "active"]
    q_from, q_to = previous_period(today, "quarter")
    current_q = (period_bounds(today, "quarter")[0], today)
    periods = {
        "last complete quarter (assessment approved, rebates, slump)": (q_from, q_to, active),
        "current quarter (assessment in draft)": (*current_q, active),
        "current month (targets, portal dashboard)": (today.replace(day=1), today, active),
        "last quarter of the rebates": (q_from, q_to, [row["dealer"] for row in C.REBATES]),
    }
    for key in STATUS:
        if STATUS[key] in TRADING:
            first, last = trading_window(key, today)
            for start, end in periods_between(first, last, "month"):
                periods[f"{key} {start:%Y-%m}"] = (max(start, first), min(end, last), [key])
    return periods


def plan_problems(plan):
    """What the demo relies on and this plan lacks: [message], empty when the history can be loaded."""
    today, problems = plan.today, []
    for name, (start, end, keys) in relied_periods(today).items():
        for key in keys:
            if not any(o.key == key and start <= o.day <= end for o in plan.orders):
                problems.append(f"{name}: no order of {key} between {start} and {end}")
    by_key = {(o.key, o.index): o for o in plan.orders}
    for row in C.HISTORY_OVERRIDES:
        order = by_key.get((row["dealer"], row["index"]))
        if not order:
            problems.append(f"{row['kind']} breach: {row['dealer']} has no order #{row['index']}")
        elif row["kind"] == "territory" and add_days(order.day, 12) > today:
            problems.append(f"territory breach of {row['dealer']} on {order.day}: its fine falls after today")
    problems += _slump_problems(plan) + _payment_problems(plan)
    for order in plan.orders:
        if not order.day <= order.delivery <= order.invoice <= today:
            problems.append(f"{order.key} #{order.index}: delivered {order.delivery}, invoiced {order.invoice}")
        if order.refund and not order.delivery <= order.refund[2] <= today:
            problems.append(f"{order.key} #{order.index}: goods returned on {order.refund[2]}")
    for row in R.COMPLAINTS:  # each complaint is about an earlier delivered order of the dealer
        if not any(o.key == row["dealer"] and o.day < add_days(today, -math.ceil(row["days_ago"]))
                   for o in plan.orders):
            problems.append(f"complaint {row['key']}: {row['dealer']} has no order before it")
    return problems


def _slump_problems(plan):
    q_from, q_to = previous_period(plan.today, "quarter")
    problems = []
    for key, share in T.QUARTER_SLUMPS.items():
        target = sum(amount for start, end, amount in contract_targets(key, plan.today)
                     if start >= q_from and end <= q_to)
        sales = sum(untaxed(o) for o in plan.of(key) if q_from <= o.invoice <= q_to)
        achievement = 100.0 * sales / target if target else None
        if achievement is None or not 0 < achievement <= min(100.0 * share, KPI_ZERO_ACHIEVEMENT):
            problems.append(f"slump of {key} in {q_from} – {q_to}: sales {sales:,.0f} for a target of {target:,.0f}")
    return problems


def _payment_problems(plan):
    today, problems = plan.today, []
    for key, status in STATUS.items():
        orders = plan.of(key)
        unpaid = [o for o in orders if o.payment == "unpaid"]
        if status == "suspended":
            days_ago = late_payment_days_ago(key)
            limit = add_days(today, -(days_ago + OVERDUE_BLOCK_DAYS)) if days_ago is not None else today
            if len(unpaid) != T.SUSPENDED_UNPAID[key] or any(o.due >= limit for o in unpaid):
                problems.append(f"suspended {key}: unpaid invoices due {[o.due for o in unpaid]}, "
                                f"overdue as of {limit} expected")
        elif key in T.LATE_PAYERS and not any(
                o.due <= add_days(today, -LATE_PAYER_OVERDUE_DAYS) for o in unpaid):
            problems.append(f"late payer {key}: no invoice unpaid past its due date")
        elif status == "terminated" and any(o.pay_day is None for o in orders):
            problems.append(f"terminated {key}: invoices left unpaid (the termination needs them settled)")
    return problems
