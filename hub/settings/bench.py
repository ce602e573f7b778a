"""Benchmarks: production behaviour (no debug, no query log) served in-process."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "benchmark-only-not-secret"  # noqa: S105 - benchmarks only, on loopback
ALLOWED_HOSTS = ["*"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405 - as in production
