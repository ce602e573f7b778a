"""Admin screens that show editors the state of their documents."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model


def report_urls(route: str, view: type[ReportView], name: str) -> list:
    """A report's page and its results-only partial, named ``name`` and ``name_results``."""
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


def documents_needing_attention():
    Document = get_document_model()
    return Document.objects.filter(
        extraction_status__in=[Document.Extraction.FAILED, Document.Extraction.PENDING]
    ).order_by("-created_at")


class UnreadableDocumentsReport(ReportView):
    """PDFs whose text could not be extracted, so search cannot find them by their content."""

    page_title = _("Unreadable PDFs")
    header_icon = "warning"
    index_url_name = "unreadable_documents"
    index_results_url_name = "unreadable_documents_results"
    list_export = ["title", "file", "extraction_status", "extraction_message", "created_at"]
    columns = [
        TitleColumn("title", label=_("Document"), url_name="wagtaildocs:edit"),
        Column("extraction_status", label=_("Text extraction"), accessor="get_extraction_status_display"),
        Column("extraction_message", label=_("Reason")),
        DateColumn("created_at", label=_("Uploaded")),
    ]

    def get_queryset(self):
        return documents_needing_attention()


class UnreadableDocumentsPanel(Component):
    """Dashboard notice: some PDFs cannot be searched by their text."""

    name = "unreadable_documents"
    template_name = "hub/admin/unreadable_documents_panel.html"
    order = 90

    def get_context_data(self, parent_context=None):
        Document = get_document_model()
        return {
            "failed": documents_needing_attention()
            .filter(extraction_status=Document.Extraction.FAILED)
            .count()
        }
