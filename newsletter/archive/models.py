"""The final archive exported from the admin: one ``ArchiveExport`` row per run.

Editors start an export on the "Archive export" screen (``archive.views``); it runs as a
background task (``archive.tasks``) that records its progress, outcome and zip file here
(``archive.jobs``), so the screen can show them and offer the download.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..conf import export_dir


class ArchiveExport(models.Model):
    """One export an editor asked for, from the queue to its zip file (or its failure)."""

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
