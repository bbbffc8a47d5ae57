"""Benchmarks and the synthetic corpus generator (see benchmarks/README.md)."""
