"""Dealer portal under load: 20 logged-in dealer sessions on the catalog, the dashboard and Odoo's /my/home.

Run inside an Odoo shell on a database with the dealer addons installed (what `make bench ONLY=portal` does):

    python3 -m odoo shell -c .local/odoo.conf -d <db> --no-http < bench/bench_portal_load.py

Unlike the other benchmarks this one needs a real server, so it COMMITS its data (dealers with portal users,
products, a pricelist, past orders) into the database, then starts Odoo with 3 workers (`--workers=3`) on it as a
subprocess, logs the 20 dealer users in, measures one session alone (service time), then runs a bounded load:
one thread per session, each requesting every URL BENCH_REQUESTS times in turn. For both it prints p50/p95 per
URL and each p95 against /my/home's (target ≤ 1.5), then stops the server. Its data stays in the database
(`make bench` drops it afterwards); a second run on the same database reuses the dealers it finds. /my/dealer
is measured when the route exists, skipped otherwise.

With a streaming standby (`make replica` before `make bench`: the harness passes DEALER_REPLICA_HOST and
DEALER_REPLICA_PORT) the whole run is made twice, on the same data: once on the primary only, once with Odoo's
`--db_replica_host`/`--db_replica_port` on the standby, where the readonly=True routes (/my/catalog, /my/dealer)
read. Each prints requests/s and p50/p95/p99 under load, and the share of the database's transactions that each
server ran while that Odoo served (pg_stat_database xact_commit + xact_rollback of the bench database on each
server, read before the server starts and after it stopped, when every connection has reported its counts).
Sizes come from the environment: BENCH_SESSIONS (20), BENCH_REQUESTS (15 per URL and session),
BENCH_PRODUCTS (200), BENCH_PAST_ORDERS (10 per dealer), BENCH_WORKERS (3).
"""
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta

import psutil
import psycopg2
import requests

import odoo
from odoo import fields
from odoo.fields import Command
from odoo.tools import config

env = globals()["env"]  # provided by `odoo shell`
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "20"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "15"))
PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "200"))
PAST_ORDERS = int(os.environ.get("BENCH_PAST_ORDERS", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
REPLICA_HOST = os.environ.get("DEALER_REPLICA_HOST")
REPLICA_PORT = os.environ.get("DEALER_REPLICA_PORT")
LOGIN = "bench.portal.{index}"
HOME = "/my/home"
URLS = ["/my/catalog", "/my/dealer", HOME]


def say(message):
    print(f"[bench] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------------- data
def build_data():
    """SESSIONS active dealers with a portal user each (reused when present), products, a pricelist, orders."""
    Users = env["res.users"].with_context(no_reset_password=True)
    existing = Users.search([("login", "=like", "bench.portal.%")])
    if len(existing) >= SESSIONS:
        say(f"reusing {len(existing)} dealer portal users")
        return
    today = fields.Date.context_today(env.user)
    state = env.ref("base.state_cn_ZJ")
    pricelist = env["product.pricelist"].create({
        "name": "Bench portal prices",
        "item_ids": [
            Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 12}),
            Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 20,
                            "date_start": fields.Datetime.now() - timedelta(days=1),
                            "date_end": fields.Datetime.now() + timedelta(days=30), "min_quantity": 50}),
        ],
    })
    grade = env["dealer.grade"].create({
        "name": "Bench portal grade", "code": "BENCH-PORTAL", "pricelist_id": pricelist.id,
        "check_contract": False, "check_floor_price": False, "check_credit": False, "check_territory": False,
    })
    categories = env["product.category"].create([{"name": f"Bench category {index}"} for index in range(10)])
    products = env["product.product"].create([{
        "name": f"Bench portal product {index}", "default_code": f"BP-{index:04d}", "list_price": 10.0 + index,
        "type": "consu", "categ_id": categories[index % 10].id, "taxes_id": [Command.clear()],
    } for index in range(PRODUCTS)])
    dealers = env["res.partner"].create([{
        "name": f"Bench portal dealer {index}", "is_company": True, "is_dealer": True, "dealer_grade_id": grade.id,
        "country_id": state.country_id.id, "state_id": state.id, "city": "杭州",
    } for index in range(SESSIONS)])
    dealers._dealer_set_state("active")
    contacts = env["res.partner"].create([
        {"name": f"Bench portal contact {index}", "parent_id": dealer.id} for index, dealer in enumerate(dealers)
    ])
    portal = env.ref("base.group_portal")
    Users.create([{
        "name": contact.name, "login": LOGIN.format(index=index), "password": LOGIN.format(index=index),
        "partner_id": contact.id, "groups_id": [Command.set(portal.ids)],
    } for index, contact in enumerate(contacts)])
    orders = env["sale.order"].create([{
        "partner_id": dealer.id, "date_order": fields.Datetime.now() - timedelta(days=index),
        "order_line": [Command.create({"product_id": products[(index + line) % PRODUCTS].id, "product_uom_qty": 2})
                       for line in range(3)],
    } for dealer in dealers for index in range(PAST_ORDERS)])
    orders.action_confirm()
    env.cr.commit()  # the server started below must see the data
    say(f"{SESSIONS} dealers with portal users, {PRODUCTS} products, {len(orders)} past orders committed "
        f"(as of {today})")


# ---------------------------------------------------------------------- server
def start_server(port, options=()):
    """Odoo with WORKERS workers on this database (and `options`), as a subprocess in its own process group."""
    db = env.cr.dbname
    cmd = [
        sys.executable, "-m", "odoo", "-c", config.rcfile, "-d", db, f"--db-filter=^{db}$",
        f"--workers={WORKERS}", "--max-cron-threads=0", "--http-port", str(port), "--gevent-port", str(free_port()),
        "--log-level=warn", "--limit-time-real=600", "--limit-time-cpu=300", *options,
    ]
    odoo_root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
    server = subprocess.Popen(cmd, cwd=odoo_root, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {server.stderr.read()[-3000:]}")
        try:
            if requests.get(f"{url}/web/login", timeout=5).status_code == 200:
                return server, url
        except requests.RequestException:
            time.sleep(1)  # not listening yet
            continue
        time.sleep(1)
    stop_server(server)
    raise RuntimeError("the server did not answer within 180 s")


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def login(url, index):
    """A requests session logged in as the index-th dealer portal user."""
    session = requests.Session()
    page = session.get(f"{url}/web/login", timeout=60).text
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    token = page[start:page.index('"', start)]
    name = LOGIN.format(index=index)
    response = session.post(f"{url}/web/login", timeout=60, allow_redirects=False,
                            data={"login": name, "password": name, "csrf_token": token, "redirect": HOME})
    if response.status_code not in (302, 303) or "/web/login" in response.headers.get("Location", ""):
        raise RuntimeError(f"login of {name} failed ({response.status_code})")
    return session


# ---------------------------------------------------------------------- load
def run_load(url, sessions, urls):
    """Each session in its own thread requests every URL REQUESTS times in turn: {url: [seconds]}."""
    timings = {path: [] for path in urls}
    errors = []
    lock = threading.Lock()

    def worker(offset, session):
        for round_ in range(REQUESTS):
            for step in range(len(urls)):
                path = urls[(offset + round_ + step) % len(urls)]  # the sessions do not all hit one URL at once
                start = time.perf_counter()
                response = session.get(f"{url}{path}", timeout=120, allow_redirects=False)
                elapsed = time.perf_counter() - start
                with lock:
                    if response.status_code != 200:
                        errors.append(f"{path}: HTTP {response.status_code}")
                    timings[path].append(elapsed)

    threads = [threading.Thread(target=worker, args=(index, session)) for index, session in enumerate(sessions)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, errors, time.perf_counter() - start


def run_sequential(url, session, urls):
    """One session alone, every URL REQUESTS times in turn: the service time without queueing."""
    timings = {path: [] for path in urls}
    for __ in range(REQUESTS):
        for path in urls:
            start = time.perf_counter()
            session.get(f"{url}{path}", timeout=120, allow_redirects=False)
            timings[path].append(time.perf_counter() - start)
    return timings


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def report(timings):
    home_p95 = percentile(timings[HOME], 0.95)
    say(f"{'URL':<14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p95 / home':>10}")
    for path, values in timings.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        say(f"{path:<14} {len(values):>8} {p50 * 1000:>8.0f} {p95 * 1000:>8.0f} {p95 / home_p95:>10.2f}")
    worst = max(percentile(values, 0.95) / home_p95 for path, values in timings.items() if path != HOME)
    say(f"worst p95 ratio against {HOME}: {worst:.2f} (target <= 1.5): {'met' if worst <= 1.5 else 'NOT met'}")


# ---------------------------------------------------------------------- servers' counters
def connect(host, port):
    conn = psycopg2.connect(dbname=env.cr.dbname, host=host, port=port, user=config["db_user"])
    conn.autocommit = True
    return contextlib.closing(conn)


def transactions(host, port):
    """Transactions the server at host:port ran in the bench database so far (committed and rolled back), once the
    stopped Odoo's connections are gone (a backend reports its counts when it ends)."""
    env.cr.execute("SELECT pg_backend_pid()")
    shell_pid = env.cr.fetchone()[0]  # this shell's own connection to the primary stays
    with connect(host, port) as conn, conn.cursor() as cr:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            cr.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid NOT IN (pg_backend_pid(), %s)", [shell_pid])
            if not cr.fetchone()[0]:
                break
            time.sleep(0.2)  # the stopped server's backends are still ending
        cr.execute("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")
        return cr.fetchone()[0]


def wait_for_replay():
    """Until the standby has replayed everything the primary wrote (the data committed above)."""
    with connect(config["db_host"], config["db_port"]) as conn, conn.cursor() as cr:
        cr.execute("SELECT pg_current_wal_lsn()")
        target = cr.fetchone()[0]
    deadline = time.monotonic() + 120
    with connect(REPLICA_HOST, REPLICA_PORT) as conn, conn.cursor() as cr:
        while time.monotonic() < deadline:
            cr.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cr.fetchone()[0]:
                return
            time.sleep(0.2)  # the standby replays asynchronously
    raise RuntimeError("the standby did not replay the bench data within 120 s")


def servers():
    """(label, host, port) of the primary and, when configured, the standby."""
    found = [("primary", config["db_host"], config["db_port"])]
    if REPLICA_HOST:
        found.append(("standby", REPLICA_HOST, REPLICA_PORT))
    return found


def run_round(label, options):
    """One Odoo (WORKERS workers, `options`) measured alone then under load; the transactions of each server."""
    say(f"---- {label}: Odoo with {WORKERS} workers {' '.join(options)}")
    before = {name: transactions(host, port) for name, host, port in servers()}
    server, url = start_server(free_port(), options)
    try:
        result = measure(url)
        # the memory of the prefork server's processes after the load (docs/deployment.md sizes the workers with it)
        rss = sorted(child.memory_info().rss for child in psutil.Process(server.pid).children(recursive=True))
        say(f"{label}: {len(rss)} Odoo processes besides the main one, resident memory "
            f"{', '.join(f'{value / 2**20:.0f}' for value in rss)} MiB")
    finally:
        stop_server(server)
    ran = {name: transactions(host, port) - before[name] for name, host, port in servers()}
    total = sum(ran.values()) or 1
    say(f"{label}: transactions while Odoo ran: " + ", ".join(
        f"{name} {count} ({count / total:.0%})" for name, count in ran.items()))
    return {**result, "transactions": ran}


def main():
    say(f"sessions={SESSIONS} requests per URL and session={REQUESTS} products={PRODUCTS} "
        f"past orders per dealer={PAST_ORDERS} workers={WORKERS} standby={REPLICA_HOST or 'none'}")
    build_data()
    rounds = {"primary only": run_round("primary only", [])}
    if REPLICA_HOST:
        wait_for_replay()
        rounds["with the standby"] = run_round(
            "with the standby", ["--db_replica_host", REPLICA_HOST, "--db_replica_port", str(REPLICA_PORT)],
        )
    else:
        say("no standby (run `make replica` first): primary only")
    say(f"{'run':<18} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6} {'standby share':>13}")
    for label, result in rounds.items():
        share = result["transactions"].get("standby", 0) / (sum(result["transactions"].values()) or 1)
        say(f"{label:<18} {result['rate']:>7.1f} {result['p50'] * 1000:>7.0f} {result['p95'] * 1000:>7.0f} "
            f"{result['p99'] * 1000:>7.0f} {result['errors']:>6} {share:>13.0%}")


def measure(url):
    """Log the sessions in, warm up, one session alone, then all at once: the load's figures."""
    sessions = [login(url, index) for index in range(SESSIONS)]
    urls = list(URLS)
    if sessions[0].get(f"{url}/my/dealer", timeout=120, allow_redirects=False).status_code != 200:
        say("/my/dealer does not exist on this database (the dashboard is another branch's): skipped")
        urls.remove("/my/dealer")
    for session in sessions:  # warm-up: every worker compiles the templates once
        for path in urls:
            session.get(f"{url}{path}", timeout=120)
    say(f"one session alone, {REQUESTS} requests per URL (service time, no queueing):")
    report(run_sequential(url, sessions[0], urls))
    say(f"{SESSIONS} sessions at once ({WORKERS} workers):")
    timings, errors, seconds = run_load(url, sessions, urls)
    total = sum(len(values) for values in timings.values())
    say(f"{total} requests in {seconds:.1f}s ({total / seconds:.1f}/s) with {WORKERS} workers, "
        f"{len(errors)} errors")
    for error in sorted(set(errors))[:10]:
        say(f"  error: {error}")
    report(timings)
    every = [value for values in timings.values() for value in values]
    return {"rate": total / seconds, "p50": statistics.median(every), "p95": percentile(every, 0.95),
            "p99": percentile(every, 0.99), "errors": len(errors)}


main()
