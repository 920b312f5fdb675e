"""The demo builds on any day: its history planned (and the planned breaches replayed on paper) for many "today"s.

`make demo` plans six months of trade relative to the day of the load (data/demo_plan.py). These tests plan it
for every day of two years and for the days where calendars bite (month ends, quarter starts, 1 January, 29
February, 31 December) and fail when a breach the demo shows on purpose would pass the dealer checks, or when a
period the demo relies on (the last complete quarter, the current quarter and month, each dealer's months) is
empty. The dealers' retail sales and stock counts planned from that history (data/demo_plan_sellout.py) are checked
the same way against figures recomputed here: no dealer sells more than it was delivered, each sells most of what it
bought, every stock count is the derived stock within a unit, and the latest counts raise the planned alerts only.
They need no database: the plan is plain Python; `make demo-check` loads the real thing.
"""
import os
import sys
from collections import Counter
from datetime import date, timedelta

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "data"))
import odoo.addons  # noqa: E402 - the plan reads dealer_management's calendar periods

if ROOT not in odoo.addons.__path__:
    odoo.addons.__path__.append(ROOT)

import demo_plan as P  # noqa: E402
import demo_plan_sellout as PS  # noqa: E402
import demo_tables as T  # noqa: E402
import demo_tables_commercial as C  # noqa: E402
import demo_tables_relations as R  # noqa: E402

# l10n_cn's default sales tax, on every product of the demo: what the credit check adds to an order's untaxed amount
VAT = 0.13
DAYS = [
    date(2026, 12, 5),  # the day `make demo` failed (issue 14)
    date(2026, 12, 6),
    date(2027, 1, 1), date(2027, 1, 4), date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 1),
    date(2027, 3, 31), date(2027, 4, 1), date(2027, 4, 2), date(2027, 5, 31), date(2027, 6, 30),
    date(2027, 7, 1), date(2027, 8, 31), date(2027, 9, 30), date(2027, 10, 1), date(2027, 11, 30),
    date(2027, 12, 31), date(2028, 1, 1), date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1),
    date(2028, 3, 31), date(2028, 4, 1), date(2028, 6, 30), date(2028, 7, 1), date(2028, 9, 30),
    date(2028, 10, 1), date(2028, 12, 31),
]


def _total(order):
    """What the order weighs on the dealer's credit: its amount with VAT."""
    return P.untaxed(order) * (1 + VAT)


def _credit_used(plan, breach_order):
    """The dealer's receivable and uninvoiced orders when the breach order is checked, replayed from the plan.

    In the replay every earlier order of the dealer is invoiced as soon as it is confirmed, and the payments of a
    day come before its orders: what weighs on the credit is every earlier order less what was paid by that day.
    """
    used = 0.0
    for order in plan.of(breach_order.key)[:breach_order.index]:
        used += _total(order)
        if order.pay_day and order.pay_day <= breach_order.day:
            used -= _total(order) * (0.6 if order.payment == "partial" else 1.0)
    return used


def _credit_excess(plan):
    """(order, factor, how far the sized group purchase goes over the credit limit) replayed from the plan."""
    order = _breach(plan, "credit")
    limit = P.GRADES[P.GRADE[order.key]]["credit_limit"]
    used = _credit_used(plan, order)
    factor = P.credit_breach_factor(limit - used, _total(order), P.CREDIT_BREACH_MARGIN * limit)
    return order, factor, used + _total(order) * factor - limit


def _breach(plan, kind):
    rows = [row for row in C.HISTORY_OVERRIDES if row["kind"] == kind]
    assert rows, f"no {kind} breach in HISTORY_OVERRIDES"
    orders = [o for o in plan.orders if o.breach is rows[0]]
    assert orders, f"{plan.today}: the {kind} breach of {rows[0]['dealer']} has no order to happen on"
    return orders[0]


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_plan_has_every_period_and_breach(today):
    """Nothing the demo relies on is missing from the plan of this day."""
    plan = P.plan_history(today)
    assert P.plan_problems(plan) == [], today


def test_plan_every_day_of_two_years():
    """The same, the sell-out plan's own checks and the credit breach replayed, for each of the 731 days of 2027 and
    2028 (a leap year)."""
    failing = {}
    day = date(2027, 1, 1)
    while day <= date(2028, 12, 31):
        plan = P.plan_history(day)
        problems = P.plan_problems(plan) + PS.sellout_problems(plan, PS.plan_sellout(plan))
        if _credit_excess(plan)[2] <= 0:
            problems.append("the credit breach stays within the limit")
        if problems:
            failing[day] = problems[:3]
        day += timedelta(days=1)
    assert not failing, f"{len(failing)} days fail, first: {sorted(failing.items())[:5]}"


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_credit_breach_exceeds_the_credit_left(today):
    """Replayed on paper: the group purchase, sized from the credit left that day, goes over the limit."""
    order, factor, excess = _credit_excess(P.plan_history(today))
    limit = P.GRADES[P.GRADE[order.key]]["credit_limit"]
    # over the limit by the margin (a cent of rounding aside): the credit check refuses it
    assert excess >= P.CREDIT_BREACH_MARGIN * limit - 0.01, (today, order.day, factor, excess)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_floor_breach_sells_below_the_floor(today):
    """The special price of the most expensive line lies below its floor price, whatever the line."""
    order = _breach(P.plan_history(today), "floor")
    code = max((code for code, _qty in order.lines), key=lambda code: P.PRODUCT_PRICE[code])
    list_price, floor = P.PRODUCT_PRICE[code], P.floor_price(code)
    discount = P.floor_breach_discount(list_price, floor)
    assert list_price * (1 - discount / 100) < floor, (today, code, discount)
    # without the special price the dealer's grade price stays above the floor: only the special price breaks it
    assert P.unit_price(order.key, code) >= floor


def test_territory_breach_ships_outside_the_territory():
    """The 窜货 order's address lies in a city that is not the dealer's territory nor inside it."""
    address = C.CROSS_TERRITORY_ADDRESS
    dealer_territory = next(row[3] for row in T.DEALERS if row[0] == address["dealer"])
    cities = {name: code for _r, _n, provinces in T.TERRITORIES for _p, _pn, _s, cities in provinces
              for code, name, _x in cities}
    assert cities[address["city"]] != dealer_territory
    assert not cities[address["city"]].startswith(dealer_territory + "-")


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_slump_rates_the_dealer_d(today):
    """The slumping dealer's invoiced sales of the last complete quarter stay under the achievement that scores 0
    (so its total is at most the other KPIs' 50 points: below the C threshold of 65), and are not nil."""
    plan = P.plan_history(today)
    q_from, q_to = P.previous_period(today, "quarter")
    for key in T.QUARTER_SLUMPS:
        target = sum(amount for start, end, amount in P.contract_targets(key, today)
                     if start >= q_from and end <= q_to)
        sales = sum(P.untaxed(o) for o in plan.of(key) if q_from <= o.invoice <= q_to)
        assert 0 < sales < target * P.KPI_ZERO_ACHIEVEMENT / 100, (today, key, sales, target)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_overdue_invoices_are_overdue(today):
    """The invoices left unpaid on purpose are past due at the load; the terminated dealer owes nothing."""
    plan = P.plan_history(today)
    for order in plan.orders:
        if order.payment == "unpaid":
            assert order.due < today, (today, order.key, order.index, order.due)
        if P.STATUS[order.key] == "terminated":
            assert order.pay_day and order.pay_day < today


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_opening_stock_covers_the_history(today):
    """The planned quantities, the group purchase sized as in the replay included, never exceed the opening stock
    (the demo's summary counts negative stock as a fault)."""
    plan = P.plan_history(today)
    credit, factor, _excess = _credit_excess(plan)
    shipped = Counter()
    for order in plan.orders:
        for code, qty in order.lines:
            shipped[code] += qty * (factor if order is credit else 1)
    stock = {row[0]: row[5] for row in T.PRODUCTS}
    assert all(shipped[code] <= stock[code] for code in stock), (today, shipped)


def test_plan_is_the_same_for_the_same_day():
    """A fixed seed: two loads on one day build the same history."""
    first, second = P.plan_history(date(2028, 2, 29)), P.plan_history(date(2028, 2, 29))
    assert [(o.key, o.day, o.lines, o.pay_day) for o in first.orders] == \
        [(o.key, o.day, o.lines, o.pay_day) for o in second.orders]


# ---------------------------------------------------------------- sell-out and stock counts (demo_plan_sellout)
def _goods_moves(plan):
    """{dealer: [(day, code, qty)]} of the goods delivered (+) and sent back (−) in the history, the group purchase
    (sold on whole to its project the day it is delivered) aside: computed here from the orders and the complaints."""
    moves = {}
    for order in plan.orders:
        if order.breach and order.breach["kind"] == "credit":
            continue
        moves.setdefault(order.key, []).extend((order.delivery, code, qty) for code, qty in order.lines)
        if order.refund:
            reason, qty, day, code = order.refund
            moves[order.key].append((day, code, -qty))
    for row in R.COMPLAINTS:
        if row.get("resolve") == "return":
            moves[row["dealer"]].append((PS.complaint_return_day(plan.today, row), row["product"], -row["qty"]))
    return moves


def _stock_on(moves, sellouts, key, day):
    """{code: delivered − sent back − sold} of a dealer at the end of `day`."""
    stock = Counter()
    for move_day, code, qty in moves.get(key, []):
        if move_day <= day:
            stock[code] += qty
    for sellout in sellouts:
        if sellout.key == key and sellout.day <= day and not sellout.project:
            stock[sellout.code] -= sellout.qty
    return stock


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_sellout_never_exceeds_sellin(today):
    """No dealer sells on a product it was not delivered: its sell-out to date never exceeds its deliveries to date
    less what it sent back, on any day of the history; the group purchase is sold on whole, as delivered."""
    plan = P.plan_history(today)
    sellouts = PS.plan_sellout(plan).sellouts
    moves = _goods_moves(plan)
    for key in {s.key for s in sellouts}:
        for day in sorted({s.day for s in sellouts if s.key == key} | {m[0] for m in moves.get(key, [])}):
            stock = _stock_on(moves, sellouts, key, day)
            assert min(stock.values(), default=0) >= 0, (today, key, day, +stock - stock)
    project = [s for s in sellouts if s.project]
    assert project and all(s.project.breach["kind"] == "credit" and s.day == s.project.delivery for s in project)
    assert sorted((s.code, s.qty) for s in project) == sorted(project[0].project.lines)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_dealers_sell_most_of_what_they_buy(today):
    """Over the history each dealer sells on most of what it bought (all together within PS.SELL_THROUGH, each
    dealer between 70 % and all of it): the derived channel stock no longer only grows."""
    plan = P.plan_history(today)
    sellouts = PS.plan_sellout(plan).sellouts
    bought, sold = Counter(), Counter()
    for key, moves in _goods_moves(plan).items():
        bought[key] = sum(qty for _day, _code, qty in moves)
    for sellout in sellouts:
        if not sellout.project:
            sold[sellout.key] += sellout.qty
    assert PS.SELL_THROUGH[0] <= sum(sold.values()) / sum(bought.values()) <= PS.SELL_THROUGH[1], today
    for key in bought:
        assert 0.7 <= sold[key] / bought[key] <= 1.0, (today, key, sold[key], bought[key])


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_stock_counts_agree_with_the_derived_stock(today):
    """Every stock count (month ends and today) of every reporting dealer is the stock derived from deliveries,
    returns and sell-out, within PS.COUNT_MARGIN unit per product; each count covers every product delivered."""
    plan = P.plan_history(today)
    sellout_plan = PS.plan_sellout(plan)
    moves = _goods_moves(plan)
    counts = sellout_plan.counts
    assert {c.key for c in counts} == set(C.STOCK_REPORT_DEALERS)
    assert all(sum(c.latest for c in counts if c.key == key) == 1 for key in C.STOCK_REPORT_DEALERS)
    for count in counts:
        derived = _stock_on(moves, sellout_plan.sellouts, count.key, count.day)
        assert set(count.quantities) == {code for code, qty in derived.items() if qty or code in count.quantities}
        for code, qty in count.quantities.items():
            assert qty >= 0 and abs(qty - derived[code]) <= PS.COUNT_MARGIN, (today, count.key, count.day, code)
        total = sum(derived.values())
        assert abs(sum(count.quantities.values()) - total) <= max(PS.COUNT_MARGIN, 0.05 * total)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_latest_counts_raise_the_planned_alerts(today):
    """The latest counts raise in dealer_management's channel inventory (days of cover = count ÷ deliveries of the
    last 90 days × 90, overstock over 90 days, stock-out risk under 15) exactly the planned alerts: at least one of
    each kind, never an alert nobody planned."""
    plan = P.plan_history(today)
    moves = _goods_moves(plan)
    kinds = Counter()
    for count in (c for c in PS.plan_sellout(plan).counts if c.latest):
        assert count.day == today
        recent = Counter()
        for day, code, qty in moves[count.key]:
            if (today - day).days < 90:
                recent[code] += qty
        raised = {}
        for code, qty in count.quantities.items():
            cover = qty * 90 / recent[code] if recent[code] > 0 else None
            if cover is not None and cover > 90:
                raised[code] = "overstock"
            elif cover is not None and cover < 15:
                raised[code] = "stockout_risk"
        assert raised == count.alerts, (today, count.key)
        kinds.update(raised.values())
    assert kinds["overstock"] and kinds["stockout_risk"], (today, kinds)
