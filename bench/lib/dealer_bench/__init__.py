"""Benchmark tools of the repository (not shipped in an addon): the large-data generator and the reference SQL.

Used by bench/bench_assessment.py, data/generate_large.py and dealer_assessment/tests/test_large_data.py, which
put ``bench/lib`` on ``sys.path``.
"""
