"""Benchmarks: `python3 dev.py bench [NAME ...]`; see benchmarks/run.py."""
