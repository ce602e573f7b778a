"""What a benchmark measures: the demo hub, on PostgreSQL as in production."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.db import connection


def ensure_demo_content(stdout) -> None:
    """Load the demo content (clusters in two languages) unless the database has it."""
    from cases.models import ClusterPage

    if not ClusterPage.objects.exists():
        stdout.write("Loading the demo content…")
        call_command("load_demo_content", stdout=io.StringIO())


def warn_unless_postgresql(stderr) -> None:
    if connection.vendor != "postgresql":
        stderr.write("Warning: not on PostgreSQL; figures will not resemble production.")
