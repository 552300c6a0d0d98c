"""Benchmarks against peer tools run in the same process tree; they print ratios, never assert times."""
