"""Benchmarks: figures, not tests. The generated corpus, the ``bench_*`` commands and what
they share (a server on loopback, timing and CPU figures)."""
