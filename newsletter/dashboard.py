"""The secretariat's dashboard panels of the newsletter app (Wagtail's homepage panels):
the newest send and the final archive export, each with a link to its screen."""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from .archive.models import ArchiveExport
from .sending import latest_send_state


class NewsletterSendPanel(Component):
    name = "newsletter_send"
    template_name = "newsletter/admin/dashboard_send_panel.html"
    order = 80

    def get_context_data(self, parent_context=None):
        return {"state": latest_send_state()}


class ArchiveExportPanel(Component):
    name = "archive_export"
    template_name = "newsletter/admin/dashboard_export_panel.html"
    order = 85

    def get_context_data(self, parent_context=None):
        return {"export": ArchiveExport.objects.order_by("-created_at").first()}
