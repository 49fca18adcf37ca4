"""Benchmarks run by hand: ``python benchmarks/run.py`` (see README)."""
