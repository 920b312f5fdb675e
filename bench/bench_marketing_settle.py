"""Settlement of BENCH_APPLICATIONS (1,000) verified marketing-support applications in one batch: time and queries.

Run inside an Odoo shell on a fresh database with dealer_marketing_fund installed (``make bench ONLY=marketing``, or):

    python3 scripts/harness.py pg-start
    python3 -m odoo -c .local/odoo.conf -d dealer_bench -i dealer_marketing_fund --without-demo=all --stop-after-init
    python3 -m odoo shell -c .local/odoo.conf -d dealer_bench --no-http < bench/bench_marketing_settle.py

Builds one active dealer with a contract whose Marketing Support Budget covers them all, and the applications taken
through their own buttons (submitted, approved, proof attached, verified). The settlement is the list's *Settle*
(``action_settle``) with the company's background threshold off, so that it runs in the request: one credit note
per application, posted, on the Marketing Support product. Above the threshold the same work runs as one
dealer_queue job. Prints wall time, CPU time of this process and SQL queries, in all and per application
(BENCH_PROFILE=1: under cProfile, with its statistics). Prints figures, asserts nothing; everything is rolled back
at the end.
"""
import os
import sys
import time
from datetime import timedelta

from odoo import fields

sys.path[:0] = [os.path.join(os.getcwd(), "bench", "lib")]

from dealer_bench.meter import Meter, profile  # noqa: E402  (bench/lib is on the path from here)

env = globals()["env"]  # provided by `odoo shell`
COUNT = int(os.environ.get("BENCH_APPLICATIONS", "1000"))
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def say(message):
    print(f"[bench] {message}", flush=True)


def build():
    """A dealer, its contract with a budget for every application, COUNT verified applications."""
    today = fields.Date.context_today(env.user)
    grade = env["dealer.grade"].create({
        "name": "Bench marketing grade", "code": "BENCHMKT", "check_contract": False, "check_floor_price": False,
        "check_credit": False, "check_territory": False,
    })
    dealer = env["res.partner"].create({
        "name": "Bench marketing dealer", "is_company": True, "is_dealer": True, "dealer_grade_id": grade.id,
    })
    dealer._dealer_set_state("active")
    env["dealer.contract"].create({
        "partner_id": dealer.id, "date_start": today - timedelta(days=30), "date_end": today + timedelta(days=335),
        "promo_budget": 1000.0 * COUNT,
    }).action_activate()
    activity = env.ref("dealer_marketing_fund.activity_type_store_event")
    applications = env["dealer.marketing.application"].create([{
        "partner_id": dealer.id, "marketing_type_id": activity.id, "date_planned": today + timedelta(days=index % 30),
        "amount_requested": 500.0 + index % 400, "plan": f"Bench activity {index}",
    } for index in range(COUNT)])
    applications.action_submit()
    applications.action_approve()
    proof = env["ir.attachment"].create({
        "name": "proof.png", "raw": PNG, "res_model": applications._name, "res_id": applications[0].id,
    })
    applications.write({"proof_attachment_ids": [(4, proof.id)]})
    applications.action_submit_proof()
    applications.action_verify()
    return applications


started = time.perf_counter()
applications = build()
env.flush_all()
say(f"{COUNT} verified applications built in {time.perf_counter() - started:.1f} s")
env.company.dealer_queue_document_threshold = 0  # in the request: the figure of the work itself
env.invalidate_all()
applications = applications.browse(applications.ids)
meter = Meter("settlement")


def settle():
    with meter.measure(env):
        applications.action_settle()
        env.flush_all()


if os.environ.get("BENCH_PROFILE"):
    _result, text = profile(settle, top=40, dump=os.environ.get("BENCH_PROFILE_DUMP"))
    say(f"cProfile of the settlement (cumulative):\n{text}")
else:
    settle()
moves = applications.move_id
wall, cpu, queries = meter.per_round()
say(f"settled {len(applications.filtered(lambda a: a.state == 'settled'))} applications by {len(moves)} posted "
    f"credit notes ({sum(moves.mapped('amount_total')):,.2f}) in {wall / 1000:.1f} s wall, {cpu / 1000:.1f} s CPU, "
    f"{queries:,.0f} queries: {wall / COUNT:.1f} ms wall, {cpu / COUNT:.1f} ms CPU and {queries / COUNT:.1f} "
    f"queries per application")
env.cr.rollback()
