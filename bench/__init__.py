"""Benchmarks run by ``make bench``: the corpus generator and the analysis throughput bench."""
