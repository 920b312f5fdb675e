"""Wall time, the Odoo process's CPU time and SQL queries of a measured part, summed over rounds.

On a shared machine the wall time alone says little: the CPU time (``time.process_time()``, this process only,
not PostgreSQL's) and the query count are the figures two parts measured in the same run can be compared on.
"""
import cProfile
import io
import pstats
import time
from contextlib import contextmanager


class Meter:
    """Totals of one measured part: ``with meter.measure(env): ...`` once per round, then ``meter.line()``."""

    def __init__(self, name):
        self.name = name
        self.rounds = 0
        self.wall = self.cpu = 0.0
        self.queries = 0

    @contextmanager
    def measure(self, env):
        queries, wall, cpu = env.cr.sql_log_count, time.perf_counter(), time.process_time()
        try:
            yield self
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += time.process_time() - cpu
            self.queries += env.cr.sql_log_count - queries
            self.rounds += 1

    def per_round(self):
        """(wall ms, CPU ms, queries) per round."""
        rounds = self.rounds or 1
        return self.wall * 1000 / rounds, self.cpu * 1000 / rounds, self.queries / rounds

    def line(self, unit="round"):
        wall, cpu, queries = self.per_round()
        return f"{self.name}: {wall:,.0f} ms wall, {cpu:,.0f} ms CPU, {queries:,.1f} queries per {unit}"

    def ratio(self, other):
        """(wall ratio, CPU ratio, query ratio) of this part over `other`."""
        mine, theirs = self.per_round(), other.per_round()
        return tuple(a / b if b else float("inf") for a, b in zip(mine, theirs, strict=True))


def profile(function, top=25, sort="cumulative", dump=None):
    """Run `function` under cProfile; (its result, the `top` lines of the statistics as text). ``dump``: a file
    path where the raw statistics are written too (``python3 -m pstats <file>`` reads them)."""
    profiler = cProfile.Profile()
    result = profiler.runcall(function)
    if dump:
        profiler.dump_stats(dump)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(sort).print_stats(top)
    return result, out.getvalue()
