"""Timing of the assessment reports, shared by the benchmarks (bench_assessment.py, bench_assessment_export.py).

``time_xlsx_export(env, assessment, lang, say)``: two timed exports with cold caches (SQL query count), then one
under tracemalloc for the peak memory. ``time_pdf(env, scorecard, lang, http_port, say)``: the PDF of one
scorecard twice (wkhtmltopdf; it loads the report's stylesheets from an Odoo HTTP server, started in this
process on ``http_port`` when given). Not a bench script itself (the harness runs ``bench_*.py`` only).
"""
import time
import tracemalloc

import odoo.http
from odoo.service import server as odoo_server
from odoo.tools import config

_HTTP = {}


def time_xlsx_export(env, assessment, lang, say):
    """Export the assessment's workbook three times; return the best timed run in seconds."""
    export_env = env(context=dict(env.context, lang=lang))
    best = None
    for run, traced in ((1, False), (2, False), (3, True)):
        # runs 1-2 timed; run 3 under tracemalloc (which slows Python down) for the peak memory only
        env.invalidate_all()
        queries = env.cr.sql_log_count
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        content = assessment.with_env(export_env)._export_xlsx()
        elapsed = time.perf_counter() - started
        if traced:
            say(f"XLSX export run {run}: peak Python memory {tracemalloc.get_traced_memory()[1] / 2**20:.1f} MiB")
            tracemalloc.stop()
        else:
            best = elapsed if best is None else min(best, elapsed)
            say(f"XLSX export run {run} ({len(assessment.scorecard_ids)} scorecards, cold caches, {lang}): "
                f"{elapsed:.2f} s, {env.cr.sql_log_count - queries} queries, {len(content) / 1024:.0f} KiB")
    return best


def start_http(env, http_port):
    """An HTTP server in this process, for the report's stylesheets (wkhtmltopdf fetches them); once."""
    if http_port and not _HTTP:
        config["http_port"] = http_port
        odoo_server.ThreadedServer(odoo.http.root).http_spawn()
        _HTTP["port"] = http_port
    if _HTTP:
        env["ir.config_parameter"].set_param("report.url", f"http://127.0.0.1:{_HTTP['port']}")


def time_pdf(env, scorecard, lang, http_port, say):
    """Render the PDF of one scorecard twice; return (best time in seconds, the last PDF)."""
    start_http(env, http_port)
    scorecard.partner_id.lang = lang  # the scorecard is printed in the dealer's language
    report = env["ir.actions.report"]
    best, pdf = None, b""
    for run in (1, 2):
        started = time.perf_counter()
        pdf, _report_type = report._render_qweb_pdf("dealer_assessment.action_report_dealer_scorecard", scorecard.ids)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
        say(f"PDF of one scorecard run {run} ({lang}): {elapsed:.2f} s, {len(pdf) / 1024:.0f} KiB, "
            f"starts with {pdf[:5]!r}")
    return best, pdf
