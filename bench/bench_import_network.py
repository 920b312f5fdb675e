"""The go-live import (dealer.import.wizard) of a whole network from one XLSX workbook: time and queries.

Run inside an Odoo shell on a database with dealer_management installed (`make bench ONLY=import_network` builds
its own fresh database and runs it):

    python3 -m odoo shell -c .local/odoo.conf -d <db> --no-http < bench/bench_import_network.py

Writes one workbook with the template's sheets and headers: BENCH_DEALERS (2,000) dealers (every tenth a
sub-dealer of the one before), 3 contacts each (the first with portal access when BENCH_PORTAL=1: each portal user
costs a user created from the template and an invitation e-mail),
one contract each with 12 monthly targets and 2 rebate tiers, deposit held, active, and one opening stock line
each; then loads it through the wizard as a Dealer Manager would (``action_import``) and loads it a second time
(every row found again and left or updated, nothing duplicated). Prints, for both runs, the wall time, the Odoo
process's CPU time (``time.process_time()``) and the SQL queries, in total and per dealer, and the same split per
phase of the import (parse/validate, partners+contacts, portal access, grades/territory history,
contracts+targets+tiers, opening figures) as the wizard measures them when its context carries
``dealer_import_phases``. The goal for the first load is 2 minutes. Everything is rolled back at the end.
"""
import base64
import os
import time
from datetime import date

from stdnum.cn import uscc

from odoo.addons.dealer_management.tools.spreadsheet import template_workbook
from odoo.addons.dealer_management.wizard import dealer_import_cells as cells

env = globals()["env"]  # provided by `odoo shell`
DEALERS = int(os.environ.get("BENCH_DEALERS", "2000"))
PORTAL = os.environ.get("BENCH_PORTAL", "0") == "1"
YEAR = date.today().year


def say(message):
    print(f"[bench] {message}", flush=True)


def credit_code(number):
    base17 = f"91330100MA{number:07d}"
    return base17 + uscc.calc_check_digit(base17)


def build_master_data():
    """Grades, 50 city territories, payment terms, a product: what the file refers to."""
    env["dealer.grade"].create([{"name": f"Bench import grade {g}", "code": f"BIG{g}", "sequence": g}
                                for g in range(3)])
    env["dealer.territory"].create([{"name": f"Bench import city {t}", "code": f"BIT{t:03d}", "level": "city"}
                                    for t in range(50)])
    env["account.payment.term"].create({"name": "Bench import 30 days"})
    env["product.product"].create({"name": "Bench import product", "default_code": "BIP-1", "type": "consu"})
    env.flush_all()


def tables():
    dealers, contacts, contracts, targets, tiers, stock = [], [], [], [], [], []
    for n in range(DEALERS):
        code = f"BID{n:05d}"
        dealers.append({
            "code": code, "name": f"Bench import dealer {n}", "credit_code": credit_code(n), "city": "杭州市",
            "province": "浙江", "grade": f"BIG{n % 3}", "territories": f"BIT{n % 50:03d}",
            "parent_code": f"BID{n - 1:05d}" if n % 10 == 9 else "", "status": "active",
            "dealer_since": "2020-01-01", "credit_limit": 100000 + n, "payment_terms": "Bench import 30 days",
        })
        for c in range(3):
            contacts.append({"dealer_code": code, "name": f"Contact {c} of {n}", "email": f"c{c}.d{n}@bench.example",
                             "portal_access": "yes" if PORTAL and c == 0 else "no"})
        reference = f"BIHT{n:05d}"
        contracts.append({"reference": reference, "dealer_code": code, "date_start": f"{YEAR}-01-01",
                          "date_end": f"{YEAR}-12-31", "deposit_amount": 20000, "deposit_received": "yes",
                          "status": "active"})
        targets.extend({"contract_reference": reference, "period": "month", "date_start": f"{YEAR}-{m:02d}-01",
                        "amount": 10000} for m in range(1, 13))
        tiers.extend([{"contract_reference": reference, "achievement_min": 80, "rebate_percent": 1},
                      {"contract_reference": reference, "achievement_min": 100, "rebate_percent": 2}])
        stock.append({"dealer_code": code, "date": f"{YEAR}-01-01", "product_code": "BIP-1", "quantity": 5})
    rows = {"dealers": dealers, "contacts": contacts, "contracts": contracts, "targets": targets,
            "rebate_tiers": tiers, "stock": stock}
    return [(label, cells.COLUMNS[key], rows[key]) for key, label in cells.SHEETS]


def figures(label, wall, cpu, queries):
    return (f"{label}: {wall:.1f} s wall, {cpu:.1f} s CPU, {queries} queries; per dealer "
            f"{1000 * wall / DEALERS:.1f} ms wall, {1000 * cpu / DEALERS:.1f} ms CPU, {queries / DEALERS:.1f} queries")


def load(content, manager, label):
    phases = {}
    wizard = env["dealer.import.wizard"].with_user(manager).create(
        {"file": base64.b64encode(content), "filename": "network.xlsx"})
    env.flush_all()
    before = env.cr.sql_log_count, time.perf_counter(), time.process_time()
    # dealer_import_now: loaded in this request, as the dealer_queue job loads a file above the company's threshold
    wizard.with_context(dealer_import_phases=phases, dealer_import_now=True).action_import()
    env.flush_all()
    queries = env.cr.sql_log_count - before[0]
    wall, cpu = time.perf_counter() - before[1], time.process_time() - before[2]
    if wizard.state != "done":
        say(f"REFUSED: {[(e.sheet, e.row, e.column, e.message) for e in wizard.error_ids[:5]]}")
    say(figures(f"import_network {label}", wall, cpu, queries) + f"; {wizard.summary}")
    for phase, (phase_wall, phase_cpu, phase_queries) in phases.items():
        say("    " + figures(phase, phase_wall, phase_cpu, phase_queries))
    return wizard


def main():
    build_master_data()
    manager = env["res.users"].create({
        "name": "Bench import manager", "login": "bench_import_manager", "email": "manager@bench.example",
        "groups_id": [(4, env.ref("dealer_management.group_dealer_manager").id),
                      (4, env.ref("base.group_partner_manager").id)],
    })
    content = template_workbook(env, tables())
    say(f"import_network: file of {DEALERS} dealers, {3 * DEALERS} contacts ({DEALERS if PORTAL else 0} with portal "
        f"access), {DEALERS} contracts x 12 targets, {len(content) / 1e6:.1f} MB; load average "
        f"{os.getloadavg()[0]:.1f}")
    for label in ("first load", "second load (same file: updates)"):
        load(content, manager, label)
        say(f"load average {os.getloadavg()[0]:.1f}")
    say(f"import_network: dealers {env['res.partner'].search_count([('dealer_code', 'like', 'BID')])}, targets "
        f"{env['dealer.contract.target'].search_count([('contract_id.name', 'like', 'BIHT')])} after both loads")
    env.cr.rollback()


main()
