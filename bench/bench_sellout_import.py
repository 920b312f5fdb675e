"""Import of dealer sell-out lines with serial (VIN) matching: throughput and queries per 1,000 lines.

Run inside an Odoo shell on a database with dealer_sellout installed (`make bench ONLY=sellout`):

    python3 -m odoo shell -c .local/odoo.conf -d <db> --no-http < bench/bench_sellout_import.py

For each level of known serials (BENCH_SERIAL_LEVELS, default "10000,100000"), serials are created in bulk and
given to the dealer as a delivery would (one set-based update per batch: delivering 100,000 serials through
pickings would dominate the run; tests/test_serial.py covers the pickings), then as many sell-out lines as
there are serials are imported through `dealer.sellout._dealer_sellout_create_checked` in batches of
BENCH_BATCH (1,000) lines, each line naming its serial by VIN. The figures printed per level: lines per second
and SQL queries per 1,000 lines; serial matching is one query per batch, so the queries per 1,000 lines must
not grow with the number of serials known. Everything is rolled back at the end.
"""
import os
import time

from odoo import Command

env = globals()["env"]  # provided by `odoo shell`
LEVELS = [int(level) for level in os.environ.get("BENCH_SERIAL_LEVELS", "10000,100000").split(",")]
BATCH = int(os.environ.get("BENCH_BATCH", "1000"))
CREATE_BATCH = 5000


def say(message):
    print(f"[bench] {message}", flush=True)


def analyze():
    """Refresh planner statistics: the rows live in this uncommitted transaction, which autovacuum never sees."""
    env.flush_all()
    env.cr.execute("ANALYZE stock_lot, dealer_sellout")


def build_master_data():
    state = env.ref("base.state_cn_ZJ")
    territory = env["dealer.territory"].create({
        "name": "Bench Zhejiang", "code": "BENCH-SO-ZJ", "level": "province", "state_id": state.id})
    dealer = env["res.partner"].create({
        "name": "Bench sell-out dealer", "is_company": True, "is_dealer": True, "country_id": state.country_id.id,
        "dealer_territory_ids": [Command.set(territory.ids)],
    })
    dealer.action_dealer_make_applicant()
    dealer.action_dealer_activate()
    vehicle = env["product.product"].create({
        "name": "Bench vehicle", "type": "consu", "is_storable": True, "tracking": "serial", "list_price": 1000.0,
        "dealer_min_retail_price": 900.0,
    })
    return dealer, vehicle, state


def add_serials(dealer, vehicle, start, stop):
    """Serials start..stop-1 of the vehicle, at the dealer."""
    for first in range(start, stop, CREATE_BATCH):
        last = min(first + CREATE_BATCH, stop)
        lots = env["stock.lot"].create([{"name": f"BENCHVIN{n:09d}", "product_id": vehicle.id}
                                        for n in range(first, last)])
        lots._dealer_trusted_lot().write({"dealer_id": dealer.id})
        env.flush_all()
        env.invalidate_all()
        analyze()


def import_lines(dealer, vehicle, state, start, stop):
    """Import sell-out lines for serials start..stop-1; (seconds, queries)."""
    Sellout = env["dealer.sellout"]
    elapsed = 0.0
    queries = 0
    for first in range(start, stop, BATCH):
        vals_list = [{
            "dealer_id": dealer.id, "product_id": vehicle.id, "lot_name": f"BENCHVIN{n:09d}", "quantity": 1,
            "price_unit": 1200.0, "customer_name": f"Customer {n}", "customer_state_id": state.id,
            "customer_city": "杭州市", "date": "2026-10-15",
        } for n in range(first, min(first + BATCH, stop))]
        before_queries, before = env.cr.sql_log_count, time.perf_counter()
        records = Sellout._dealer_sellout_create_checked(vals_list)
        env.flush_all()
        elapsed += time.perf_counter() - before
        queries += env.cr.sql_log_count - before_queries
        assert all(records.mapped("lot_id")), "every serial is matched"
        env.invalidate_all()
        if (first - start) % 20000 == 0:
            analyze()
    return elapsed, queries


def main():
    dealer, vehicle, state = build_master_data()
    known = 0
    imported = 0
    results = []
    for level in LEVELS:
        started = time.perf_counter()
        add_serials(dealer, vehicle, known, level)
        say(f"{level - known} serials created and at the dealer in {time.perf_counter() - started:.1f}s "
            f"({level} known)")
        lines = level - imported
        seconds, queries = import_lines(dealer, vehicle, state, imported, level)
        known = imported = level
        results.append((level, lines, seconds, queries))
        say(f"known serials {level:>7}: imported {lines} lines in {seconds:.1f}s = {lines / seconds:,.0f} "
            f"lines/s, {1000.0 * queries / lines:.0f} queries per 1,000 lines")
    say("summary (known serials, lines, lines/s, queries per 1,000 lines):")
    for level, lines, seconds, queries in results:
        say(f"  {level:>7} {lines:>7} {lines / seconds:>8,.0f} {1000.0 * queries / lines:>6.0f}")


try:
    main()
finally:
    env.cr.rollback()
    say("rolled back")
