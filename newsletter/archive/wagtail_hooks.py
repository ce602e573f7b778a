"""The archive export screen in the Wagtail admin: its URLs, its item in the Settings menu
and its permission (imported by newsletter/wagtail_hooks.py, which Wagtail finds)."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import PERMISSION, archive_export, archive_export_download


@hooks.register("register_admin_urls")
def register_archive_export_urls():
    return [
        path("archive-export/", archive_export, name="archive_export"),
        path(
            "archive-export/<int:export_id>/download/",
            archive_export_download,
            name="archive_export_download",
        ),
    ]


class ArchiveExportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_settings_menu_item")
def register_archive_export_menu_item():
    return ArchiveExportMenuItem(
        gettext_lazy("Archive export"), reverse("archive_export"), icon_name="download", order=900
    )


@hooks.register("register_permissions")
def register_archive_export_permission():
    return Permission.objects.filter(content_type__app_label="newsletter", codename="run_archive_export")
