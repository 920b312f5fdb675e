#!/usr/bin/env python3
"""Developer harness of the dealer suite: a private PostgreSQL cluster, Odoo, demo and tests.

Everything it writes stays in the git-ignored ``.local/`` folder of the repository.  It never installs
Odoo: Odoo 18.0 must be importable as the ``odoo`` package (or ``ODOO_PATH`` must point at a source tree).
"""
import argparse
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import xmlrpc.client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCAL = os.path.join(ROOT, ".local")
PGDATA = os.path.join(LOCAL, "pg", "data")
PGSOCK = os.path.join(LOCAL, "pg", "sock")
PGLOG = os.path.join(LOCAL, "pg", "postgres.log")
PGPORT = int(os.environ.get("DEALER_PGPORT", "54329"))
# `make replica`: a streaming standby of the private cluster, for Odoo's readonly=True routes (--db_replica_host)
REPLICA_DATA = os.path.join(LOCAL, "pg", "replica")
REPLICA_SOCK = os.path.join(LOCAL, "pg", "replica-sock")
REPLICA_LOG = os.path.join(LOCAL, "pg", "replica.log")
REPLICA_PORT = int(os.environ.get("DEALER_REPLICA_PGPORT", str(PGPORT + 1)))
DB_USER = "odoo"
DATA_DIR = os.path.join(LOCAL, "odoo-data")
CONF = os.path.join(LOCAL, "odoo.conf")
PYTEST_CONF = os.path.join(LOCAL, "pytest-odoo.conf")  # CONF + db_name: what pytest-odoo reads (conftest.py)
LOGS = os.path.join(LOCAL, "logs")
ADDONS = [
    "dealer_management", "dealer_queue", "dealer_assessment", "dealer_portal",
    "dealer_training", "dealer_satisfaction", "dealer_portal_training", "dealer_sellout",
    "dealer_service", "dealer_service_inspection", "dealer_service_satisfaction", "dealer_portal_sellout",
    "dealer_portal_service", "dealer_assessment_sellout", "dealer_assessment_service",
    "dealer_assessment_training", "dealer_assessment_satisfaction", "dealer_portal_assessment",
    "dealer_visit", "dealer_assessment_visit", "dealer_portal_visit",
    "dealer_staff_certification", "dealer_training_material", "dealer_portal_staff_certification",
    "dealer_portal_training_material", "dealer_assessment_staff_certification",
    "dealer_business_review", "dealer_business_review_assessment", "dealer_business_review_service_inspection",
    "dealer_meeting", "dealer_portal_business_review", "dealer_portal_meeting",
    "dealer_business_review_visit", "dealer_portal_business_review_visit",
    "dealer_marketing_fund", "dealer_portal_marketing_fund",
    "dealer_marketing_fund_sellout", "dealer_portal_marketing_fund_sellout",
    "dealer_loyalty", "dealer_portal_loyalty",
    "dealer_portal_queue",
]
# Addons tested in a database of their own (`make test-optional`, not in CI): they install `website` (eLearning),
# which changes how every `website=True` portal route renders, so the main test database must not get them.
OPTIONAL_ADDONS = ["dealer_elearning", "dealer_assessment_elearning"]
DEMO_DB = os.environ.get("DEALER_DEMO_DB", "dealer_demo")
# `make demo-optional`: the demo with the optional addons too (the eLearning course), in a database of its own
DEMO_OPTIONAL_DB = os.environ.get("DEALER_DEMO_OPTIONAL_DB", DEMO_DB + "_optional")
DEMO_CHECK_DB = os.environ.get("DEALER_DEMO_CHECK_DB", "dealer_demo_check")
TEST_DB = os.environ.get("DEALER_TEST_DB", "dealer_test")
OPTIONAL_TEST_DB = os.environ.get("DEALER_OPTIONAL_TEST_DB", TEST_DB + "_optional")
BENCH_DB = os.environ.get("DEALER_BENCH_DB", "dealer_bench")
LARGE_DB = os.environ.get("DEALER_LARGE_DB", "dealer_large")
ODOO_STD_MODULES = ["sale", "sale_stock", "account", "portal"]

PREREQUISITE = (
    "Odoo 18.0 is required but was not found.\n"
    "Install Odoo 18.0 Community from source with its Python requirements into this Python\n"
    "(so that `python3 -c 'import odoo'` works), or set ODOO_PATH to an Odoo 18.0 source tree.\n"
    "See README.md, section Prerequisites."
)


DB_NAME_RE = re.compile(r"^[A-Za-z0-9_]{1,63}$")


def say(msg):
    print(f"[dealer] {msg}", flush=True)


def die(msg, code=2):
    sys.stderr.write(f"[dealer] ERROR: {msg}\n")
    sys.exit(code)


def check_db_name(name):
    """A database name goes into SQL, file paths and Odoo's --db-filter: letters, digits and `_` only."""
    if not DB_NAME_RE.match(name or ""):
        die(f"invalid database name {name!r}: use 1 to 63 letters, digits or underscores "
            "(check DEALER_TEST_DB / DEALER_DEMO_DB)")
    return name


# ---------------------------------------------------------------- Odoo
def odoo_command():
    """Return the argv prefix that runs Odoo 18, or stop with the prerequisite message."""
    odoo_path = os.environ.get("ODOO_PATH")
    if odoo_path:
        if not os.path.isfile(os.path.join(odoo_path, "odoo-bin")):
            die(f"ODOO_PATH={odoo_path} is not an Odoo source tree (no odoo-bin).\n" + PREREQUISITE)
        env_path = odoo_path
        probe = [sys.executable, "-c", "import odoo, sys; sys.exit(odoo.release.version_info[0] != 18)"]
        if subprocess.run(probe, cwd=env_path, capture_output=True).returncode:
            die(f"ODOO_PATH={odoo_path} is not Odoo 18.0.\n" + PREREQUISITE)
        return [sys.executable, os.path.join(odoo_path, "odoo-bin")]
    probe = [sys.executable, "-c", "import odoo, sys; sys.exit(odoo.release.version_info[0] != 18)"]
    if subprocess.run(probe, capture_output=True, cwd="/").returncode:
        die(PREREQUISITE)
    return [sys.executable, "-m", "odoo"]


def odoo_script():
    """Odoo as a script (odoo-bin): the prefork server starts its gevent process as `sys.argv[0] gevent`, which
    fails when sys.argv[0] is the package's __main__.py (`python3 -m odoo`)."""
    odoo_command()
    code = "import odoo, os; print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))"
    source = os.environ.get("ODOO_PATH") or subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd="/").stdout.strip()
    script = os.path.join(source, "odoo-bin")
    if not os.path.isfile(script):
        die(f"no odoo-bin next to the odoo package ({source}): `make serve` needs Odoo's source tree (ODOO_PATH)")
    return [sys.executable, script]


def odoo_addons_path():
    """Odoo's own addons folders plus this repository."""
    code = "import odoo.addons, os; print(','.join(p for p in odoo.addons.__path__ if os.path.isdir(p)))"
    odoo_path = os.environ.get("ODOO_PATH")
    cwd = odoo_path or "/"
    paths = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd).stdout.strip()
    extra = []
    if odoo_path:
        extra = [os.path.join(odoo_path, "addons"), os.path.join(odoo_path, "odoo", "addons")]
    parts = [p for p in paths.split(",") + extra if p]
    # the repository's addons, and for an installed Odoo the source tree's addons folder next to the package
    core = []
    for p in parts:
        core.append(p)
        sibling = os.path.join(os.path.dirname(os.path.dirname(p)), "addons")
        if p.endswith(os.path.join("odoo", "addons")) and os.path.isdir(sibling):
            core.append(sibling)
    seen = []
    for p in [ROOT] + core:
        p = os.path.realpath(p)
        if p not in seen:
            seen.append(p)
    return ",".join(seen)


# OCA queue_job's runner for the served demo: loaded with the server (server-wide module), at most two jobs at a
# time, one of them dealer work (channel root.dealer, see dealer_queue); tests trap their jobs and need no runner
JOB_RUNNER_OPTIONS = "server_wide_modules = base,web,queue_job\n"
JOB_RUNNER_SECTION = "\n[queue_job]\nchannels = root:2,root.dealer:1\n"
# `make serve`: Odoo as docs/deployment.md deploys it (its own configuration file: the job runner in it)
SERVE_CONF = os.path.join(LOCAL, "odoo-serve.conf")


def write_conf(http_port=8069, with_demo=False, job_runner=False):
    os.makedirs(DATA_DIR, exist_ok=True)
    os.makedirs(LOGS, exist_ok=True)
    options = (
        "[options]\n"
        f"addons_path = {odoo_addons_path()}\n"
        f"data_dir = {DATA_DIR}\n"
        f"db_host = {PGSOCK}\n"
        f"db_port = {PGPORT}\n"
        f"db_user = {DB_USER}\n"
        "db_password = False\n"
        "admin_passwd = dealer-admin\n"
        f"http_port = {http_port}\n"
        "http_interface = 127.0.0.1\n"
        f"without_demo = {'False' if with_demo else 'all'}\n"
        "max_cron_threads = 0\n"
    )
    write_atomically(CONF, options + (JOB_RUNNER_OPTIONS + JOB_RUNNER_SECTION if job_runner else ""))
    # pytest-odoo needs a database name in its configuration file: the one `test --keep` leaves behind
    write_atomically(PYTEST_CONF, options + f"db_name = {check_db_name(TEST_DB)}\n")


def write_atomically(path, text):
    """Replace ``path`` in one step: CI runs the demo load and the tests side by side, each harness rewriting the
    configuration file an Odoo process of the other may be reading."""
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def run_odoo(args, log_file=None, check=True):
    cmd = odoo_command() + ["-c", CONF] + args
    say("$ " + " ".join(cmd))
    if log_file:
        with open(log_file, "w") as log:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
            for line in proc.stdout:
                log.write(line)
                sys.stdout.write(line)
            proc.wait()
    else:
        proc = subprocess.run(cmd, cwd=ROOT)
    if check and proc.returncode:
        die(f"Odoo exited with {proc.returncode}", proc.returncode)
    return proc.returncode


# ---------------------------------------------------------------- PostgreSQL
def pg_bin(name):
    path = shutil.which(name)
    if path:
        return path
    for version in ("17", "16", "15", "14"):
        candidate = f"/usr/lib/postgresql/{version}/bin/{name}"
        if os.path.exists(candidate):
            return candidate
    die(f"PostgreSQL's `{name}` was not found: install the PostgreSQL server (e.g. Debian's postgresql-15).")


def as_pg_user(cmd):
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` system user."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", pg_owner(), "--"] + cmd


def pg_owner():
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    die("running as root and no `postgres` system user exists to own the private cluster")


def pg_running():
    if not os.path.exists(os.path.join(PGDATA, "PG_VERSION")):
        return False
    return subprocess.run(as_pg_user([pg_bin("pg_ctl"), "-D", PGDATA, "status"]), capture_output=True).returncode == 0


def psql(sql, db="postgres", check=True, server=None, **variables):
    """Run one SQL script with psql; values come in as psql variables (`:'name'` literal, `:"name"` identifier).

    psql substitutes variables only in scripts read from a file or standard input, never in `-c`, so the SQL
    goes through standard input; psql quotes each value itself, and no value is ever pasted into the SQL text.
    """
    host, port = server or (PGSOCK, PGPORT)  # the private cluster, or (REPLICA_SOCK, REPLICA_PORT)
    cmd = [pg_bin("psql"), "-h", host, "-p", str(port), "-U", DB_USER, "-d", check_db_name(db),
           "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1"]
    for name, value in variables.items():
        cmd += ["-v", f"{name}={value}"]
    return subprocess.run(cmd, input=sql, capture_output=True, text=True, check=check).stdout.strip()


def check_pg_reachable():
    """As root the cluster runs as the `postgres` user, which must be able to enter every folder above .local/pg.

    Folders of the repository are opened to it (o+x) and we say so; a folder outside the repository is changed
    only when DEALER_FIX_PERMISSIONS=1 asks for it (.ci/run does, in CI's throw-away clone); otherwise we stop
    and name the folder and the command that fixes it.
    """
    owner = pg_owner()
    user = pwd.getpwnam(owner)
    groups = set(os.getgrouplist(owner, user.pw_gid))
    folders = []
    path = os.path.join(LOCAL, "pg")
    while path not in ("/", ""):
        path = os.path.dirname(path)
        folders.insert(0, path)

    def can_enter(folder):
        st = os.stat(folder)
        if st.st_uid == user.pw_uid:
            return bool(st.st_mode & 0o100)
        if st.st_gid in groups:
            return bool(st.st_mode & 0o010)
        return bool(st.st_mode & 0o001)

    blocked = [p for p in folders if not can_enter(p)]
    inside = [p for p in blocked if p == ROOT or p.startswith(ROOT + os.sep)]
    outside = [p for p in blocked if p not in inside]
    if outside and os.environ.get("DEALER_FIX_PERMISSIONS") != "1":
        die(f"the `{owner}` system user, which runs the private PostgreSQL cluster, cannot enter "
            + ", ".join(outside) + ".\n"
            f"Allow it to pass through (nothing becomes readable): chmod o+x {' '.join(outside)}\n"
            "or set DEALER_FIX_PERMISSIONS=1 to let the harness do exactly that, or work from a clone in a "
            "folder it can reach (e.g. under /tmp or /srv).")
    for p in blocked:
        mode = os.stat(p).st_mode
        say(f"allowing the `{owner}` user to pass through {p}: chmod o+x (was {oct(mode & 0o777)})")
        os.chmod(p, mode | 0o001)
    target = os.path.join(LOCAL, "pg")
    if subprocess.run(["runuser", "-u", owner, "--", "test", "-x", target], capture_output=True).returncode:
        die(f"the `{owner}` system user still cannot enter {target} (an ACL or a mount option?): "
            f"check with `runuser -u {owner} -- ls {target}`")


def pg_start():
    os.makedirs(PGSOCK, exist_ok=True)
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", pg_owner(), os.path.join(LOCAL, "pg")], check=True)
        check_pg_reachable()
    if not os.path.exists(os.path.join(PGDATA, "PG_VERSION")):
        say(f"creating the private PostgreSQL cluster in {PGDATA}")
        subprocess.run(as_pg_user([pg_bin("initdb"), "-D", PGDATA, "-U", DB_USER, "--auth=trust",
                                   "-E", "UTF8", "--locale=C.UTF-8"]), check=True, stdout=subprocess.DEVNULL)
    if pg_running():
        return
    say(f"starting PostgreSQL on socket {PGSOCK} (port {PGPORT})")
    opts = f"-k {PGSOCK} -p {PGPORT} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    subprocess.run(as_pg_user([pg_bin("pg_ctl"), "-D", PGDATA, "-l", PGLOG, "-o", opts, "-w", "start"]),
                   check=True, stdout=subprocess.DEVNULL)


def replica_running():
    if not os.path.exists(os.path.join(REPLICA_DATA, "PG_VERSION")):
        return False
    return subprocess.run(as_pg_user([pg_bin("pg_ctl"), "-D", REPLICA_DATA, "status"]),
                          capture_output=True).returncode == 0


def replica_start():
    """A hot standby of the private cluster (own data folder, socket and port), streaming its WAL.

    Made once with ``pg_basebackup -R`` (a copy of the running cluster that writes the standby's primary_conninfo and
    standby.signal), then started; it replays every write of the primary, databases created later included.
    Asynchronous: a commit on the primary does not wait for it (the dealer portal reads the primary right after
    a write, see DealerPortal._dealer_readonly_page). A standby made from an older cluster (the primary was created
    again) is made again.
    """
    pg_start()
    os.makedirs(REPLICA_SOCK, exist_ok=True)
    if os.geteuid() == 0:
        subprocess.run(["chown", pg_owner(), REPLICA_SOCK], check=True)
    if os.path.exists(os.path.join(REPLICA_DATA, "PG_VERSION")) and not replica_of_primary():
        say(f"the standby in {REPLICA_DATA} is a copy of another cluster: making it again")
        replica_stop()
        shutil.rmtree(REPLICA_DATA)
    if not os.path.exists(os.path.join(REPLICA_DATA, "PG_VERSION")):
        say(f"copying the private cluster into a streaming standby in {REPLICA_DATA} (pg_basebackup -R)")
        subprocess.run(as_pg_user([
            pg_bin("pg_basebackup"), "-d", f"host={PGSOCK} port={PGPORT} user={DB_USER} application_name=replica",
            "-D", REPLICA_DATA, "-R", "-X", "stream", "-c", "fast",
        ]), check=True)
    if replica_running():
        return
    say(f"starting the standby on socket {REPLICA_SOCK} (port {REPLICA_PORT})")
    opts = (f"-k {REPLICA_SOCK} -p {REPLICA_PORT} -c listen_addresses='' -c hot_standby=on -c fsync=off "
            "-c full_page_writes=off")
    subprocess.run(as_pg_user([pg_bin("pg_ctl"), "-D", REPLICA_DATA, "-l", REPLICA_LOG, "-o", opts, "-w", "start"]),
                   check=True, stdout=subprocess.DEVNULL)


def replica_of_primary():
    """True when the standby's data folder was copied from the running primary (same system identifier)."""
    def system_id(data):
        out = subprocess.run(as_pg_user([pg_bin("pg_controldata"), data]), capture_output=True, text=True).stdout
        return re.search(r"Database system identifier:\s*(\d+)", out).group(1)
    return system_id(REPLICA_DATA) == system_id(PGDATA)


def replica_stop():
    if replica_running():
        say("stopping the PostgreSQL standby")
        subprocess.run(as_pg_user([pg_bin("pg_ctl"), "-D", REPLICA_DATA, "-m", "fast", "-w", "stop"]),
                       stdout=subprocess.DEVNULL)


def replica_options():
    """Odoo's command-line options that send readonly=True routes to the standby (none when it is not running)."""
    if not replica_running():
        return []
    return ["--db_replica_host", REPLICA_SOCK, "--db_replica_port", str(REPLICA_PORT)]


def replica_env():
    """The standby's address for the bench scripts (bench_portal_load runs once with it), when it runs."""
    if not replica_running():
        return {}
    return {"DEALER_REPLICA_HOST": REPLICA_SOCK, "DEALER_REPLICA_PORT": str(REPLICA_PORT)}


def cmd_replica(args):
    odoo_command()
    write_conf()
    replica_start()
    lag = psql("SELECT coalesce(replay_lag::text, '0') FROM pg_stat_replication WHERE application_name = 'replica'")
    say(f"standby streaming from the private cluster (replay lag {lag or 'unknown'}); Odoo reads its readonly "
        f"routes there with: {' '.join(replica_options())}")
    say("`make serve` uses it when it runs; `make stop` stops it with the primary")


def pg_stop():
    replica_stop()  # a standby outliving its primary would retry its connection forever
    if pg_running():
        say("stopping PostgreSQL")
        subprocess.run(as_pg_user([pg_bin("pg_ctl"), "-D", PGDATA, "-m", "fast", "-w", "stop"]),
                       stdout=subprocess.DEVNULL)


def db_exists(name):
    return psql("SELECT 1 FROM pg_database WHERE datname = :'name'", name=check_db_name(name)) == "1"


def drop_db(name):
    check_db_name(name)
    if db_exists(name):
        say(f"dropping database {name}")
        psql('DROP DATABASE :"name" WITH (FORCE)', name=name)
    shutil.rmtree(os.path.join(DATA_DIR, "filestore", name), ignore_errors=True)


def db_installed(name, addons=None):
    addons = addons or ADDONS
    if not db_exists(name):
        return False
    sql = ("SELECT count(*) FROM ir_module_module "
           "WHERE state = 'installed' AND name = ANY(string_to_array(:'addons', ','))")
    try:
        return psql(sql, db=name, addons=",".join(addons)) == str(len(addons))
    except subprocess.CalledProcessError:
        return False


# ---------------------------------------------------------------- server
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """An Odoo server in the background, serving one database, for the external-client tests."""

    def __init__(self, db, port, log_file):
        self.db, self.port, self.log_file = db, port, log_file
        self.proc = None

    def __enter__(self):
        cmd = odoo_command() + ["-c", CONF, "-d", self.db, "--db-filter", f"^{self.db}$",
                                "--http-port", str(self.port), "--no-database-list"]
        self.log = open(self.log_file, "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT,
                                     start_new_session=True)
        url = f"http://127.0.0.1:{self.port}"
        for _ in range(240):
            if self.proc.poll() is not None:
                die(f"Odoo server stopped at start, see {self.log_file}")
            try:
                xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common").version()
                return url
            except OSError:
                time.sleep(0.5)
        die(f"Odoo server did not answer on {url}, see {self.log_file}")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


# ---------------------------------------------------------------- commands
RESULT_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")


def odoo_test_counts(log_file):
    failed = errors = total = 0
    bad_lines = 0
    with open(log_file) as f:
        for line in f:
            m = RESULT_RE.search(line)
            if m:
                failed, errors, total = (int(g) for g in m.groups())
            if " ERROR " in line or " CRITICAL " in line:
                bad_lines += 1
    return failed, errors, total, bad_lines


def junit_counts(junit_file):
    """(tests, failures, errors, skipped) summed over every <testsuite> of a JUnit XML report."""
    totals = [0, 0, 0, 0]
    root = ET.parse(junit_file).getroot()
    for suite in root.iter("testsuite"):  # the root itself when it is a <testsuite>
        for i, attr in enumerate(("tests", "failures", "errors", "skipped")):
            totals[i] += int(suite.get(attr, 0))
    return tuple(totals)


def run_pytest(name, pytest_args, env=None):
    """Run pytest (without the pytest-odoo plugin); return (ok, passed, failed) read from its JUnit report.

    No test collected (pytest's exit code 5), a missing report or a non-zero exit code are failures, never
    a pass.
    """
    junit = os.path.join(LOGS, f"pytest-{name}.xml")
    if os.path.exists(junit):
        os.remove(junit)
    cmd = [sys.executable, "-m", "pytest", "-p", "no:odoo", "-p", "no:cacheprovider", "-q",
           f"--junitxml={junit}"] + pytest_args
    proc = subprocess.run(cmd, env=env, cwd=ROOT)
    passed = failed = 0
    if os.path.exists(junit):
        try:
            tests, failures, errors, skipped = junit_counts(junit)
            failed = failures + errors
            passed = tests - failed - skipped
        except (ET.ParseError, ValueError) as exc:
            say(f"pytest's JUnit report {junit} is unreadable: {exc}")
    ok = proc.returncode == 0 and passed > 0 and failed == 0
    if not ok and not failed:
        failed = 1  # no test ran, or pytest stopped before reporting: count the run itself as a failure
    if proc.returncode == 5:
        say(f"pytest collected no test ({name})")
    return ok, passed, failed


def run_i18n_tests():
    """The translation files checks: plain files, no server and no database, so they run first."""
    return run_pytest("i18n", [os.path.join(ROOT, "tests", "test_i18n_files.py")])


# Seconds each addon's own tests took in CI (odoo.tests.stats of a full `make test`, 2026-12-06): `make test` splits
# the addons' tests over DEALER_TEST_SHARDS databases by these weights (an addon not listed counts 10 s).
TEST_SECONDS = {
    "dealer_portal": 283, "dealer_management": 157, "dealer_assessment": 124, "dealer_portal_sellout": 52,
    "dealer_service": 32, "dealer_sellout": 31, "dealer_portal_assessment": 26, "dealer_portal_service": 23,
    "dealer_business_review": 22, "dealer_visit": 20, "dealer_service_inspection": 19, "dealer_portal_loyalty": 36,
    "dealer_portal_marketing_fund": 15, "dealer_queue": 14, "dealer_portal_queue": 13, "dealer_loyalty": 12,
    "dealer_portal_business_review_visit": 11, "dealer_assessment_sellout": 11, "dealer_marketing_fund": 10,
}
DEFAULT_TEST_SECONDS = 10


def test_shards(addons, count):
    """Split the addons whose tests run into `count` groups of about equal test time (longest first, each to the
    lightest group); every group keeps the addons' order of ADDONS."""
    groups = [[] for _ in range(max(1, min(count, len(addons))))]
    loads = [0] * len(groups)
    for addon in sorted(addons, key=lambda a: -TEST_SECONDS.get(a, DEFAULT_TEST_SECONDS)):
        lightest = loads.index(min(loads))
        groups[lightest].append(addon)
        loads[lightest] += TEST_SECONDS.get(addon, DEFAULT_TEST_SECONDS)
    return [sorted(group, key=addons.index) for group in groups]


def shard_count():
    """DEALER_TEST_SHARDS, or one database per core up to two: each shard installs every addon (about two minutes)
    and runs its part of the tests in an Odoo process of its own, side by side."""
    value = os.environ.get("DEALER_TEST_SHARDS")
    if value:
        if not value.isdigit() or int(value) < 1:
            die(f"DEALER_TEST_SHARDS must be a positive whole number, not {value!r}")
        return int(value)
    return max(1, min(2, os.cpu_count() or 1))


def run_odoo_tests(addons, shards):
    """Fresh databases TEST_DB (and TEST_DB_2, ... for more shards), every addon installed in each, the tests of
    `addons` split over them, the Odoo processes side by side. The first shard's output streams live; the others'
    logs are printed when they end. Returns (passed, failed, errors) added up over the shards."""
    groups = test_shards(addons, shards)
    dbs = [TEST_DB] + [check_db_name(f"{TEST_DB}_{i + 1}") for i in range(1, len(groups))]
    logs = [os.path.join(LOGS, "test-odoo.log")] + [os.path.join(LOGS, f"test-odoo-{i + 1}.log")
                                                      for i in range(1, len(groups))]
    for db in dbs:
        drop_db(db)
    argv = [["-d", db, "-i", ",".join(ADDONS), "--test-enable", "--test-tags", ",".join(f"/{a}" for a in group),
             "--stop-after-init", "--log-level=test", "--http-port", str(free_port())]
            for db, group in zip(dbs, groups, strict=True)]
    if len(groups) > 1:
        for i, group in enumerate(groups):
            say(f"shard {i + 1}/{len(groups)} (database {dbs[i]}, log {logs[i]}): tests of {', '.join(group)}")
    background = []
    for args, log_file in zip(argv[1:], logs[1:], strict=True):
        cmd = odoo_command() + ["-c", CONF] + args
        say("$ " + " ".join(cmd) + f"  > {log_file}")
        log = open(log_file, "w")
        background.append((subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT), log))
    try:
        rcs = [run_odoo(argv[0], log_file=logs[0], check=False)]
        for proc, _log in background:
            rcs.append(proc.wait())
    finally:
        for proc, log in background:
            if proc.poll() is None:  # interrupted: never leave an Odoo process testing behind
                proc.kill()
                proc.wait()
            log.close()
    passed = failed = 0
    errors = []
    for i, (rc, log_file) in enumerate(zip(rcs, logs, strict=True)):
        if i:
            say(f"output of shard {i + 1}/{len(groups)} ({log_file}):")
            with open(log_file) as f:
                sys.stdout.write(f.read())
            sys.stdout.flush()
        o_failed, o_errors, total, bad_lines = odoo_test_counts(log_file)
        label = f"Odoo tests (shard {i + 1}/{len(groups)})" if len(groups) > 1 else "Odoo tests"
        say(f"{label}: {total} run, {o_failed} failed, {o_errors} errors, {bad_lines} error log lines (rc={rc})")
        passed += total - o_failed - o_errors
        failed += o_failed + o_errors + (0 if rc == 0 and bad_lines == 0 and total > 0 else 1)
        if total == 0:
            errors.append(f"no Odoo test ran (log: {log_file})")
        elif not (rc == 0 and o_failed == 0 and o_errors == 0 and bad_lines == 0):
            errors.append(f"Odoo tests failed (log: {log_file})")
    for db in dbs[1:]:
        drop_db(db)  # the external tests run on the first shard's database only
    return passed, failed, errors


def summary(passed, failed):
    """The closing line CI reads: nothing may be printed after it."""
    print(f"\n{passed} passed, {failed} failed", flush=True)


def cmd_test(args):
    odoo_command()
    check_db_name(TEST_DB)
    os.makedirs(LOGS, exist_ok=True)
    passed = failed = 0
    errors = []
    if not args.addons:
        say("translation files (tests/test_i18n_files.py), before any database")
        i18n_ok, i18n_passed, i18n_failed = run_i18n_tests()
        passed += i18n_passed
        failed += i18n_failed
        if not i18n_ok:
            sys.stderr.write("[dealer] ERROR: the translation files checks failed: fix the .po files first\n")
            summary(passed, failed)
            sys.exit(1)
    write_conf()
    pg_start()
    try:
        addons = args.addons.split(",") if args.addons else ADDONS
        # `make test-addon` (a few addons, the quick loop) keeps one database unless DEALER_TEST_SHARDS says
        # otherwise; `make test` splits the tests
        shards = shard_count() if not args.addons or os.environ.get("DEALER_TEST_SHARDS") else 1
        o_passed, o_failed, o_errors = run_odoo_tests(addons, shards)
        passed += o_passed
        failed += o_failed
        errors += o_errors
        if not args.addons and not args.no_external:
            py_ok, py_passed, py_failed = run_external_tests()
            passed += py_passed
            failed += py_failed
            if not py_ok:
                errors.append("XML-RPC tests in tests/ failed (server log: "
                              f"{os.path.join(LOGS, 'test-server.log')})")
    finally:
        if not args.keep:
            pg_stop()
    for error in errors:
        sys.stderr.write(f"[dealer] ERROR: {error}\n")
    sys.stderr.flush()
    summary(passed, failed)
    if errors:
        sys.exit(1)


def cmd_test_optional(args):
    """Fresh database with the optional addons (OPTIONAL_ADDONS, and what they depend on) only; their tests."""
    odoo_command()
    check_db_name(OPTIONAL_TEST_DB)
    os.makedirs(LOGS, exist_ok=True)
    write_conf()
    pg_start()
    started = time.time()
    try:
        drop_db(OPTIONAL_TEST_DB)
        log_file = os.path.join(LOGS, "test-optional.log")
        rc = run_odoo(["-d", OPTIONAL_TEST_DB, "-i", ",".join(OPTIONAL_ADDONS), "--test-enable",
                       "--test-tags", ",".join(f"/{a}" for a in OPTIONAL_ADDONS), "--stop-after-init",
                       "--log-level=test", "--http-port", str(free_port())], log_file=log_file, check=False)
        o_failed, o_errors, total, bad_lines = odoo_test_counts(log_file)
        say(f"optional addons: {total} tests run, {o_failed} failed, {o_errors} errors, {bad_lines} error log lines "
            f"(rc={rc}) in {time.time() - started:.0f} s")
        ok = rc == 0 and total > 0 and not (o_failed or o_errors or bad_lines)
        if not args.keep:
            drop_db(OPTIONAL_TEST_DB)
    finally:
        if not args.keep:
            pg_stop()
    summary(total - o_failed - o_errors, o_failed + o_errors + (0 if ok else 1))
    if not ok:
        sys.stderr.write(f"[dealer] ERROR: the optional addons' tests failed (log: {log_file})\n")
        sys.exit(1)


def run_external_tests():
    """End-to-end tests in tests/: an external client over XML-RPC against a running server."""
    port = free_port()
    with Server(TEST_DB, port, os.path.join(LOGS, "test-server.log")) as url:
        env = dict(os.environ, DEALER_ODOO_URL=url, DEALER_ODOO_DB=TEST_DB)
        # the translation files checks already ran first
        return run_pytest("xmlrpc", [os.path.join(ROOT, "tests"), "--ignore",
                                     os.path.join(ROOT, "tests", "test_i18n_files.py")], env=env)


def cmd_test_odoo_std(args):
    """Odoo's own tests of sale, sale_stock, account and portal with our addons installed."""
    odoo_command()
    write_conf(with_demo=True)  # Odoo's own tests expect Odoo's demo data (our addons ship none)
    pg_start()
    db = "dealer_std_test"
    try:
        drop_db(db)
        log_file = os.path.join(LOGS, "test-odoo-std.log")
        tags = ",".join(f"/{m}" for m in ODOO_STD_MODULES)
        start = time.time()
        # one fresh install, as Odoo's own CI does: at_install tests run as each module is installed,
        # post_install tests once everything (our addons included) is installed
        rc = run_odoo(["-d", db, "-i", ",".join(ODOO_STD_MODULES + ADDONS), "--test-enable", "--test-tags", tags,
                       "--stop-after-init", "--log-level=test", "--http-port", str(free_port())],
                      log_file=log_file, check=False)
        failed, errors, total, _bad = odoo_test_counts(log_file)
        say(f"Odoo standard tests: {total} run, {failed} failed, {errors} errors, rc={rc}, "
            f"{time.time() - start:.0f}s (log: {log_file})")
    finally:
        if not args.keep:
            pg_stop()
    ok = not (rc or failed or errors or not total)
    if not ok:
        sys.stderr.write(f"[dealer] ERROR: Odoo standard tests failed, see {log_file}\n")
    summary(total - failed - errors, failed + errors + (0 if ok or failed or errors else 1))
    if not ok:
        sys.exit(1)


def cmd_i18n(args):
    """Export each addon's .pot and merge it into its zh_CN.po (keeping translations already made)."""
    import polib  # an Odoo requirement

    odoo_command()
    write_conf()
    pg_start()
    db = "dealer_i18n"
    try:
        drop_db(db)
        run_odoo(["-d", db, "-i", ",".join(ADDONS), "--stop-after-init", "--http-port", str(free_port())])
        # a term that moved to another addon keeps the translation it had in the addon it left
        known_anywhere = {}
        for addon in ADDONS:
            po_path = os.path.join(ROOT, addon, "i18n", "zh_CN.po")
            if os.path.exists(po_path):
                known_anywhere.update({e.msgid: e.msgstr for e in polib.pofile(po_path) if e.msgstr})
        for addon in ADDONS:
            pot_path = os.path.join(ROOT, addon, "i18n", f"{addon}.pot")
            os.makedirs(os.path.dirname(pot_path), exist_ok=True)
            run_odoo(["-d", db, f"--i18n-export={pot_path}", f"--modules={addon}", "--stop-after-init",
                      "--http-port", str(free_port())])
            po_path = os.path.join(ROOT, addon, "i18n", "zh_CN.po")
            pot = polib.pofile(pot_path)
            po = polib.pofile(po_path) if os.path.exists(po_path) else polib.POFile()
            known = {(e.msgctxt, e.msgid): e.msgstr for e in po if e.msgstr}
            known_by_id = {e.msgid: e.msgstr for e in po if e.msgstr}
            po.metadata = dict(pot.metadata, Language="zh_CN", **{"Plural-Forms": "nplurals=1; plural=0;"})
            merged = polib.POFile()
            merged.metadata = po.metadata
            missing = []
            for entry in pot:
                entry.msgstr = (known.get((entry.msgctxt, entry.msgid)) or known_by_id.get(entry.msgid)
                                or known_anywhere.get(entry.msgid, ""))
                if not entry.msgstr:
                    missing.append(entry.msgid)
                merged.append(entry)
            merged.save(po_path)
            say(f"{addon}: {len(pot)} terms, {len(missing)} untranslated")
            for msgid in missing:
                print("   untranslated:", msgid.replace("\n", " ")[:100])
    finally:
        drop_db(db)


def cmd_demo(args):
    odoo_command()
    write_conf(args.port, job_runner=True)
    pg_start()
    # --optional: the optional addons too (website and the eLearning course: data/demo_elearning.py)
    db, addons = (DEMO_OPTIONAL_DB, ADDONS + OPTIONAL_ADDONS) if args.optional else (DEMO_DB, ADDONS)
    if args.reset:
        drop_db(db)
    if not demo_loaded(db, addons):
        build_demo_database(db, addons)
    else:
        say(f"reusing database {db}")
    print_logins(args.port, db)
    if args.no_serve:
        return
    cmd = odoo_command() + ["-c", CONF, "-d", db, "--db-filter", f"^{db}$", "--http-port", str(args.port)]
    say("$ " + " ".join(cmd))
    say("press Ctrl+C to stop")
    try:
        subprocess.run(cmd, cwd=ROOT)
    except KeyboardInterrupt:
        say("Odoo stopped (Ctrl+C)")
    finally:
        pg_stop()


def cmd_serve(args):
    """Odoo as docs/deployment.md deploys it, on one database: prefork workers, the gevent port for the bus's
    websocket, proxy_mode, the memory limits, the queue_job runner (server-wide module, channels) and, when
    `make replica` runs, the standby for the readonly routes. --check: run scripts/serve_check.py against it, stop."""
    odoo_command()
    db = check_db_name(args.db or DEMO_DB)
    write_conf(args.port)
    with open(CONF) as f:
        write_atomically(SERVE_CONF, f.read() + JOB_RUNNER_OPTIONS + JOB_RUNNER_SECTION)
    pg_start()
    if not db_installed(db):
        die(f"database {db} does not have the dealer addons: `make demo` first (or DB=<a database that has them>)")
    gevent_port = args.gevent_port or free_port()
    cmd = odoo_script() + [
        "-c", SERVE_CONF, "-d", db, "--db-filter", f"^{db}$", "--http-port", str(args.port),
        "--gevent-port", str(gevent_port), f"--workers={args.workers}", "--max-cron-threads=1", "--proxy-mode",
        "--limit-memory-soft=2147483648", "--limit-memory-hard=2684354560", "--limit-time-real=600",
    ] + replica_options() + shlex.split(args.odoo_args or "")
    say("$ " + " ".join(cmd))
    if not args.check:
        try:
            subprocess.run(cmd, cwd=ROOT)
        except KeyboardInterrupt:
            say("Odoo stopped (Ctrl+C)")
        return
    import serve_check  # noqa: PLC0415 (scripts/: only this command needs requests and websocket-client)

    log_file = os.path.join(LOGS, "serve-check.log")
    with open(log_file, "w") as log:
        server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{args.port}"
        if not serve_check.wait_until_up(url, server):
            die(f"Odoo did not start, see {log_file}")
        shell = odoo_command() + ["shell", "-c", CONF, "-d", db, "--no-http"]
        standby = replica_running()
        failed = serve_check.run_checks(
            url, gevent_port, db, args.login, log_file, shell,
            lambda sql, **variables: psql(sql, db=db, **variables),
            (lambda sql, **variables: psql(sql, db=db, server=(REPLICA_SOCK, REPLICA_PORT), **variables))
            if standby else None,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(60)
    if failed:
        die(f"make serve CHECK=1: {', '.join(failed)} failed (server log: {log_file})", 1)
    say(f"make serve CHECK=1: every check passed (server log: {log_file})")


def build_demo_database(db, addons=None):
    """A fresh database `db` with `addons` (every addon of the suite) and the demo data set (dropped again when the
    load fails)."""
    drop_db(db)
    say(f"creating database {db} with the dealer addons and the demo data set")
    run_odoo(["-d", db, "-i", ",".join(addons or ADDONS), "--load-language=zh_CN", "--stop-after-init",
              "--http-port", str(free_port())])
    load_demo_data(db)


def cmd_demo_check(args):
    """What `make demo` does, on a database of its own that is dropped afterwards: CI proves the demo builds today.

    The history is planned relative to today (data/demo_plan.py); tests/test_demo_plan.py plans it for many days,
    this loads it for real on the day of the run. Non-zero exit when the load fails. --optional: what
    `make demo-optional` builds (the optional addons too: website and the eLearning course), in a database of its own.
    """
    odoo_command()
    db = check_db_name(DEMO_CHECK_DB + ("_optional" if args.optional else ""))
    write_conf()
    pg_start()
    start = time.time()
    try:
        build_demo_database(db, ADDONS + OPTIONAL_ADDONS if args.optional else ADDONS)
        say(f"demo-check{' --optional' if args.optional else ''}: the demo data set loads "
            f"({time.time() - start:.0f}s for the install and the load)")
    finally:
        drop_db(db)
        if not args.keep:
            pg_stop()


def demo_loaded(db, addons=None):
    """True when the demo database has the addons and a completely loaded demo data set."""
    if not db_installed(db, addons):
        return False
    try:
        return psql("SELECT 1 FROM ir_config_parameter WHERE key = 'dealer_demo.loaded'", db=db) == "1"
    except subprocess.CalledProcessError:
        return False


def load_demo_data(db):
    """Load data/demo.py through `odoo shell` (ORM, so every business rule applies)."""
    script = os.path.join(ROOT, "data", "demo.py")
    cmd = odoo_command() + ["shell", "-c", CONF, "-d", db, "--no-http"]
    say("loading the demo data set (data/demo.py)")
    with open(script) as f:
        proc = subprocess.run(cmd, stdin=f, cwd=ROOT, capture_output=True, text=True)
    sys.stdout.write(proc.stdout)
    if proc.returncode or "DEMO DATA LOADED" not in proc.stdout:
        sys.stderr.write(proc.stderr[-5000:])
        drop_db(db)  # never leave a half-loaded demo database to be reused by the next run
        die("loading the demo data failed")


def cmd_bench(args):
    """Fresh database with every addon and no demo data, then each bench/*.py script in an Odoo shell.

    The scripts build their own data (sizes from their BENCH_* environment variables), print their figures and
    roll everything back; they never use the demo data set.
    """
    odoo_command()
    check_db_name(BENCH_DB)
    scripts = sorted(f for f in os.listdir(os.path.join(ROOT, "bench")) if f.startswith("bench_") and f.endswith(".py"))
    if args.only:
        scripts = [f for f in scripts if args.only in f]
    if not scripts:
        die(f"no benchmark script matches {args.only!r} in bench/")
    write_conf()
    pg_start()
    failed = []
    try:
        drop_db(BENCH_DB)
        say(f"creating database {BENCH_DB} with the dealer addons, no demo data")
        run_odoo(["-d", BENCH_DB, "-i", ",".join(ADDONS), "--stop-after-init", "--http-port", str(free_port())])
        for script in scripts:
            say(f"running bench/{script}")
            cmd = odoo_command() + ["shell", "-c", CONF, "-d", BENCH_DB, "--no-http"]
            with open(os.path.join(ROOT, "bench", script)) as f:
                proc = subprocess.run(cmd, stdin=f, cwd=ROOT, env=dict(os.environ, **replica_env()))
            if proc.returncode:
                failed.append(script)
    finally:
        if not args.keep:
            drop_db(BENCH_DB)
            pg_stop()
    if failed:
        die(f"benchmark scripts failed: {', '.join(failed)}", 1)


def cmd_large_data(args):
    """A database without demo data holding the large data set (data/generate_large.py, committed)."""
    odoo_command()
    check_db_name(LARGE_DB)
    write_conf()
    pg_start()
    drop_db(LARGE_DB)
    say(f"creating database {LARGE_DB} with the dealer addons, no demo data")
    run_odoo(["-d", LARGE_DB, "-i", ",".join(ADDONS), "--stop-after-init", "--http-port", str(free_port())])
    say("loading the large data set (data/generate_large.py; sizes from BENCH_DEALERS, BENCH_MONTHS, BENCH_LINES)")
    cmd = odoo_command() + ["shell", "-c", CONF, "-d", LARGE_DB, "--no-http"]
    with open(os.path.join(ROOT, "data", "generate_large.py")) as f:
        proc = subprocess.run(cmd, stdin=f, cwd=ROOT)
    if proc.returncode:
        die("the large data set could not be loaded (see above)", 1)
    say(f"database {LARGE_DB} is ready; `make stop` stops PostgreSQL")


def print_logins(port, db=DEMO_DB):
    url = f"http://localhost:{port}"
    print(
        f"\n  Odoo:            {url}/web/login   (database {db})\n"
        "  Back office:     login dealer.manager   password dealer.manager   (Dealer Manager)\n"
        "  Administrator:   login admin            password admin\n"
        "  Dealer portal:   login dealer.portal    password dealer.portal    (portal user of a dealer)\n",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="stop with a clear message when Odoo 18 is missing")
    p.set_defaults(func=lambda a: (odoo_command(), say("Odoo 18 found")))
    p = sub.add_parser("test", help="fresh database, install the addons, run every test")
    p.add_argument("--addons", help="comma-separated addons whose tests to run (default: all + tests/)")
    p.add_argument("--no-external", action="store_true", help="skip the XML-RPC tests in tests/")
    p.add_argument("--keep", action="store_true", help="leave PostgreSQL running")
    p.set_defaults(func=cmd_test)
    p = sub.add_parser("test-optional", help="the optional addons (eLearning: website) in a database of their own")
    p.add_argument("--keep", action="store_true", help="keep the database and PostgreSQL running")
    p.set_defaults(func=cmd_test_optional)
    p = sub.add_parser("test-odoo", help="Odoo's own sale/sale_stock/account/portal tests with our addons")
    p.add_argument("--keep", action="store_true")
    p.set_defaults(func=cmd_test_odoo_std)
    p = sub.add_parser("demo", help="demo database, served on http://localhost:8069")
    p.add_argument("--port", type=int, default=8069)
    p.add_argument("--reset", action="store_true", help="drop and recreate the demo database")
    p.add_argument("--no-serve", action="store_true", help="prepare the database and stop")
    p.add_argument("--optional", action="store_true",
                   help="with the optional addons (eLearning: website) in a database of their own")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("demo-check", help="load the demo data set into a fresh database, then drop it (CI)")
    p.add_argument("--keep", action="store_true", help="leave PostgreSQL running")
    p.add_argument("--optional", action="store_true", help="what `make demo-optional` builds (website, eLearning)")
    p.set_defaults(func=cmd_demo_check)
    p = sub.add_parser("bench", help="fresh database, run the benchmarks of bench/ (they print their figures)")
    p.add_argument("--only", help="run only the bench/ scripts whose name contains this text")
    p.add_argument("--keep", action="store_true", help="keep the database and PostgreSQL running")
    p.set_defaults(func=cmd_bench)
    p = sub.add_parser("large-data", help="fresh database holding the large data set (data/generate_large.py)")
    p.set_defaults(func=cmd_large_data)
    p = sub.add_parser("i18n", help="export .pot files and merge them into zh_CN.po")
    p.set_defaults(func=cmd_i18n)
    p = sub.add_parser("serve", help="Odoo as docs/deployment.md deploys it (workers, gevent, proxy_mode, jobs)")
    p.add_argument("--db", help="the database (default: the demo database)")
    p.add_argument("--port", type=int, default=8069)
    p.add_argument("--gevent-port", type=int, help="the websocket port (default 8072 in production; free port here)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--check", action="store_true", help="check the portal, proxy, standby, bus and a job, then stop")
    p.add_argument("--login", default="dealer.portal", help="the portal user of --check (password = login)")
    p.add_argument("--odoo-args", help="more options for Odoo (e.g. --db_host/--db_port of a PgBouncer)")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("replica", help="start a streaming standby of the private cluster (pg_basebackup -R)")
    p.set_defaults(func=cmd_replica)
    p = sub.add_parser("pg-start")
    p.set_defaults(func=lambda a: (write_conf(), pg_start()))
    p = sub.add_parser("pg-stop")
    p.set_defaults(func=lambda a: pg_stop())
    args = parser.parse_args()
    for name in (TEST_DB, OPTIONAL_TEST_DB, DEMO_DB, DEMO_OPTIONAL_DB, DEMO_CHECK_DB, BENCH_DB, LARGE_DB):
        check_db_name(name)
    args.func(args)


if __name__ == "__main__":
    main()
