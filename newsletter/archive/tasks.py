"""The export started from the admin, as background work (django-tasks:
``manage.py db_worker`` in production)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from .jobs import queue_export, run_export
from .models import ArchiveExport


def start_export(user=None) -> ArchiveExport:
    """Queue an export (raises ``jobs.ExportRefused`` while another runs) and hand it to
    the background worker once the request's transaction commits."""
    export = queue_export(user)
    transaction.on_commit(lambda: run_archive_export.enqueue(export.pk))
    return export


@task()
def run_archive_export(export_id: int) -> str:
    """Write the final archive for an editor's export request."""
    export = ArchiveExport.objects.filter(pk=export_id).first()
    if export is None:
        return "missing"
    return run_export(export).status
