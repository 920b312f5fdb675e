"""Six months of trade with the dealers: orders → deliveries → invoices → payments, returns and credit notes.

The history is replayed as a dated timeline (orders, returns, payments) so that, when an order is confirmed,
the dealer's receivable is what it was on that day: earlier invoices are paid around their due date, some
are paid late, partly or not at all.  Every step goes through Odoo's own flow, run as the Dealer Manager
(`menv`): `action_confirm`, picking `button_validate`, `_create_invoices`, `action_post`, the payment
register wizard, the return wizard.  Dates are set in the past after each step (Odoo stamps "now").
The work is committed every few orders (see `demo_util.checkpoint`).  Order sizes follow the grade; one
dealer's orders shrink in the last complete quarter (`T.QUARTER_SLUMPS`) so that the demo assessment of that
quarter spreads from A to D.

Every order goes through the addon's dealer checks (contract, floor price, credit, territory) on confirmation.
The checks run as of the order's day in the history (`history_clock`): the addon dates a confirmation
"today", so without the clock every invoice of the replayed months would already look overdue.  Orders the
history makes break a check on purpose (below the floor price, delivered outside the territory) and orders
refused for credit are confirmed by the Dealer Manager through the override wizard, with a reason; the
overridden price and territory checks become violations.
"""
import heapq
import itertools
from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import UserError

from odoo.addons.dealer_management.models.dealer_period import previous_period

import demo_tables as T
import demo_tables_commercial as C
from demo_util import RNG, add_days, checkpoint, log, months_back, order_datetime

STATUS = {row[0]: row[-1] for row in T.DEALERS}
GRADE = {row[0]: row[2] for row in T.DEALERS}
# events of one day in this order: payments first, then returns, then new orders
PAY, RETURN, ORDER = 0, 1, 2


# ---------------------------------------------------------------- plan
def plan_orders(products, today):
    """[(day, dealer key, [(product, qty)])] for every dealer that traded, sorted by day."""
    plan = []
    slump_from, slump_to = previous_period(today, "quarter")  # the last complete quarter (T.QUARTER_SLUMPS)
    for key, status in STATUS.items():
        if status not in ("active", "suspended", "terminated"):
            continue
        per_month, lines, qty = T.ORDER_PROFILE[GRADE[key]]
        months = range(T.HISTORY_MONTHS - 1, -1, -1)
        last_day = add_days(today, -4)
        if status == "suspended":
            last_day = add_days(today, -40)  # stopped ordering when the payments stopped
        elif status == "terminated":
            months = range(T.HISTORY_MONTHS - 1, T.HISTORY_MONTHS - 4, -1)  # stopped ordering 3 months ago
        for offset in months:
            first = months_back(today, offset)
            span = (min(months_back(today, offset - 1), add_days(last_day, 1)) - first).days
            if span <= 0:
                continue
            for _n in range(RNG.randint(*per_month)):
                day = add_days(first, RNG.randrange(span))
                picked = RNG.sample(list(products), RNG.randint(*lines))
                order_lines = [(product, RNG.randint(*qty)) for product in picked]
                if key in T.QUARTER_SLUMPS and slump_from <= day <= slump_to:
                    order_lines = [(product, max(1, round(q * T.QUARTER_SLUMPS[key]))) for product, q in order_lines]
                plan.append((day, key, order_lines))
    plan.sort(key=lambda item: (item[0], item[1]))
    return plan


def payment_behaviour(plan):
    """{(dealer key, order index): 'unpaid' | 'partial'} for the invoices not paid on time."""
    counts = {}
    for _day, key, _lines in plan:
        counts[key] = counts.get(key, 0) + 1
    special = {}
    for key, count in counts.items():
        if STATUS[key] == "suspended":  # the last invoices are overdue: the reason of the suspension
            for index in range(count - T.SUSPENDED_UNPAID[key], count):
                special[key, index] = "unpaid"
        elif key in T.LATE_PAYERS and count > 3:
            special[key, count - 3] = "unpaid"  # an older invoice still unpaid, past its due date
        elif key in T.PARTIAL_PAYERS and count > 3:
            special[key, count - 3] = "partial"
    return special


# ---------------------------------------------------------------- dealer checks
@contextmanager
def history_clock(env, day):
    """Run the dealer order checks as of `day` (the addon takes the confirmation day from the clock)."""
    order_class = type(env["sale.order"])
    own = order_class.__dict__.get("_dealer_order_day")
    order_class._dealer_order_day = lambda self: day
    try:
        yield
    finally:
        if own is None:
            del order_class._dealer_order_day
        else:
            order_class._dealer_order_day = own


def _override_reason(order, special, day):
    """The manager's reason: the one planned for a deliberate breach, else the credit exception granted."""
    if special:
        product = order.order_line.filtered(lambda line: line.discount == special.get("discount"))[:1]
        return special["reason"].format(product=product.product_id.name or "")
    return C.CREDIT_OVERRIDE_REASON.format(dealer=order.partner_id.name, promise=f"{add_days(day, 15):%m月%d日}")


def confirm_checked(menv, order, day, special):
    """Confirm through the dealer checks; when they fail, the manager overrides with a reason.

    Returns the failed checks text of an override, or None when every check passed.
    """
    with history_clock(menv, day):
        try:
            with menv.cr.savepoint():
                order.action_confirm()
        except UserError as refusal:
            wizard = menv["dealer.order.override.wizard"].create({
                "order_id": order.id, "reason": _override_reason(order, special, day),
            })
            failures = wizard.failure_text
            kinds = set(order._dealer_collect_failures(lock=False).get(order, {}))
            expected = {"floor": {"floor_price"}, "territory": {"territory"}, "credit": {"credit"}}.get(
                (special or {}).get("kind"), set())
            if kinds - expected - {"credit"}:
                raise RuntimeError(f"{order.name} ({order.partner_id.name}) fails unexpected checks {kinds} "
                                   f"(expected {expected}):\n{failures}") from refusal
            wizard.action_confirm_override()
            order.dealer_violation_ids.write({"date": day})
            return failures
    if special:
        raise RuntimeError(f"{order.name} was planned to break the {special['kind']} check but passed")
    return None


def cross_territory_address(menv, dealers):
    """The delivery address of the 窜货 order: outside the dealer's territories."""
    data = C.CROSS_TERRITORY_ADDRESS
    dealer = dealers[data["dealer"]]
    return menv["res.partner"].create({
        "type": "other", "parent_id": dealer.id, "name": data["name"], "street": data["street"],
        "city": data["city"], "state_id": menv.ref(f"base.state_cn_{data['state']}").id,
        "country_id": menv.ref("base.cn").id, "phone": dealer.phone,
    })


# ---------------------------------------------------------------- steps
def _deliver(picking, day):
    """Ship (or receive back) everything of a picking, dated `day`."""
    when = order_datetime(day)
    picking.scheduled_date = when
    for move in picking.move_ids:
        move.quantity = move.product_uom_qty
    picking.move_ids.picked = True
    result = picking.with_context(skip_backorder=True, cancel_backorder=True).button_validate()
    if result is not True:
        raise RuntimeError(f"{picking.name}: validation asked for a wizard: {result}")
    picking.date_done = when
    picking.move_ids.write({"date": when})
    picking.move_ids.move_line_ids.write({"date": when})


def _post_invoice(invoice, day):
    invoice.write({"invoice_date": day})
    invoice.action_post()
    return invoice


def process_order(menv, dealer, manager, day, lines, special=None, shipping=None):
    """Quotation → confirmed order (dealer checks) → delivered → invoiced (posted), dated in the past."""
    vals = {
        "partner_id": dealer.id,
        "user_id": manager.id,
        "client_order_ref": f"PO{day:%Y%m%d}-{dealer.dealer_code[-3:]}",
        "partner_shipping_id": dealer.id,  # delivered to the dealer's own address (in its territory) ...
        "order_line": [Command.create({"product_id": product.id, "product_uom_qty": qty}) for product, qty in lines],
    }
    if special and special["kind"] == "territory":
        vals["partner_shipping_id"] = shipping.id  # ... except the 窜货 order
    if special and special["kind"] == "credit":  # a group purchase far beyond the usual order size
        factor = special["qty_factor"]
        vals["order_line"] = [Command.create({"product_id": product.id, "product_uom_qty": qty * factor})
                              for product, qty in lines]
    order = menv["sale.order"].create(vals)
    if special and special["kind"] == "floor":  # a special price on the most expensive line
        line = order.order_line.sorted(lambda sol: (-sol.price_unit, sol.id))[:1]
        line.discount = special["discount"]
    overridden = confirm_checked(menv, order, day, special)
    order.write({"date_order": order_datetime(day)})
    for picking in order.picking_ids:
        _deliver(picking, add_days(day, RNG.randint(1, 3)))
    invoice = order._create_invoices()
    _post_invoice(invoice, add_days(day, RNG.randint(2, 4)))
    return order, invoice, overridden


def register_payment(menv, invoice, day, ratio=1.0):
    """Register a bank payment of an invoice (or of a part of it) through the payment wizard."""
    journal = menv["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", invoice.company_id.id)], limit=1)
    vals = {"payment_date": day, "journal_id": journal.id}
    if ratio < 1.0:
        vals.update(amount=invoice.currency_id.round(invoice.amount_residual * ratio),
                    payment_difference_handling="open")
    wizard = menv["account.payment.register"].with_context(
        active_model="account.move", active_ids=invoice.ids).create(vals)
    return wizard._create_payments()


def pay_day(invoice, today, settle_all):
    """When the dealer pays: around the due date (a few days early or late); None when not yet."""
    due = invoice.invoice_date_due
    day = add_days(due, RNG.randint(-10, 4) if due > invoice.invoice_date else RNG.randint(0, 3))
    day = max(day, invoice.invoice_date)
    yesterday = add_days(today, -1)
    if settle_all:
        day = min(day, yesterday)
    return day if day <= yesterday else None


def return_and_refund(menv, order, reason, qty, day):
    """Goods sent back: return picking, credit note from the order (Odoo's flow) set off against the invoice."""
    delivery = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")[:1]
    wizard = menv["stock.return.picking"].with_context(
        active_id=delivery.id, active_ids=delivery.ids, active_model="stock.picking").create({})
    wizard.product_return_moves[:1].write({"quantity": qty, "to_refund": True})
    returned = menv["stock.picking"].browse(wizard.action_create_returns()["res_id"])
    _deliver(returned, day)
    refund = order._create_invoices(final=True)
    refund.write({"ref": reason, "narration": reason})
    _post_invoice(refund, day)
    invoice = order.invoice_ids.filtered(lambda m: m.move_type == "out_invoice" and m.payment_state != "paid")[:1]
    credit_line = refund.line_ids.filtered(lambda ml: ml.account_type == "asset_receivable")
    if invoice:
        invoice.js_assign_outstanding_line(credit_line.id)  # deducted from what the dealer still owes
    return refund


# ---------------------------------------------------------------- the timeline
def load_sales_history(menv, dealers, products, manager, today):
    """Replay the six months: orders, returns and payments in date order."""
    plan = plan_orders(products, today)
    special = payment_behaviour(plan)
    returns = {key: (reason, qty) for key, reason, qty in T.REFUNDS}
    breaches = {(row["dealer"], row["index"]): row for row in C.HISTORY_OVERRIDES}
    shipping = cross_territory_address(menv, dealers)
    sequence = itertools.count()
    events = [(day, ORDER, next(sequence), (key, lines)) for day, key, lines in plan]
    heapq.heapify(events)
    log(f"sales history: {len(plan)} orders from {plan[0][0]} to {plan[-1][0]}")
    index_by_dealer, stats = {}, {"orders": 0, "paid": 0, "partial": 0, "refunds": 0, "overrides": 0}
    while events:
        day, kind, _seq, data = heapq.heappop(events)
        if kind == PAY:
            invoice, ratio = data
            register_payment(menv, invoice, day, ratio)
            stats["paid" if ratio == 1.0 else "partial"] += 1
        elif kind == RETURN:
            order, reason, qty = data
            return_and_refund(menv, order, reason, qty, day)
            stats["refunds"] += 1
        else:
            key, lines = data
            index = index_by_dealer[key] = index_by_dealer.get(key, -1) + 1
            breach = breaches.get((key, index))
            order, invoice, overridden = process_order(
                menv, dealers[key].with_env(menv), manager, day, lines, breach, shipping)
            if overridden:
                stats["overrides"] += 1
                log(f"  {order.name} {dealers[key].name} confirmed by override: {overridden.replace(chr(10), ' ')}")
            behaviour = special.get((key, index))
            when = None if behaviour == "unpaid" else pay_day(invoice, today, STATUS[key] == "terminated")
            if when:
                heapq.heappush(events, (when, PAY, next(sequence), (invoice, 0.6 if behaviour else 1.0)))
            if key in returns and index == T.REFUND_ORDER_INDEX:
                reason, qty = returns[key]
                heapq.heappush(events, (add_days(day, 6), RETURN, next(sequence), (order, reason, qty)))
            stats["orders"] += 1
            if stats["orders"] % 10 == 0:
                checkpoint(menv)
            if stats["orders"] % 20 == 0 or stats["orders"] == len(plan):
                log(f"  {stats['orders']}/{len(plan)} orders confirmed, delivered and invoiced; "
                    f"{stats['paid']} invoices paid")
    log(f"sales history done: {stats['orders']} orders, {stats['paid']} invoices paid in full, "
        f"{stats['partial']} in part, {stats['refunds']} returns with credit notes; "
        f"{stats['overrides']} orders confirmed by a manager override of the dealer checks")
