"""tests/perf holds the benchmark script (`python tests/perf/bench.py`), never tests."""

collect_ignore_glob = ["*.py"]
