"""The final archive exported from the admin: one ``ArchiveExport`` row per run.

Editors start an export on the "Archive export" screen (``export_admin``); it runs as a
background task (``tasks.run_archive_export``; ``manage.py db_worker`` in production)
that calls the same ``export_archive`` as ``manage.py export_archive`` and records its
progress, outcome and zip file here, so the screen can show them and offer the download.
Archives are written under ``ARCHIVE_EXPORT_DIR``.
"""

from __future__ import annotations

import datetime
import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.5  # seconds between progress writes to the database
STALE_AFTER = datetime.timedelta(hours=1)  # no progress for this long: the worker died


class ArchiveExport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Progress, as export_archive reports it: the stage's label and how far it is.
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # The outcome
    pages = models.PositiveIntegerField(_("pages"), default=0)
    documents = models.PositiveIntegerField(_("documents"), default=0)
    files = models.PositiveIntegerField(_("files"), default=0)
    bytes = models.BigIntegerField(_("size in bytes"), default=0)
    seconds = models.FloatField(_("duration in seconds"), default=0)
    warnings = models.TextField(_("warnings"), blank=True)
    error = models.TextField(_("error"), blank=True)
    folder = models.CharField(_("folder"), max_length=500, blank=True)
    zip_path = models.CharField(_("zip file"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("archive export")
        verbose_name_plural = _("archive exports")
        ordering = ["-created_at", "-pk"]
        default_permissions = ()
        permissions = [("run_archive_export", _("Can export the final archive and download it"))]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def warning_list(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if line]

    def zip_file(self) -> Path | None:
        """The finished zip, if it is still there and inside ARCHIVE_EXPORT_DIR."""
        if self.status != self.Status.DONE or not self.zip_path:
            return None
        path = Path(self.zip_path)
        root = export_dir().resolve()
        if not path.resolve().is_relative_to(root) or not path.is_file():
            return None
        return path


def export_dir() -> Path:
    return Path(settings.ARCHIVE_EXPORT_DIR)


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


def start_export(user=None) -> ArchiveExport:
    """Queue an export (one at a time) and hand it to the background worker."""
    from .tasks import run_archive_export

    recover_stale()
    with transaction.atomic():
        running = ArchiveExport.objects.select_for_update().filter(
            status__in=[ArchiveExport.Status.QUEUED, ArchiveExport.Status.RUNNING]
        )
        if running.exists():
            raise ExportRefused(gettext("An export is already running; wait for it to finish."))
        export = ArchiveExport.objects.create(created_by=user if user and user.pk else None)
        transaction.on_commit(lambda: run_archive_export.enqueue(export.pk))
    return export


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
    from .archive.export import ArchiveError, export_archive

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
