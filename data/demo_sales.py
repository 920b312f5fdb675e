"""Six months of trade with the dealers: orders → deliveries → invoices → payments, returns and credit notes.

The history is planned without the ORM by demo_plan.py (orders, delivery, invoice and payment days, breaches,
returns: a pure function of today) and replayed here as a dated timeline (orders, returns, payments) so that, when
an order is confirmed, the dealer's receivable is what it was on that day: earlier invoices are paid around their
due date, some are paid late, partly or not at all.  Every step goes through Odoo's own flow, run as the Dealer
Manager (`menv`): `action_confirm`, picking `button_validate`, `_create_invoices`, `action_post`, the payment
register wizard, the return wizard.  Dates are set in the past after each step (Odoo stamps "now").
The work is committed every few orders (see `demo_util.checkpoint`).

Every order goes through the addon's dealer checks (contract, floor price, credit, territory) on confirmation.
The checks run as of the order's day in the history (`history_clock`): the addon dates a confirmation
"today", so without the clock every invoice of the replayed months would already look overdue.  Orders the
history makes break a check on purpose (below the floor price, delivered outside the territory, over the credit
limit) are sized from the state at that moment (`size_floor_breach`, `size_credit_breach`), and they and the
orders refused for credit are confirmed by the Dealer Manager through the override wizard, with a reason; the
overridden price and territory checks become violations.
"""
import heapq
import itertools
from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import UserError

import demo_plan as P
import demo_tables_commercial as C
from demo_util import add_days, checkpoint, log, order_datetime

# events of one day in this order: payments first, then returns, then new orders
PAY, RETURN, ORDER = 0, 1, 2


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


def _override_reason(order, breach, day, product):
    """The manager's reason: the one planned for a deliberate breach, else the credit exception granted."""
    if breach:
        return breach["reason"].format(product=product.name if product else "")
    return C.CREDIT_OVERRIDE_REASON.format(dealer=order.partner_id.name, promise=f"{add_days(day, 15):%m月%d日}")


def confirm_checked(menv, order, day, breach, product=None):
    """Confirm through the dealer checks; when they fail, the manager overrides with a reason.

    Returns the failed checks text of an override, or None when every check passed.
    """
    with history_clock(menv, day):
        try:
            with menv.cr.savepoint():
                order.action_confirm()
        except UserError as refusal:
            wizard = menv["dealer.order.override.wizard"].create({
                "order_id": order.id, "reason": _override_reason(order, breach, day, product),
            })
            failures = wizard.failure_text
            kinds = set(order._dealer_collect_failures(lock=False).get(order, {}))
            expected = {"floor": {"floor_price"}, "territory": {"territory"}, "credit": {"credit"}}.get(
                (breach or {}).get("kind"), set())
            if kinds - expected - {"credit"} or not expected <= kinds:
                raise RuntimeError(f"{order.name} ({order.partner_id.name}) fails the checks {kinds} "
                                   f"(expected {expected}):\n{failures}") from refusal
            wizard.action_confirm_override()
            order.dealer_violation_ids.write({"date": day})
            return failures
    if breach:
        raise RuntimeError(f"{order.name} was planned to break the {breach['kind']} check but passed")
    return None


def size_floor_breach(order):
    """A special price on the most expensive line: its discount sells it below the product's floor price."""
    line = order.order_line.sorted(lambda sol: (-sol.price_unit, sol.id))[:1]
    line.discount = P.floor_breach_discount(line.price_unit, line.product_id.dealer_floor_price)
    return line.product_id


def size_credit_breach(menv, order, day):
    """A group purchase over the credit limit: the planned lines multiplied until the order exceeds the dealer's
    available credit on `day` (limit − open receivable − uninvoiced orders, the credit check's own figures) by a
    margin of the limit."""
    with history_clock(menv, day):
        dealer, company = order._dealer_partner(), order.company_id
        limit = order._dealer_credit_limit()
        receivable = dealer._dealer_open_receivable(company).get((dealer.id, company.id), (0.0, None))[0]
        others, _own = order._dealer_uninvoiced_amounts(dealer, company)
        amount = order._dealer_amount_company_currency()
    if not limit:
        raise RuntimeError(f"{order.name}: {dealer.name} has no credit limit, its order cannot exceed it")
    factor = P.credit_breach_factor(limit - receivable - others, amount, P.CREDIT_BREACH_MARGIN * limit)
    for line in order.order_line:
        line.product_uom_qty *= factor
    log(f"  {order.name} {dealer.name}: credit limit {limit:,.0f}, used {receivable + others:,.0f}, "
        f"group purchase {order._dealer_amount_company_currency():,.0f} ({factor} × the usual order)")
    return dealer


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
def _deliver(picking, day, when=None):
    """Ship (or receive back) everything of a picking, dated `day` (at `when` if given)."""
    when = when or order_datetime(day)
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


def process_order(menv, dealer, manager, planned, products, shipping):
    """Quotation → confirmed order (dealer checks) → delivered → invoiced (posted), dated as planned."""
    day, breach = planned.day, planned.breach
    kind = (breach or {}).get("kind")
    order = menv["sale.order"].create({
        "partner_id": dealer.id,
        "user_id": manager.id,
        "client_order_ref": f"PO{day:%Y%m%d}-{dealer.dealer_code[-3:]}",
        # delivered to the dealer's own address (in its territory), except the 窜货 order
        "partner_shipping_id": shipping.id if kind == "territory" else dealer.id,
        "order_line": [Command.create({"product_id": products[code].id, "product_uom_qty": qty})
                       for code, qty in planned.lines],
    })
    product = size_floor_breach(order) if kind == "floor" else None
    if kind == "credit":
        size_credit_breach(menv, order, day)
    overridden = confirm_checked(menv, order, day, breach, product)
    order.write({"date_order": order_datetime(day, planned.hour, planned.minute)})
    for picking in order.picking_ids:
        _deliver(picking, planned.delivery, order_datetime(planned.delivery, planned.hour, planned.minute))
    invoice = _post_invoice(order._create_invoices(), planned.invoice)
    if invoice.invoice_date_due != planned.due:
        raise RuntimeError(f"{invoice.name}: due {invoice.invoice_date_due}, the plan said {planned.due}: "
                           "demo_plan.TERM_DAYS no longer matches the grades' payment terms")
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


def return_and_refund(menv, order, reason, qty, day, code):
    """Goods sent back (`qty` of the product `code`): return picking, credit note from the order (Odoo's flow) set
    off against the invoice."""
    delivery = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")[:1]
    wizard = menv["stock.return.picking"].with_context(
        active_id=delivery.id, active_ids=delivery.ids, active_model="stock.picking").create({})
    returned = wizard.product_return_moves.filtered(lambda line: line.product_id.default_code == code)
    if len(returned) != 1:
        raise RuntimeError(f"{delivery.name}: no single line of {code} to return")
    returned.write({"quantity": qty, "to_refund": True})
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
    """Replay the planned history: orders, returns and payments in date order; {(dealer key, index): sale.order}."""
    plan = P.plan_history(today)
    problems = P.plan_problems(plan)
    if problems:
        raise RuntimeError("the demo history planned for {} lacks what the demo relies on:\n{}".format(
            today, "\n".join(problems)))
    by_code = {product.default_code: product for product in products}
    shipping = cross_territory_address(menv, dealers)
    sequence = itertools.count()
    events = [(planned.day, ORDER, next(sequence), planned) for planned in plan.orders]
    heapq.heapify(events)
    log(f"sales history: {len(plan.orders)} orders from {plan.orders[0].day} to {plan.orders[-1].day}")
    stats = {"orders": 0, "paid": 0, "partial": 0, "refunds": 0, "overrides": 0}
    orders = {}
    while events:
        day, kind, _seq, data = heapq.heappop(events)
        if kind == PAY:
            invoice, ratio = data
            register_payment(menv, invoice, day, ratio)
            stats["paid" if ratio == 1.0 else "partial"] += 1
        elif kind == RETURN:
            order, reason, qty, code = data
            return_and_refund(menv, order, reason, qty, day, code)
            stats["refunds"] += 1
        else:
            planned = data
            dealer = dealers[planned.key].with_env(menv)
            order, invoice, overridden = process_order(menv, dealer, manager, planned, by_code, shipping)
            orders[planned.key, planned.index] = order
            if overridden:
                stats["overrides"] += 1
                log(f"  {order.name} {dealer.name} confirmed by override: {overridden.replace(chr(10), ' ')}")
            if planned.pay_day:
                ratio = 0.6 if planned.payment == "partial" else 1.0
                heapq.heappush(events, (planned.pay_day, PAY, next(sequence), (invoice, ratio)))
            if planned.refund:
                reason, qty, refund_day, code = planned.refund
                heapq.heappush(events, (refund_day, RETURN, next(sequence), (order, reason, qty, code)))
            stats["orders"] += 1
            if stats["orders"] % 10 == 0:
                checkpoint(menv)
            if stats["orders"] % 20 == 0 or stats["orders"] == len(plan.orders):
                log(f"  {stats['orders']}/{len(plan.orders)} orders confirmed, delivered and invoiced; "
                    f"{stats['paid']} invoices paid")
    log(f"sales history done: {stats['orders']} orders, {stats['paid']} invoices paid in full, "
        f"{stats['partial']} in part, {stats['refunds']} returns with credit notes; "
        f"{stats['overrides']} orders confirmed by a manager override of the dealer checks")
    return orders
