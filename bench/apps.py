from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmarks: they stand above every app, which they all import."""

    name = "bench"
    verbose_name = "Benchmarks"
