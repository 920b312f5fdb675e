"""`make serve CHECK=1`: checks that Odoo, served as docs/deployment.md deploys it, does its work.

Against a running server (workers, gevent port, proxy_mode, queue_job runner, the standby when it runs), as a
dealer's portal user of the database:
1. the portal: the login, /my/catalog and /my/dealer answer 200, through the proxy's headers;
2. proxy_mode: Odoo logs the client address of X-Forwarded-For (the address the public application form's
   per-address limit counts), not the proxy's;
3. the standby: it ran transactions of the database while the portal was read (readonly routes);
4. the bus: a notification sent to the user's partner arrives on its websocket, on the gevent port;
5. queue_job: a job queued on channel root.dealer is run by the runner (state done).
Each check prints one line; the function returns the failed checks' names.
"""
import json
import subprocess
import time

import requests
import websocket

# the client of the checks, as the reverse proxy forwards it (documentation address, RFC 5737)
CLIENT_ADDRESS = "203.0.113.7"
PROXY_HEADERS = {"X-Forwarded-For": CLIENT_ADDRESS, "X-Forwarded-Host": "dealers.example.com",
                 "X-Forwarded-Proto": "https"}
# sent through `odoo shell` once the websocket listens: a bus notification to the user's partner and a queued job
SHELL_SCRIPT = """
user = env["res.users"].search([("login", "=", {login!r})])
user.partner_id._bus_send("dealer_serve_check", {{"login": user.login}})
job = env["res.partner"].with_delay(channel="root.dealer", description="make serve CHECK=1").search_count([])
env.cr.commit()
print("JOB", job.uuid)
"""


def say(message):
    print(f"[serve-check] {message}", flush=True)


def wait_until_up(url, server, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            if requests.get(f"{url}/web/login", timeout=5).status_code == 200:
                return True
        except requests.RequestException as error:
            say(f"not answering yet ({type(error).__name__})")
        time.sleep(1)  # the workers are starting
    return False


def portal_session(url, login):
    session = requests.Session()
    session.headers.update(PROXY_HEADERS)
    page = session.get(f"{url}/web/login", timeout=60).text
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    token = page[start:page.index('"', start)]
    response = session.post(f"{url}/web/login", timeout=60, allow_redirects=False,
                             data={"login": login, "password": login, "csrf_token": token, "redirect": "/my"})
    return session, response.status_code in (302, 303) and "/web/login" not in response.headers.get("Location", "")


TRANSACTIONS = "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"


def run_checks(url, gevent_port, db, login, server_log, shell_cmd, primary_sql, standby_sql):
    """The checks above; `shell_cmd`: the argv of an `odoo shell` on db; `primary_sql(sql, **variables)`,
    `standby_sql(...)`: one query's answer on db on the primary, on the standby (None: no standby runs)."""
    failed = []

    def standby_transactions():
        return int(standby_sql(TRANSACTIONS)) if standby_sql else None

    def check(name, ok, detail):
        say(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
        if not ok:
            failed.append(name)

    before = standby_transactions()
    session, logged_in = portal_session(url, login)
    check("portal login", logged_in, f"{login} through the proxy headers")
    statuses = {path: session.get(f"{url}{path}", timeout=120).status_code for path in ("/my/catalog", "/my/dealer")}
    check("portal pages", logged_in and all(status == 200 for status in statuses.values()), statuses)
    with open(server_log) as log:
        seen = CLIENT_ADDRESS in log.read()
    check("proxy_mode", seen, f"Odoo logged the forwarded client address {CLIENT_ADDRESS}")
    if before is None:
        check("standby", False, "no standby runs: `make replica` first")
    else:
        deadline = time.monotonic() + 30
        after = standby_transactions()
        while after <= before and time.monotonic() < deadline:
            time.sleep(1)  # a backend reports its counts at most once a second
            after = standby_transactions()
        check("standby", after > before, f"{after - before} transactions of {db} ran on the standby")

    ws = websocket.create_connection(
        f"ws://127.0.0.1:{gevent_port}/websocket", timeout=60, origin=f"http://127.0.0.1:{gevent_port}",
        cookie=f"session_id={session.cookies.get('session_id')}",
    )
    try:
        ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}}))
        shell = subprocess.run(shell_cmd, input=SHELL_SCRIPT.format(login=login), capture_output=True, text=True)
        job_uuid = next((line.split()[1] for line in shell.stdout.splitlines() if line.startswith("JOB ")), None)
        received = None
        deadline = time.monotonic() + 60
        ws.settimeout(5)
        while received is None and time.monotonic() < deadline:
            try:  # control frames (the server's pings) return too, so that the deadline is checked
                opcode, frame = ws.recv_data_frame(True)
            except websocket.WebSocketTimeoutException:
                continue
            if opcode != websocket.ABNF.OPCODE_TEXT:
                continue
            for notification in json.loads(frame.data):
                if notification.get("message", {}).get("type") == "dealer_serve_check":
                    received = notification["message"]["payload"]
        check("bus", received == {"login": login}, f"websocket on the gevent port {gevent_port} got {received}")
    finally:
        ws.close()

    state = None
    deadline = time.monotonic() + 120
    while job_uuid and state != "done" and time.monotonic() < deadline:
        time.sleep(1)  # the runner picks the job up from its NOTIFY
        state = primary_sql("SELECT state FROM queue_job WHERE uuid = :'uuid'", uuid=job_uuid)
    check("queue_job", state == "done", f"job {job_uuid} on channel root.dealer: {state}")
    return failed
