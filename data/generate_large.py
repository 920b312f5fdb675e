"""Large data set for the assessment benchmark: 2,000 dealers, 24 months, 500,000 sale order lines.

Run in an Odoo shell on a database where the dealer addons are installed (no demo data needed), from the
repository root, e.g. the harness cluster's bench database (`make large-data` does all of this):

    python3 scripts/harness.py pg-start
    python3 -m odoo -c .local/odoo.conf -d dealer_large -i dealer_assessment --without-demo=all --stop-after-init
    python3 -m odoo shell -c .local/odoo.conf -d dealer_large --no-http < data/generate_large.py

Sizes: BENCH_DEALERS (2000), BENCH_MONTHS (24), BENCH_LINES (500000), BENCH_SEED (8). The history ends at
the end of the last complete month. The generator itself is bench/lib/dealer_bench/large_data.py (also used
by bench/bench_assessment.py and the large-data test). BENCH_COMMIT=0 rolls back instead of committing.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.getcwd(), "bench", "lib"))

from dealer_bench.large_data import LargeDataGenerator  # noqa: E402 (bench/lib is on the path from here)

env = globals()["env"]  # provided by `odoo shell`


def say(message):
    print(f"[large-data] {message}", flush=True)


generator = LargeDataGenerator(
    env, dealers=int(os.environ.get("BENCH_DEALERS", "2000")), months=int(os.environ.get("BENCH_MONTHS", "24")),
    lines=int(os.environ.get("BENCH_LINES", "500000")), seed=int(os.environ.get("BENCH_SEED", "8")), say=say,
)
counts = generator.run()
say(f"history {generator.start} .. {generator.end}, loaded in {generator.elapsed:.1f} s:")
for table, count in counts.items():
    say(f"  {table:<28} {count:>10,}")
if os.environ.get("BENCH_COMMIT", "1") == "1":
    env.cr.commit()
    say("committed")
else:
    env.cr.rollback()
    say("rolled back")
