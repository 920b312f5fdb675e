"""Cost of the assessment reports: the XLSX export of N scorecards and the PDF of one scorecard.

Run inside an Odoo shell on a fresh database with dealer_assessment installed, e.g. in the harness cluster:

    python3 scripts/harness.py pg-start
    python3 -m odoo -c .local/odoo.conf -d dealer_bench -i dealer_assessment --without-demo=all --stop-after-init
    python3 -m odoo shell -c .local/odoo.conf -d dealer_bench --no-http < bench/bench_assessment_export.py

Builds its own data (not the demo data): BENCH_DEALERS active dealers (2000) in 20 territories, one quarterly
assessment and one scorecard per dealer with one line per active KPI, through bulk ``create`` of the
scorecards (the export does not depend on how the scores were computed). Then times the XLSX export (cold
caches, SQL query count) and the PDF of one scorecard (wkhtmltopdf; BENCH_LANG, e.g. zh_CN, for its
language). To load the report's stylesheets, wkhtmltopdf needs an Odoo HTTP server: BENCH_HTTP_PORT (18069)
starts one in this process. Prints figures, asserts nothing; everything is rolled back at the end.
"""
import os
import random
import sys
import time
from datetime import date

from odoo import Command

sys.path.insert(0, os.path.join(os.getcwd(), "bench"))

from report_timing import time_pdf, time_xlsx_export  # noqa: E402 (bench/ is on the path from here)

env = globals()["env"]  # provided by `odoo shell`
DEALERS = int(os.environ.get("BENCH_DEALERS", "2000"))
LANG = os.environ.get("BENCH_LANG", "en_US")
HTTP_PORT = int(os.environ.get("BENCH_HTTP_PORT", "18069"))
BATCH = 500


def say(message):
    print(f"[bench] {message}", flush=True)


def build():
    """Dealers, territories, an assessment and its scorecards, created in bulk (as superuser, trusted)."""
    rng = random.Random(7)
    region = env["dealer.territory"].create({"name": "Bench region", "level": "region"})
    territories = env["dealer.territory"].create([
        {"name": f"Bench province {index}", "level": "province", "parent_id": region.id} for index in range(20)
    ])
    grade = env["dealer.grade"].create({"name": "Bench grade", "code": "BENCHX"})
    dealers = env["res.partner"]
    for start in range(0, DEALERS, BATCH):
        dealers |= env["res.partner"].create([{
            "name": f"Bench dealer {index:05d} 经销商", "is_company": True, "is_dealer": True,
            "dealer_grade_id": grade.id, "dealer_territory_ids": [Command.set(territories[index % 20].ids)],
        } for index in range(start, min(start + BATCH, DEALERS))])
    dealers._dealer_set_state("active")
    dealers._dealer_trusted().write({"dealer_since": date(2024, 1, 1)})  # dealers since before the assessed quarter
    kpis = env["dealer.kpi"].search([])
    assessment = env["dealer.assessment"].create({"period_type": "quarter", "date": date(2025, 4, 1)})
    vals_list = []
    for dealer in dealers:
        points = [rng.uniform(0, 100) for _kpi in kpis]
        weight = 100.0 / len(kpis)
        vals_list.append({
            "assessment_id": assessment.id, "partner_id": dealer.id, "territory_id": dealer.dealer_territory_ids.id,
            "total": round(sum(points) / len(points), 2), "rating": rng.choice("ABCD"),
            "has_previous": True, "previous_total": rng.uniform(0, 100),
            "line_ids": [Command.create({
                "kpi_id": kpi.id, "sequence": kpi.sequence, "weight": weight, "applicable": True,
                "raw_value": rng.uniform(0, 1e6), "points": round(value, 2),
                "weighted_points": round(value * weight / 100.0, 2),
            }) for kpi, value in zip(kpis, points, strict=True)],
        })
    assessment._rank(vals_list)
    Scorecard = env["dealer.scorecard"]._dealer_trusted()
    for start in range(0, len(vals_list), BATCH):
        Scorecard.create(vals_list[start:start + BATCH])
    env.flush_all()
    env.cr.execute("ANALYZE res_partner, dealer_scorecard, dealer_scorecard_line")
    return assessment, kpis


if LANG != "en_US":
    env["res.lang"]._activate_lang(LANG)
started = time.perf_counter()
assessment, kpis = build()
say(f"data: {DEALERS} dealers, {len(assessment.scorecard_ids)} scorecards, "
    f"{len(assessment.scorecard_ids.line_ids)} KPI lines ({len(kpis)} KPIs) built in "
    f"{time.perf_counter() - started:.1f} s")

time_xlsx_export(env, assessment, LANG, say)
_best, pdf = time_pdf(env, assessment.scorecard_ids[:1], LANG, HTTP_PORT, say)
out = os.environ.get("BENCH_PDF_OUT")
if out:
    with open(out, "wb") as file:
        file.write(pdf)
env.cr.rollback()
say("rolled back")
