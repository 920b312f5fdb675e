"""Cost of the dealer order checks on confirmation.

Run inside an Odoo shell on a database with dealer_management installed (a chart of accounts is needed):

    python3 -m odoo shell -c .local/odoo.conf -d <db> --no-http < bench/bench_order_checks.py

Builds dealers with a long posted-invoice history, then confirms orders one by one with the grade's checks
enabled and disabled (interleaved in rounds so that both runs see the same data volume) and prints both
times and their ratio. Everything is rolled back at the end: the shell never commits.
Sizes come from the environment: BENCH_DEALERS (50), BENCH_INVOICES (200 per dealer), BENCH_ORDERS (500 per
run), BENCH_LINES (10), BENCH_ROUND (50 orders per round), BENCH_PRODUCT_TYPE (consu, or service).
"""
import os
import time
from datetime import timedelta

from odoo import fields
from odoo.fields import Command

env = globals()["env"]  # provided by `odoo shell`
DEALERS = int(os.environ.get("BENCH_DEALERS", "50"))
INVOICES = int(os.environ.get("BENCH_INVOICES", "200"))
ORDERS = int(os.environ.get("BENCH_ORDERS", "500"))
LINES = int(os.environ.get("BENCH_LINES", "10"))
ROUND = int(os.environ.get("BENCH_ROUND", "50"))
PRODUCT_TYPE = os.environ.get("BENCH_PRODUCT_TYPE", "consu")
BATCH = 500


def say(message):
    print(f"[bench] {message}", flush=True)


def analyze():
    """Refresh planner statistics: the data lives in this uncommitted transaction, which autovacuum
    never sees, and stale statistics make PostgreSQL pick very bad plans (core posting queries too)."""
    env.flush_all()
    env.cr.execute("ANALYZE res_partner, account_move, account_move_line, account_partial_reconcile, "
                   "sale_order, sale_order_line, stock_move, stock_picking, dealer_contract")


def build_master_data():
    """Grade with pricelist, a province territory, products, active dealers with contracts."""
    today = fields.Date.context_today(env.user)
    state = env.ref("base.state_cn_ZJ")
    territory = env["dealer.territory"].create({"name": "Bench Zhejiang", "code": "BENCH-ZJ", "state_id": state.id})
    products = env["product.product"].create([{
        "name": f"Bench product {index}", "type": PRODUCT_TYPE, "list_price": 100.0 + index,
        "dealer_floor_price": 50.0 if index % 2 else 0.0, "taxes_id": [Command.clear()],
    } for index in range(20)])
    pricelist = env["product.pricelist"].create({
        "name": "Bench dealer prices",
        "item_ids": [Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 10})],
    })
    grade = env["dealer.grade"].create({"name": "Bench grade", "code": "BENCH", "pricelist_id": pricelist.id})
    dealers = env["res.partner"].create([{
        "name": f"Bench dealer {index}", "is_company": True, "is_dealer": True, "dealer_grade_id": grade.id,
        "dealer_territory_ids": [Command.set(territory.ids)], "country_id": state.country_id.id,
        "state_id": state.id, "city": "杭州",
    } for index in range(DEALERS)])
    dealers._dealer_set_state("active")
    for dealer in dealers:
        dealer.with_company(env.company).credit_limit = 1e9
    contracts = env["dealer.contract"].create([{
        "partner_id": dealer.id, "date_start": today - timedelta(days=400), "date_end": today + timedelta(days=400),
        "credit_limit": 0.0,
    } for dealer in dealers])
    contracts.action_activate()
    return grade, dealers, products


def build_invoice_history(dealers):
    """INVOICES posted, open customer invoices per dealer, due in the future (none overdue)."""
    today = fields.Date.context_today(env.user)
    journal = env["account.journal"].search([*env["account.journal"]._check_company_domain(env.company),
                                             ("type", "=", "sale")], limit=1)
    vals_list = [{
        "move_type": "out_invoice", "partner_id": dealer.id, "journal_id": journal.id,
        "invoice_date": today - timedelta(days=index % 365), "invoice_date_due": today + timedelta(days=30),
        "invoice_line_ids": [Command.create({
            "name": "History", "quantity": 1, "price_unit": 100.0 + index % 50, "tax_ids": [Command.clear()],
        })],
    } for dealer in dealers for index in range(INVOICES)]
    start = time.perf_counter()
    for offset in range(0, len(vals_list), BATCH):
        moves = env["account.move"].with_context(tracking_disable=True).create(vals_list[offset:offset + BATCH])
        moves.action_post()
        analyze()
        env.invalidate_all()
    say(f"{len(vals_list)} invoices created and posted in {time.perf_counter() - start:.1f}s")


def build_orders(dealers, products, count):
    """`count` quotations of LINES lines, dealers round-robin."""
    orders = env["sale.order"]
    for offset in range(0, count, BATCH):
        orders |= env["sale.order"].create([{
            "partner_id": dealers[index % len(dealers)].id,
            "order_line": [Command.create({
                "product_id": products[(index + line) % len(products)].id, "product_uom_qty": 1 + line,
            }) for line in range(LINES)],
        } for index in range(offset, min(offset + BATCH, count))])
    analyze()
    return orders


def confirm_timed(orders):
    """Confirm orders one by one (as users do); seconds spent."""
    start = time.perf_counter()
    for order in orders:
        order.action_confirm()
        env.flush_all()
    return time.perf_counter() - start


def set_checks(grade, enabled):
    grade.write({"check_contract": enabled, "check_floor_price": enabled, "check_credit": enabled,
                 "check_territory": enabled})
    env.flush_all()


def main():
    say(f"dealers={DEALERS} invoices/dealer={INVOICES} orders/run={ORDERS} lines={LINES} type={PRODUCT_TYPE}")
    grade, dealers, products = build_master_data()
    build_invoice_history(dealers)
    orders = build_orders(dealers, products, 2 * ORDERS + 20)
    warmup, orders = orders[:20], orders[20:]
    set_checks(grade, True)
    confirm_timed(warmup[:10])
    set_checks(grade, False)
    confirm_timed(warmup[10:])
    timing = {True: 0.0, False: 0.0}
    for offset in range(0, ORDERS, ROUND):
        for enabled in (True, False):
            batch = orders[2 * offset:2 * offset + 2 * ROUND][int(not enabled)::2]
            set_checks(grade, enabled)
            env.invalidate_all()
            timing[enabled] += confirm_timed(batch)
    checked = orders[0::2]
    assert all(checked.mapped("dealer_checks_passed")), "some orders did not pass the checks"
    on, off = timing[True], timing[False]
    say(f"checks enabled : {on:.2f}s for {ORDERS} orders ({1000 * on / ORDERS:.1f} ms/order)")
    say(f"checks disabled: {off:.2f}s for {ORDERS} orders ({1000 * off / ORDERS:.1f} ms/order)")
    say(f"ratio enabled/disabled: {on / off:.3f} (target <= 1.15); overhead {1000 * (on - off) / ORDERS:.1f} ms/order")


main()
env.cr.rollback()
