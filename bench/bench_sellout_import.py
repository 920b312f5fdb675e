"""Import of dealer sell-out lines with serial (VIN) matching against a plain ORM create of the same rows.

Run inside an Odoo shell on a database with dealer_sellout installed (`make bench ONLY=sellout`):

    python3 -m odoo shell -c .local/odoo.conf -d <db> --no-http < bench/bench_sellout_import.py

For each level of known serials (BENCH_SERIAL_LEVELS, default "10000,100000"), serials are created in bulk and
given to the dealer as a delivery would (one set-based update per batch: delivering 100,000 serials through
pickings would dominate the run; tests/test_serial.py covers the pickings), then as many sell-out lines as
there are new serials are recorded three times, in batches of BENCH_BATCH (1,000) lines, interleaved batch by batch
(the order rotated every batch) so that all three see the same load of a shared machine:

- checked: `dealer.sellout._dealer_sellout_create_checked`, each line naming its serial by VIN (matched, every
  rule of a line checked, numbered, written by one set-based `INSERT … SELECT unnest(…)`);
- checked_orm: `dealer.sellout._dealer_sellout_create_orm`, the same checks of the same rows written by the ORM's
  batched `create(vals_list)` (no chatter work): the reference the insert is compared with in the tests;
- plain: the issue's baseline, the model's batched ORM `create(vals_list)` of the same rows with their serial
  already given (`lot_id`), no dealer rule checked and no chatter work (what the ORM itself costs).

Printed per level and side: lines per second (wall clock), the Odoo process's CPU seconds
(`time.process_time()`), SQL queries per 1,000 lines; and the ratios checked / plain (goal ≤ 1.5) and checked /
checked_orm of the wall time and of the CPU time. Serial matching is one query per batch: the queries per 1,000
lines must not grow with the number of serials known. Everything is rolled back at the end.
"""
import os
import time

from odoo import Command

from odoo.addons.dealer_sellout.models.dealer_sellout import _CHECKED_BATCH

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


def batch_rows(dealer, vehicle, state, first, last):
    return [{
        "dealer_id": dealer.id, "product_id": vehicle.id, "lot_name": f"BENCHVIN{n:09d}", "quantity": 1,
        "price_unit": 1200.0, "customer_name": f"Customer {n}", "customer_state_id": state.id,
        "customer_city": "杭州市", "date": "2026-10-15",
    } for n in range(first, last)]


def measure(totals, side, run):
    """Run ``run()`` (then flush) and add its wall time, CPU time and queries to ``totals[side]``."""
    queries, wall, cpu = env.cr.sql_log_count, time.perf_counter(), time.process_time()
    records = run()
    env.flush_all()
    side_totals = totals[side]
    side_totals[0] += time.perf_counter() - wall
    side_totals[1] += time.process_time() - cpu
    side_totals[2] += env.cr.sql_log_count - queries
    return records


def import_lines(dealer, vehicle, state, start, stop):
    """Record the lines of serials start..stop-1 both ways, interleaved: {side: [seconds, CPU seconds, queries]}."""
    Sellout = env["dealer.sellout"]
    # the plain create: the model's own create, in the context the checked path's ORM reference creates its lines in
    plain = Sellout._dealer_trusted().with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
        dealer_sellout_checked=_CHECKED_BATCH)
    totals = {"checked": [0.0, 0.0, 0], "checked_orm": [0.0, 0.0, 0], "plain": [0.0, 0.0, 0]}
    for round_index, first in enumerate(range(start, stop, BATCH)):
        rows = batch_rows(dealer, vehicle, state, first, min(first + BATCH, stop))
        # the serials of the plain side's rows, found before it is timed
        lots = {lot.name: lot.id for lot in env["stock.lot"].search_fetch(
            [("product_id", "=", vehicle.id), ("name", "in", [row["lot_name"] for row in rows])], ["name"])}
        plain_rows = [{**row, "lot_id": lots[row["lot_name"]], "source": "import"} for row in rows]
        sides = [
            ("checked", lambda rows=rows: Sellout._dealer_sellout_create_checked(rows)),
            ("checked_orm", lambda rows=rows: Sellout._dealer_sellout_create_orm(rows)),
            ("plain", lambda rows=plain_rows: plain.create(rows)),
        ]
        shift = round_index % len(sides)
        for side, run in sides[shift:] + sides[:shift]:
            records = measure(totals, side, run)
            assert len(records.lot_id) == len(rows), "every serial is matched"
        env.invalidate_all()
        if (first - start) % 20000 == 0:
            analyze()
    return totals


def main():
    dealer, vehicle, state = build_master_data()
    known = 0
    results = []
    for level in LEVELS:
        started = time.perf_counter()
        add_serials(dealer, vehicle, known, level)
        say(f"{level - known} serials created and at the dealer in {time.perf_counter() - started:.1f}s "
            f"({level} known)")
        lines = level - known
        totals = import_lines(dealer, vehicle, state, known, level)
        known = level
        results.append((level, lines, totals))
        for side, (seconds, cpu, queries) in totals.items():
            say(f"known serials {level:>7}, {side:>11}: {lines} lines in {seconds:.1f}s = {lines / seconds:,.0f} "
                f"lines/s, CPU {cpu:.1f}s = {lines / cpu:,.0f} lines per CPU second, "
                f"{1000.0 * queries / lines:.0f} queries per 1,000 lines")
        for base in ("plain", "checked_orm"):
            say(f"known serials {level:>7}: ratio checked / {base} {totals['checked'][0] / totals[base][0]:.2f} "
                f"(wall), {totals['checked'][1] / totals[base][1]:.2f} (CPU)")
    say("summary (known serials, lines; per side lines/s, CPU s, queries per 1,000 lines; ratios checked / plain "
        "and checked / checked_orm, wall and CPU):")
    for level, lines, totals in results:
        figures = "".join(
            f"  {side} {lines / seconds:>7,.0f} {cpu:>6.1f} {1000.0 * queries / lines:>4.0f}"
            for side, (seconds, cpu, queries) in totals.items())
        ratios = "".join(
            f"  /{base} {totals['checked'][0] / totals[base][0]:.2f} {totals['checked'][1] / totals[base][1]:.2f}"
            for base in ("plain", "checked_orm"))
        say(f"  {level:>7} {lines:>7}{figures}{ratios}")


try:
    main()
finally:
    env.cr.rollback()
    say("rolled back")
