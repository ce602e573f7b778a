"""Settings → Archive export: editors start the final archive, follow it, download it.

The export runs as a background task (archive/tasks.py); this screen shows its state and
progress (reloading itself while it runs), the outcome or the reason it failed, and the
download of the finished zip. Everything needs the ``newsletter.run_archive_export``
permission (superusers have it; give it to a group under Settings → Groups). The screen's
URLs and menu item are registered in archive/wagtail_hooks.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from .export import ArchiveError, check_public_address
from .jobs import ExportRefused, recover_stale
from .models import ArchiveExport
from .tasks import start_export

PERMISSION = "newsletter.run_archive_export"
SHOWN = 20


def address_problem() -> str:
    """Why an export would be refused now (the site's host name is not public), or ``""``:
    said before the editor starts one."""
    site = Site.objects.filter(is_default_site=True).first()
    try:
        if site is not None:
            check_public_address(site)
    except ArchiveError as error:
        return str(error)
    return ""


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def archive_export(request):
    """GET: the latest exports with their state. POST: start a new one."""
    _check(request)
    if request.method == "POST":
        try:
            start_export(request.user)
        except ExportRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The export has started. This page shows its progress."))
        return redirect("archive_export")
    recover_stale()
    exports = list(ArchiveExport.objects.select_related("created_by")[:SHOWN])
    latest = exports[0] if exports else None
    return TemplateResponse(
        request,
        "newsletter/archive/export_screen.html",
        {
            "exports": exports,
            "latest": latest,
            "running": any(export.active for export in exports),
            "Status": ArchiveExport.Status,
            "address_problem": address_problem(),
            "header_title": _("Archive export"),
            "page_title": _("Archive export"),
            "header_icon": "download",
        },
    )


@require_http_methods(["GET"])
def archive_export_download(request, export_id: int):
    """The finished zip, streamed from disk."""
    _check(request)
    export = get_object_or_404(ArchiveExport, pk=export_id)
    zip_file = export.zip_file()
    if zip_file is None:
        messages.error(request, _("This export has no zip file to download (any more)."))
        return redirect("archive_export")
    return FileResponse(
        zip_file.open("rb"), as_attachment=True, filename=zip_file.name, content_type="application/zip"
    )
