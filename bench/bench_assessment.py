"""Quarterly assessment of 2,000 dealers on the large data set, against one hand-written SQL statement.

Run by `make bench` (ONLY=bench_assessment. for this one), or inside an Odoo shell on a database with the
dealer addons installed, from the repository root:

    python3 -m odoo shell -c .local/odoo.conf -d dealer_bench --no-http < bench/bench_assessment.py

1. Generates the data set (bench/lib/dealer_bench/large_data.py; BENCH_DEALERS 2000, BENCH_MONTHS 24,
   BENCH_LINES 500000, BENCH_SEED 8) and prints the counts and the load time.
2. Computes one quarterly assessment (the last complete quarter) of all the generated dealers with a template
   of the KPIs the SQL statement covers: wall time, SQL query count, then once more under tracemalloc for the
   peak Python memory. The KPI pass alone (``dealer.kpi._compute_raw_values``) is timed too.
3. Times the hand-written SQL (bench/lib/dealer_bench/kpi_sql.py) and prints the ratios ORM / SQL; checks that
   every raw value of the scorecards equals the SQL's (mismatches printed and counted; exit status 1 if any).
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
from dealer_bench.kpi_sql import SQL_KPI_CODES, compare, kpi_values_sql, scorecard_values  # noqa: E402
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
# run 1 fills the caches (ORM metadata, parameters); run 2, the recompute of the draft, is the one compared
orm_time, _queries = compute(full, "assessment of all dealers, run 1")
orm_time2, full_queries = compute(full, "assessment of all dealers, run 2 (recompute of the draft)")
orm_time = min(orm_time, orm_time2)
compute(full, "assessment of all dealers, run 3", traced=True)

dealers = full._get_dealers()  # the dealers the assessment scored, as its computation reads them
kpis = template.line_ids.kpi_id
kpi_time = None
for run in (1, 2):
    env.invalidate_all()
    started = time.perf_counter()
    kpis._compute_raw_values(dealers, date_from, date_to, env.company)
    elapsed = time.perf_counter() - started
    kpi_time = elapsed if kpi_time is None else min(kpi_time, elapsed)
    say(f"KPI pass alone (dealer.kpi._compute_raw_values, {len(kpis)} KPIs) run {run}: {elapsed:.2f} s")

sql_time = None
for run in (1, 2):
    started = time.perf_counter()
    sql_values = kpi_values_sql(env, dealers, date_from, date_to, env.company)
    elapsed = time.perf_counter() - started
    sql_time = elapsed if sql_time is None else min(sql_time, elapsed)
    say(f"hand-written SQL run {run}: {elapsed:.2f} s")
say(f"ratio ORM / SQL: whole assessment {orm_time / sql_time:.2f}, KPI pass {kpi_time / sql_time:.2f} "
    f"(target <= 2)")

mismatches = compare(scorecard_values(full), sql_values, dealers.ids)
compared = len(dealers) * len(SQL_KPI_CODES)
say(f"raw values compared: {compared} ({len(dealers)} dealers x {len(SQL_KPI_CODES)} KPIs), "
    f"{len(mismatches)} mismatches")
for code, dealer_id, orm_value, sql_value in mismatches[:30]:
    say(f"  MISMATCH {code} dealer {dealer_id}: assessment {orm_value!r}, SQL {sql_value!r}")
applicable = {code: len(values) for code, values in sql_values.items()}
say(f"dealers with a value per KPI: {applicable}")

half = Assessment.create({
    "period_type": "quarter", "date": date_from, "scope": "territory", "territory_id": generator.provinces[0].id,
    "template_id": template.id,
})
compute(half, "assessment of half the dealers, run 1")
_time, half_queries = compute(half, "assessment of half the dealers, run 2")
say(f"SQL queries: {full_queries} for {len(full.scorecard_ids)} dealers, {half_queries} for "
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
