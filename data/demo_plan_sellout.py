"""The dealers' retail sales (sell-out) and stock counts of the demo, planned from the sales history without the
ORM: a pure function of the plan of demo_plan.py (hence of "today"), drawn from its own seeded generator.

- Sell-out: every month a dealer sells on to end customers most of what was delivered to it that month (its
  sell-through, `SELL_THROUGH` of the month's deliveries, drawn per dealer and month), reported as one line per
  product and month dated the month's last day (today for the current month). Units later sent back (the planned
  returns) are never sold, so the stock derived from the history (deliveries − returns − sell-out) is never
  negative, at any date. The credit-breach order, a property developer's group purchase, is sold on to the
  project the day it is delivered (the loader takes its delivered quantities, sized at the load).
- Stock counts: the reporting dealers (`C.STOCK_REPORT_DEALERS`) count their stock on the same days (month ends
  and today); a count is the derived stock, give or take `COUNT_MARGIN` unit (a display unit, a miscount).
- The latest counts raise the alerts the demo shows, and only those: by the dealer's rank in the list, one product
  about to run out (a best seller, `STOCKOUT_COVER`) and/or one overstocked (a slow seller, `OVERSTOCK_COVER`);
  every other product bought in the last 90 days keeps between `COVER_BAND` of those deliveries in stock,
  inside the thresholds of dealer_management (stock-out risk under 15 days of cover, overstock over 90).
"""
import math
import random
from dataclasses import dataclass, field
from datetime import date

from odoo.addons.dealer_management.models.dealer_stock_analysis import (
    COVER_WINDOW_DAYS,
    DEFAULT_HIGH_DAYS,
    DEFAULT_LOW_DAYS,
)
from odoo.addons.dealer_management.tools.period import periods_between

import demo_plan as P
import demo_tables_commercial as C
import demo_tables_relations as R
from demo_util import add_days

SEED = P.SEED + 1  # its own generator: planning the sell-out changes nothing of the orders
SELL_THROUGH = (0.80, 0.95)  # share of the month's deliveries sold on that month
RETAIL_PRICE = (0.88, 0.98)  # the net retail price: the list (suggested retail) price less a store discount
STOCKOUT_COVER = 0.08  # stock left of the best seller: this share of its last 90 days' deliveries (7 days)
OVERSTOCK_COVER = 1.3  # stock left of the slow seller: this multiple (+1 unit) of them (more than 117 days)
COVER_BAND = (0.2, 0.9)  # stock of the other products: between these shares of them (18 to 81 days)
COUNT_MARGIN = 1  # a stock count of 10 units or more may differ from the derived stock by this many units
MISCOUNT_FROM = 10
# which alerts each reporting dealer's latest count raises, by its rank in C.STOCK_REPORT_DEALERS (cycled)
ALERT_PATTERNS = (("stockout_risk", "overstock"), ("overstock",), ("stockout_risk",))


@dataclass
class PlannedSellout:
    """One line of a dealer's retail sales: a product's units sold in a month (or to the project)."""

    key: str
    day: date
    code: str
    qty: int
    price: float
    project: object = None  # the PlannedOrder sold on whole to a project (its quantities sized at the load)


@dataclass
class PlannedCount:
    """A dealer's stock count (dealer.stock.report): counted quantity and derived stock per product code."""

    key: str
    day: date
    quantities: dict
    derived: dict
    latest: bool = False
    alerts: dict = field(default_factory=dict)  # code: "overstock" | "stockout_risk" (latest count only)


@dataclass
class SelloutPlan:
    today: date
    sellouts: list
    counts: list

    def of(self, key):
        return [sellout for sellout in self.sellouts if sellout.key == key]


# ---------------------------------------------------------------- what the history delivers
def is_project(order):
    """The group purchase over the credit limit: a property developer's order, sold on whole to its project."""
    return bool(order.breach) and order.breach["kind"] == "credit"


def complaint_return_day(today, row):
    """The day the goods of a complaint resolved by a return (R.COMPLAINTS) come back: its resolution day."""
    return add_days(today, -math.floor(row["days_ago"] - row["hours"] / 24))


def complaint_returns(plan, key):
    """[(order, code, qty, day)] of the dealer's goods sent back on a complaint: of the latest order of the product
    placed before the complaint (demo_relations takes that order)."""
    returns = []
    for row in R.COMPLAINTS:
        if row["dealer"] != key or row.get("resolve") != "return":
            continue
        reported = add_days(plan.today, -math.ceil(row["days_ago"]))
        orders = [o for o in plan.of(key) if o.day < reported and row["product"] in dict(o.lines)]
        returns.append((orders[-1] if orders else None, row["product"], row["qty"],
                        complaint_return_day(plan.today, row)))
    return returns


def returns_of(plan, key):
    """[(order, code, qty, day)] of the goods the dealer sends back: the planned returns and the complaints'."""
    planned = [(order, order.refund[3], order.refund[1], order.refund[2]) for order in plan.of(key) if order.refund]
    return planned + complaint_returns(plan, key)


def stock_moves(plan, key):
    """[(day, code, qty)] of the dealer's deliveries (positive) and returns (negative), the project's excluded."""
    moves = []
    for order in plan.of(key):
        if not is_project(order):
            moves += [(order.delivery, code, qty) for code, qty in order.lines]
    return moves + [(day, code, -qty) for _order, code, qty, day in returns_of(plan, key)]


def sellable(plan, key, months):
    """{code: [units delivered in each month that stay sold]}: the deliveries less the units later sent back
    (taken from the month of the order they came from)."""
    index = {start: n for n, (start, _end) in enumerate(months)}
    result = {}
    for order in plan.of(key):
        if not is_project(order):
            for code, qty in order.lines:
                result.setdefault(code, [0] * len(months))[index[order.delivery.replace(day=1)]] += qty
    for order, code, qty, _day in returns_of(plan, key):
        if order:
            result[code][index[order.delivery.replace(day=1)]] -= qty
    return result


def derived_stock(moves, sellouts, day):
    """{code: deliveries − returns − sell-out up to `day` included}."""
    stock = {}
    for move_day, code, qty in moves:
        if move_day <= day:
            stock[code] = stock.get(code, 0) + qty
    for sellout in sellouts:
        if sellout.day <= day and not sellout.project:
            stock[sellout.code] = stock.get(sellout.code, 0) - sellout.qty
    return stock


def recent_deliveries(moves, day):
    """{code: net deliveries of the `COVER_WINDOW_DAYS` days up to `day`}, as the channel inventory counts them."""
    since = add_days(day, 1 - COVER_WINDOW_DAYS)
    recent = {}
    for move_day, code, qty in moves:
        if since <= move_day <= day:
            recent[code] = recent.get(code, 0) + qty
    return recent


# ---------------------------------------------------------------- the plan
def _stochastic_round(rng, value):
    """An integer whose expectation is `value` (1.7 → 1 or 2, 2 more often)."""
    return math.floor(value + rng.random())


def _spread(total_out, monthly_in):
    """Cumulative sell-out proportional to the cumulative deliveries, `total_out` in all: monthly quantities."""
    total_in = sum(monthly_in)
    outs, done, cumulative = [], 0, 0
    for qty in monthly_in:
        cumulative += qty
        reached = cumulative * total_out // total_in if total_in else 0
        outs.append(reached - done)
        done = reached
    return outs


def _stock_goals(key, monthly_in, recent):
    """{code: (least, most) units left in stock at the end}: the alert products' exact stock, the others' band."""
    rank = C.STOCK_REPORT_DEALERS.index(key) if key in C.STOCK_REPORT_DEALERS else None
    if rank is None:
        return {}, {}
    totals = {code: sum(months) for code, months in monthly_in.items()}
    bought = sorted((code for code in totals if recent.get(code, 0) > 0), key=lambda code: (recent[code], code))
    pattern = ALERT_PATTERNS[rank % len(ALERT_PATTERNS)]
    goals, alerts = {}, {}
    if "stockout_risk" in pattern and bought:
        best = bought[-1]
        left = math.floor(STOCKOUT_COVER * recent[best])
        goals[best] = (left, left)
        alerts[best] = "stockout_risk"
    slow = [code for code in bought if code not in goals
            and math.ceil(OVERSTOCK_COVER * recent[code]) + 1 <= totals[code]]
    if "overstock" in pattern and slow:
        code = max(slow, key=lambda c: (totals[c] - OVERSTOCK_COVER * recent[c], c))
        left = math.ceil(OVERSTOCK_COVER * recent[code]) + 1
        goals[code] = (left, left)
        alerts[code] = "overstock"
    low, high = COVER_BAND
    for code in bought:  # a miscount (of 10 units or more) keeps such a stock between 15 and 90 days of cover
        if code not in goals:
            least = min(math.ceil(low * recent[code]), totals[code])
            goals[code] = (least, max(math.floor(high * recent[code]), least))
    return goals, alerts


def _monthly_outs(rng, rates, months_in, goal):
    """Units sold each month: the month's sell-through of its deliveries, never more than the stock; with a goal
    (least, most) the months from the last are corrected until the final stock lies within it."""
    outs, stock = [], 0
    for rate, qty in zip(rates, months_in, strict=True):
        stock += qty
        out = min(stock, _stochastic_round(rng, rate * qty)) if qty else 0
        outs.append(out)
        stock -= out
    if goal:
        least, most = goal
        if least == most:
            return _spread(sum(months_in) - least, months_in)
        for n in reversed(range(len(outs))):
            if stock < least:  # sold less in the last months
                less = min(outs[n], least - stock)
                outs[n] -= less
                stock += less
            elif stock > most and months_in[n]:  # sold more of that month's deliveries
                more = min(stock - most, months_in[n] - outs[n])
                outs[n] += more
                stock -= more
    return outs


def _count(rng, key, day, moves, sellouts, latest=False, alerts=None):
    """The dealer's count on `day`: its derived stock of every product it was delivered, give or take a unit
    (never on the products of an alert: their figures are the point)."""
    derived = derived_stock(moves, sellouts, day)
    quantities = {}
    for code in sorted(derived):
        stock = derived[code]
        miscount = rng.choice((-COUNT_MARGIN, 0, 0, 0, COUNT_MARGIN)) if stock >= MISCOUNT_FROM else 0
        quantities[code] = stock if code in (alerts or {}) else stock + miscount
    return PlannedCount(key=key, day=day, quantities=quantities, derived=derived, latest=latest,
                        alerts=dict(alerts or {}))


def plan_sellout(plan):
    """The sell-out and stock counts of the history `plan` (a SelloutPlan)."""
    rng = random.Random(SEED)
    today = plan.today
    months = periods_between(P.history_start(today), today, "month")
    days = [min(end, today) for _start, end in months]
    sellouts, counts = [], []
    for key, status in P.STATUS.items():
        if status not in P.TRADING:
            continue
        rates = [rng.uniform(*SELL_THROUGH) for _month in months]
        monthly_in = sellable(plan, key, months)
        moves = stock_moves(plan, key)
        recent = recent_deliveries(moves, today)
        goals, alerts = _stock_goals(key, monthly_in, recent)
        own = []
        for code in sorted(monthly_in):
            outs = _monthly_outs(rng, rates, monthly_in[code], goals.get(code))
            list_price = P.PRODUCT_PRICE[code]
            own += [PlannedSellout(key=key, day=day, code=code, qty=qty,
                                   price=round(list_price * rng.uniform(*RETAIL_PRICE), -1))
                    for day, qty in zip(days, outs, strict=True) if qty]
        for order in plan.of(key):
            if is_project(order):
                own += [PlannedSellout(key=key, day=order.delivery, code=code, qty=qty,
                                       price=round(P.PRODUCT_PRICE[code] * RETAIL_PRICE[0], -1), project=order)
                        for code, qty in order.lines]
        own.sort(key=lambda sellout: (sellout.day, sellout.code))
        sellouts += own
        if key in C.STOCK_REPORT_DEALERS:
            counts += [_count(rng, key, day, moves, own) for day in days[:-1]]
            counts.append(_count(rng, key, days[-1], moves, own, latest=True, alerts=alerts))
    return SelloutPlan(today=today, sellouts=sellouts, counts=counts)


# ---------------------------------------------------------------- what the demo relies on
def sellout_problems(plan, sellout_plan):
    """What the sell-out plan breaks: [message], empty when it can be loaded."""
    problems = []
    for key in P.STATUS:
        for order, code, _qty, day in complaint_returns(plan, key):
            if not order or order.delivery > day:
                problems.append(f"{key} sends {code} back on {day} without an earlier order of it")
    by_key = {}
    for sellout in sellout_plan.sellouts:
        if not sellout.project:
            by_key.setdefault(sellout.key, []).append((sellout.day, sellout.code, -sellout.qty))
    for key, sold in by_key.items():  # the stock after each day's moves, in date order
        stock, negative = {}, None
        for day, code, qty in sorted(stock_moves(plan, key) + sold, key=lambda move: (move[0], -move[2])):
            stock[code] = stock.get(code, 0) + qty
            if stock[code] < 0:  # the day's deliveries came first: negative at the end of the day
                negative = (day, code)
                break
        if negative:
            problems.append(f"{key} sells more {negative[1]} than it was delivered by {negative[0]}")
    for count in sellout_plan.counts:
        off = {code: (qty, count.derived.get(code, 0)) for code, qty in count.quantities.items()
               if abs(qty - count.derived.get(code, 0)) > COUNT_MARGIN or qty < 0}
        if off:
            problems.append(f"count of {count.key} on {count.day} far from the derived stock: {off}")
    latest = [count for count in sellout_plan.counts if count.latest]
    for count in latest:
        raised = alerts_raised(plan, count)
        if raised != count.alerts:
            problems.append(f"latest count of {count.key} raises {raised}, not the planned {count.alerts}")
    kinds = {kind for count in latest for kind in count.alerts.values()}
    if latest and kinds != {"overstock", "stockout_risk"}:
        problems.append(f"the latest stock counts raise {sorted(kinds)}, not an overstock and a stock-out risk")
    return problems



def alerts_raised(plan, count):
    """{code: alert} a count raises in dealer_management's channel inventory (default thresholds): its days of cover,
    counted ÷ (net deliveries of the last 90 days ÷ 90), above the overstock or below the stock-out threshold."""
    recent = recent_deliveries(stock_moves(plan, count.key), count.day)
    raised = {}
    for code, qty in count.quantities.items():
        if recent.get(code, 0) > 0:
            cover = qty * COVER_WINDOW_DAYS / recent[code]
            if cover > DEFAULT_HIGH_DAYS:
                raised[code] = "overstock"
            elif cover < DEFAULT_LOW_DAYS:
                raised[code] = "stockout_risk"
    return raised
