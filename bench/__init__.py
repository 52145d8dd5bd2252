"""Benchmarks: each module here runs with `python -m bench.<name>`; results go in docs/benchmarks.md."""
