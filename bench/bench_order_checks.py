"""Cost of the dealer order checks on confirmation, at two sizes of invoice history, in one run.

Run by `make bench ONLY=order_checks`, or inside an Odoo shell on a database with dealer_management installed
(a chart of accounts is needed), from the repository root:

    python3 -m odoo shell -c .local/odoo.conf -d <db> --no-http < bench/bench_order_checks.py

Builds two groups of active dealers in the same database: a small history (BENCH_SMALL_DEALERS 10 dealers x
BENCH_SMALL_INVOICES 20 posted, open invoices) and a large one (BENCH_DEALERS 50 x BENCH_INVOICES 200). Then
confirms orders one by one (as users do), in rounds of BENCH_ROUND orders, interleaved: small with the grade's
checks on, small off, large on, large off, and again, so that the four figures see the same load and the same
data volume. For each figure: milliseconds of wall time and of the Odoo process's CPU time
(``time.process_time()``) and SQL queries per order; then the two ratios the issue sets (large / small, checks on
/ off). The checks alone (``_dealer_collect_failures`` on quotations, without the confirmation) are measured the
same way at both sizes. Finally one round of large-history confirmations with the checks on runs under cProfile
(BENCH_PROFILE=0 leaves it out) and the functions of the dealer addons and the overall top are printed.
Everything is rolled back at the end: the shell never commits.
Other sizes: BENCH_ORDERS (200 orders per figure), BENCH_LINES (10 lines per order), BENCH_ROUND (25),
BENCH_PRODUCT_TYPE (consu, or service).
"""
import cProfile
import io
import os
import pstats
import time
from datetime import timedelta

from odoo import fields
from odoo.fields import Command

env = globals()["env"]  # provided by `odoo shell`
SIZES = {
    "small": (int(os.environ.get("BENCH_SMALL_DEALERS", "10")), int(os.environ.get("BENCH_SMALL_INVOICES", "20"))),
    "large": (int(os.environ.get("BENCH_DEALERS", "50")), int(os.environ.get("BENCH_INVOICES", "200"))),
}
ORDERS = int(os.environ.get("BENCH_ORDERS", "200"))
LINES = int(os.environ.get("BENCH_LINES", "10"))
ROUND = int(os.environ.get("BENCH_ROUND", "25"))
PROFILE = os.environ.get("BENCH_PROFILE", "1") == "1"
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
    """Grade with pricelist, a province territory, products."""
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
    return grade, territory, products


def build_dealers(grade, territory, size, count):
    """`count` active dealers of the grade with an active contract."""
    today = fields.Date.context_today(env.user)
    state = territory.state_id
    dealers = env["res.partner"].create([{
        "name": f"Bench dealer {size} {index}", "is_company": True, "is_dealer": True, "dealer_grade_id": grade.id,
        "dealer_territory_ids": [Command.set(territory.ids)], "country_id": state.country_id.id,
        "state_id": state.id, "city": "杭州",
    } for index in range(count)])
    dealers._dealer_set_state("active")
    for dealer in dealers:
        dealer.with_company(env.company).credit_limit = 1e9
    contracts = env["dealer.contract"].create([{
        "partner_id": dealer.id, "date_start": today - timedelta(days=400), "date_end": today + timedelta(days=400),
        "credit_limit": 0.0,
    } for dealer in dealers])
    contracts.action_activate()
    return dealers


def build_invoice_history(dealers, invoices):
    """`invoices` posted, open customer invoices per dealer, due in the future (none overdue)."""
    today = fields.Date.context_today(env.user)
    journal = env["account.journal"].search([*env["account.journal"]._check_company_domain(env.company),
                                             ("type", "=", "sale")], limit=1)
    vals_list = [{
        "move_type": "out_invoice", "partner_id": dealer.id, "journal_id": journal.id,
        "invoice_date": today - timedelta(days=index % 365), "invoice_date_due": today + timedelta(days=30),
        "invoice_line_ids": [Command.create({
            "name": "History", "quantity": 1, "price_unit": 100.0 + index % 50, "tax_ids": [Command.clear()],
        })],
    } for dealer in dealers for index in range(invoices)]
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


class Meter:
    """Wall time, CPU time of this process and SQL queries, summed over the measured parts."""

    def __init__(self):
        self.wall = self.cpu = 0.0
        self.queries = self.count = 0

    def measure(self, function, records):
        """Call function(record) for each record, flushing after each; add the costs."""
        wall, cpu, queries = time.perf_counter(), time.process_time(), env.cr.sql_log_count
        for record in records:
            function(record)
            env.flush_all()
        self.wall += time.perf_counter() - wall
        self.cpu += time.process_time() - cpu
        self.queries += env.cr.sql_log_count - queries
        self.count += len(records)

    def per_item(self):
        return 1000 * self.wall / self.count, 1000 * self.cpu / self.count, self.queries / self.count

    def line(self, label):
        wall, cpu, queries = self.per_item()
        return f"{label}: {wall:6.1f} ms/order wall, {cpu:6.1f} ms CPU, {queries:5.1f} queries ({self.count} orders)"


def confirm(order):
    order.action_confirm()


def checks_only(order):
    order._dealer_collect_failures(lock=False)


def set_checks(grade, enabled):
    grade.write({"check_contract": enabled, "check_floor_price": enabled, "check_credit": enabled,
                 "check_territory": enabled})
    env.flush_all()


def ratio_line(label, top, bottom, goal):
    return (f"{label}: wall {top.wall / top.count / (bottom.wall / bottom.count):.3f}, "
            f"CPU {top.cpu / top.count / (bottom.cpu / bottom.count):.3f}, "
            f"queries {top.queries / top.count / (bottom.queries / bottom.count):.3f} (goal <= {goal})")


def profile_round(grade, orders):
    """Confirm the orders under cProfile; print the dealer addons' functions and the overall top."""
    set_checks(grade, True)
    env.invalidate_all()
    profiler = cProfile.Profile()
    profiler.enable()
    meter = Meter()
    meter.measure(confirm, orders)
    profiler.disable()
    say(meter.line("profiled round, large history, checks on (under cProfile)"))
    for title, restriction in (("dealer addons", r"/dealer_[a-z_]+/models/"), ("overall", None)):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(*([restriction, 25] if restriction else [30]))
        say(f"cProfile, cumulative time, {title}:")
        for row in out.getvalue().splitlines():
            if row.strip() and ("/" in row or "ncalls" in row):
                print("    " + row.replace(os.getcwd() + "/", "").replace("/opt/odoo/", ""))


def main():
    say(f"sizes (dealers x invoices): {SIZES}; orders per figure={ORDERS} lines={LINES} round={ROUND} "
        f"type={PRODUCT_TYPE}; load average {os.getloadavg()[0]:.1f}")
    grade, territory, products = build_master_data()
    dealers, orders = {}, {}
    for size, (count, invoices) in SIZES.items():
        dealers[size] = build_dealers(grade, territory, size, count)
        build_invoice_history(dealers[size], invoices)
    extra = ROUND if PROFILE else 0
    for size in SIZES:
        # per size: 10 warm-up, ORDERS per mode, ORDERS quotations for the checks alone, the profiled round
        orders[size] = build_orders(dealers[size], products, 10 + 3 * ORDERS + extra)
    for size in SIZES:
        warmup = orders[size][:10]
        set_checks(grade, True)
        Meter().measure(confirm, warmup[:5])
        set_checks(grade, False)
        Meter().measure(confirm, warmup[5:])
    meters = {(size, enabled): Meter() for size in SIZES for enabled in (True, False)}
    alone = {size: Meter() for size in SIZES}
    for offset in range(0, ORDERS, ROUND):
        for size in SIZES:
            pool = orders[size][10:]
            for enabled in (True, False):
                batch = pool[2 * offset:2 * offset + 2 * ROUND][int(not enabled)::2]
                set_checks(grade, enabled)
                env.invalidate_all()
                meters[size, enabled].measure(confirm, batch)
        set_checks(grade, True)
        for size in SIZES:
            env.invalidate_all()
            alone[size].measure(checks_only, orders[size][10 + 2 * ORDERS + offset:10 + 2 * ORDERS + offset + ROUND])
    for size in SIZES:
        checked = orders[size][10:10 + 2 * ORDERS][0::2]
        assert all(checked.mapped("dealer_checks_passed")), f"some {size} orders did not pass the checks"
    say(f"load average after the timed rounds: {os.getloadavg()[0]:.1f}")
    for size, (count, invoices) in SIZES.items():
        for enabled in (True, False):
            say(meters[size, enabled].line(f"{size:5} ({count} dealers x {invoices} invoices), checks "
                                           f"{'on ' if enabled else 'off'}"))
        say(alone[size].line(f"{size:5} checks alone (_dealer_collect_failures on a quotation)"))
    for enabled in (True, False):
        say(ratio_line(f"large / small, checks {'on ' if enabled else 'off'}", meters["large", enabled],
                       meters["small", enabled], 1.2))
    for size in SIZES:
        say(ratio_line(f"checks on / off, {size}", meters[size, True], meters[size, False], 1.15))
    say(ratio_line("checks alone, large / small", alone["large"], alone["small"], 1.2))
    if PROFILE:
        profile_round(grade, orders["large"][10 + 3 * ORDERS:])


main()
env.cr.rollback()
