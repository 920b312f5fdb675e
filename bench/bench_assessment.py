"""Quarterly assessment of 2,000 dealers on the large data set, against one hand-written SQL statement.

Run by `make bench` (ONLY=bench_assessment. for this one), or inside an Odoo shell on a database with the
dealer addons installed, from the repository root:

    python3 -m odoo shell -c .local/odoo.conf -d dealer_bench --no-http < bench/bench_assessment.py

1. Generates the data set (bench/lib/dealer_bench/large_data.py; BENCH_DEALERS 2000, BENCH_MONTHS 24,
   BENCH_LINES 500000, BENCH_SEED 8) and prints the counts and the load time.
2. Computes one quarterly assessment (the last complete quarter) of all the generated dealers with a template
   of the KPIs the SQL statement covers (a warm-up run, then once under tracemalloc for the peak Python memory).
3. BENCH_ROUNDS (3) rounds, interleaved, of four parts, each with wall time, the Odoo process's CPU time and
   the SQL query count: the whole assessment by the ORM (``action_compute``: raw values, points, ranks, the
   scorecards and their lines written), the whole assessment by hand-written SQL writing the same scorecards
   and lines into the same tables (bench/lib/dealer_bench/kpi_sql.py ``assessment_sql``, the fair baseline),
   the KPI pass alone (``dealer.kpi._compute_raw_values``) and the hand-written SQL of the raw values alone
   (writes nothing). Prints the ratios; checks that every raw value of the ORM's scorecards equals the SQL's
   (mismatches printed and counted; exit status 1 if any) and compares the lines the SQL baseline wrote.
4. Computes the assessment of half the dealers (one of the two provinces) and prints both query counts.
5. Times the XLSX export of the scorecards and the PDF of one scorecard (bench/report_timing.py).
Everything is rolled back at the end (BENCH_KEEP=1 commits the data set and the assessments instead).
"""
import os
import sys
import time
import tracemalloc

from odoo import Command

sys.path[:0] = [os.path.join(os.getcwd(), "bench"), os.path.join(os.getcwd(), "bench", "lib")]

# bench/ and bench/lib are on the path from here
from dealer_bench.kpi_sql import (  # noqa: E402
    SQL_KPI_CODES,
    assessment_sql,
    compare,
    kpi_values_sql,
    scorecard_values,
)
from dealer_bench.large_data import LargeDataGenerator, last_complete_quarter  # noqa: E402

from report_timing import time_pdf, time_xlsx_export  # noqa: E402

env = globals()["env"]  # provided by `odoo shell`
LANG = os.environ.get("BENCH_LANG", "en_US")
HTTP_PORT = int(os.environ.get("BENCH_HTTP_PORT", "18069"))


def say(message):
    print(f"[bench] {message}", flush=True)


def bench_template():
    """A template of the KPIs the hand-written SQL computes (weights adding up to 100)."""
    kpis = env["dealer.kpi"].search([("code", "in", SQL_KPI_CODES)])
    weights = [10.0] * 9 + [5.0] * (len(kpis) - 9)
    return env["dealer.assessment.template"].create({
        "name": "Benchmark template", "company_id": env.company.id,
        "line_ids": [Command.create({"kpi_id": kpi.id, "weight": weight, "sequence": index})
                     for index, (kpi, weight) in enumerate(zip(kpis, weights, strict=True))],
    })


def scorecard_points(assessment):
    """{(dealer id, kpi id): (points, weighted points, scorecard total, rank, rating)} of the written lines."""
    return {(line.partner_id.id, line.kpi_id.id): (line.points, line.weighted_points, line.scorecard_id.total,
                                                    line.scorecard_id.rank, line.scorecard_id.rating)
            for line in assessment.scorecard_ids.line_ids}


def compute(assessment, label, traced=False):
    """Compute the assessment; return (seconds, queries)."""
    # measured in the request, as the background job runs it (dealer_queue would queue an assessment this large)
    assessment.company_id.dealer_queue_line_threshold = 0
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    assessment.action_compute()
    env.flush_all()
    elapsed = time.perf_counter() - started
    queries = env.cr.sql_log_count - queries
    if traced:
        say(f"{label}: peak Python memory {tracemalloc.get_traced_memory()[1] / 2**20:.1f} MiB "
            f"(under tracemalloc: {elapsed:.1f} s)")
        tracemalloc.stop()
    else:
        say(f"{label}: {len(assessment.scorecard_ids)} scorecards in {elapsed:.2f} s, {queries} SQL queries")
    return elapsed, queries


generator = LargeDataGenerator(
    env, dealers=int(os.environ.get("BENCH_DEALERS", "2000")), months=int(os.environ.get("BENCH_MONTHS", "24")),
    lines=int(os.environ.get("BENCH_LINES", "500000")), seed=int(os.environ.get("BENCH_SEED", "8")), say=say,
)
counts = generator.run()
say(f"data set: history {generator.start} .. {generator.end}, loaded in {generator.elapsed:.1f} s")
for table, count in counts.items():
    say(f"  {table:<28} {count:>10,}")

template = bench_template()
date_from, date_to = last_complete_quarter(generator.end)
Assessment = env["dealer.assessment"]
full = Assessment.create({
    "period_type": "quarter", "date": date_from, "scope": "territory", "territory_id": generator.region.id,
    "template_id": template.id,
})
say(f"assessment {full.name}: {date_from} .. {date_to}, {len(template.line_ids)} KPIs")
# run 1 fills the caches (ORM metadata, parameters); then rounds, interleaved, of the four measured parts
compute(full, "assessment of all dealers, run 1 (warm-up)")
compute(full, "assessment of all dealers, under tracemalloc", traced=True)

dealers = full._get_dealers()  # the dealers the assessment scored, as its computation reads them
kpis = template.line_ids.kpi_id
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def measure(label, function):
    """Run function() with cold ORM caches; (wall s, CPU s, queries, result) and one line printed."""
    env.flush_all()
    env.invalidate_all()
    wall, cpu, queries = time.perf_counter(), time.process_time(), env.cr.sql_log_count
    result = function()
    env.flush_all()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    queries = env.cr.sql_log_count - queries
    say(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU, {queries} queries")
    return wall, cpu, queries, result


def orm_whole():
    full.action_compute()  # computed in the request: compute() above set the queue threshold to 0


PARTS = {
    "whole assessment, ORM (scorecards written)": orm_whole,
    "whole assessment, hand-written SQL (same scorecards written)":
        lambda: assessment_sql(env, full, template, dealers),
    "raw values, ORM (dealer.kpi._compute_raw_values)":
        lambda: kpis._compute_raw_values(dealers, date_from, date_to, env.company),
    "raw values, hand-written SQL (writes nothing)":
        lambda: kpi_values_sql(env, dealers, date_from, date_to, env.company),
}
totals = {label: [0.0, 0.0, 0] for label in PARTS}
sql_written = orm_written = sql_values = None
for run in range(1, ROUNDS + 1):
    for label, function in PARTS.items():
        wall, cpu, queries, result = measure(f"round {run}, {label}", function)
        totals[label] = [totals[label][0] + wall, totals[label][1] + cpu, totals[label][2] + queries]
        if run == 1 and function is orm_whole:
            orm_written = scorecard_values(full)
            orm_points = scorecard_points(full)
        elif run == 1 and label.startswith("whole assessment, hand-written"):
            say(f"  the SQL wrote {result} scorecard lines, {len(full.scorecard_ids)} scorecards")
            sql_written = scorecard_values(full)
            sql_points = scorecard_points(full)
        elif label.startswith("raw values, hand-written"):
            sql_values = result
say(f"load average after the rounds: {os.getloadavg()[0]:.1f}")
for label, (wall, cpu, queries) in totals.items():
    say(f"{label}: {wall / ROUNDS:.2f} s wall, {cpu / ROUNDS:.2f} s CPU, {queries // ROUNDS} queries "
        f"(mean of {ROUNDS} rounds)")
labels = list(PARTS)
for top, bottom, goal in ((0, 1, "target <= 2"), (0, 3, "the former baseline, writing nothing"),
                          (2, 3, "raw values only")):
    say(f"ratio {labels[top]} / {labels[bottom]}: {totals[labels[top]][0] / totals[labels[bottom]][0]:.2f} "
        f"({goal})")
say(f"Odoo process CPU share: ORM whole assessment {totals[labels[0]][1] / totals[labels[0]][0]:.0%} of its wall "
    f"time, SQL whole assessment {totals[labels[1]][1] / totals[labels[1]][0]:.0%}")

mismatches = compare(orm_written, sql_values, dealers.ids)
compared = len(dealers) * len(SQL_KPI_CODES)
say(f"raw values compared: {compared} ({len(dealers)} dealers x {len(SQL_KPI_CODES)} KPIs), "
    f"{len(mismatches)} mismatches")
for code, dealer_id, orm_value, sql_value in mismatches[:30]:
    say(f"  MISMATCH {code} dealer {dealer_id}: assessment {orm_value!r}, SQL {sql_value!r}")
written = compare(sql_written, sql_values, dealers.ids)
differ = [(key, orm_points.get(key), value) for key, value in sql_points.items() if orm_points.get(key) != value]
say(f"scorecard lines written by the SQL baseline: {len(sql_points)} ({len(orm_points)} by the ORM); "
    f"{len(written)} raw values and {len(differ)} lines' (points, weighted points, total, rank, rating) differ from "
    f"the ORM's")
for key, orm_value, sql_value in differ[:5]:
    say(f"  (dealer, kpi) {key}: ORM {orm_value}, SQL {sql_value}")
for code, dealer_id, written_value, sql_value in written[:5]:
    say(f"  raw value written by the SQL {code} dealer {dealer_id}: {written_value!r}, computed {sql_value!r}")
applicable = {code: len(values) for code, values in sql_values.items()}
say(f"dealers with a value per KPI: {applicable}")

half = Assessment.create({
    "period_type": "quarter", "date": date_from, "scope": "territory", "territory_id": generator.provinces[0].id,
    "template_id": template.id,
})
compute(half, "assessment of half the dealers, run 1")
_time, half_queries = compute(half, "assessment of half the dealers, run 2")
say(f"SQL queries: {totals[labels[0]][2] // ROUNDS} for {len(full.scorecard_ids)} dealers, {half_queries} for "
    f"{len(half.scorecard_ids)} dealers")

time_xlsx_export(env, full, LANG, say)
time_pdf(env, full.scorecard_ids[:1], LANG, HTTP_PORT, say)

if os.environ.get("BENCH_KEEP") == "1":
    env.cr.commit()
    say("committed (BENCH_KEEP=1)")
else:
    env.cr.rollback()
    say("rolled back")
if mismatches:
    say(f"FAILED: {len(mismatches)} raw values differ between the assessment and the SQL")
    sys.exit(1)
