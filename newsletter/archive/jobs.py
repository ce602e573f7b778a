"""Exports an editor starts from the admin: queued one at a time, run to their end by the
background worker (``archive.tasks``) with the same ``export_archive`` as
``manage.py export_archive``, their progress and outcome recorded on the
``ArchiveExport`` row. Archives are written under ARCHIVE_EXPORT_DIR.
"""

from __future__ import annotations

import datetime
import logging
import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ..conf import export_dir
from .export import ArchiveError, export_archive
from .models import ArchiveExport

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.5  # seconds between progress writes to the database
STALE_AFTER = datetime.timedelta(hours=1)  # no progress for this long: the worker died


class ExportRefused(Exception):
    """An export cannot start now; the message says why, for the editor."""


def recover_stale() -> None:
    """An export that stopped reporting progress long ago lost its worker: say so."""
    cutoff = timezone.now() - STALE_AFTER
    ArchiveExport.objects.filter(
        status__in=[ArchiveExport.Status.QUEUED, ArchiveExport.Status.RUNNING], updated_at__lt=cutoff
    ).update(
        status=ArchiveExport.Status.FAILED,
        finished_at=timezone.now(),
        error=gettext(
            "The export stopped without finishing: the background worker was interrupted or is not "
            "running. Start a new export."
        ),
    )


def queue_export(user=None) -> ArchiveExport:
    """A new export waiting for the background worker; one at a time, so while another is
    queued or running this raises ``ExportRefused``."""
    recover_stale()
    with transaction.atomic():
        running = ArchiveExport.objects.select_for_update().filter(
            status__in=[ArchiveExport.Status.QUEUED, ArchiveExport.Status.RUNNING]
        )
        if running.exists():
            raise ExportRefused(gettext("An export is already running; wait for it to finish."))
        return ArchiveExport.objects.create(created_by=user if user and user.pk else None)


class _ProgressRecorder:
    """export_archive's progress callback, written to the row at most twice a second."""

    def __init__(self, export: ArchiveExport):
        self.export = export
        self.last = 0.0
        self.stage = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self.stage and now - self.last < PROGRESS_INTERVAL and done < total:
            return
        self.stage, self.last = stage, now
        ArchiveExport.objects.filter(pk=self.export.pk).update(
            stage=str(stage)[:200], done=max(done, 0), total=max(total, 0), updated_at=timezone.now()
        )


def run_export(export: ArchiveExport) -> ArchiveExport:
    """Run one queued export to its end; every failure is recorded, none is raised."""
    claimed = ArchiveExport.objects.filter(pk=export.pk, status=ArchiveExport.Status.QUEUED).update(
        status=ArchiveExport.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:  # already run, or another worker has it
        export.refresh_from_db()
        return export
    export.refresh_from_db()
    started = export.started_at.astimezone(datetime.UTC)
    folder = export_dir() / f"landsbyklynger-archive-{started:%Y%m%d-%H%M%S}-{export.pk}"
    try:
        export_dir().mkdir(parents=True, exist_ok=True)
        summary = export_archive(folder, make_zip=True, progress=_ProgressRecorder(export))
    except ArchiveError as error:
        return _failed(export, str(error))
    except Exception as error:
        logger.exception("Archive export %s failed", export.pk)
        return _failed(
            export,
            gettext("The export failed unexpectedly (%(error)s). The details are in the server log.")
            % {"error": f"{type(error).__name__}: {error}"[:500]},
        )
    export.refresh_from_db()
    export.status = ArchiveExport.Status.DONE
    export.finished_at = timezone.now()
    export.folder = str(summary.path)
    export.zip_path = str(summary.zip_path or "")
    export.pages, export.documents, export.files = summary.pages, summary.documents, summary.files
    export.bytes, export.seconds = summary.bytes, summary.seconds
    export.warnings = "\n".join(summary.warnings)
    export.done = export.total or export.done
    export.save()
    return export


def _failed(export: ArchiveExport, message: str) -> ArchiveExport:
    export.refresh_from_db()
    export.status = ArchiveExport.Status.FAILED
    export.finished_at = timezone.now()
    export.error = message
    export.save()
    return export
