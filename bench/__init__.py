"""Benchmarks: Parley's speed beside a baseline measured in the same run. Start with `python bench/run.py`."""
