"""The cases app's part of sitemap.xml: the PDF of every live, public report, so a
harvester that follows only the sitemap gets every report it can download."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from wagtail.models import Page

from hub.sitemap import in_trees
from hub.visibility import document_is_public, visible

from .models import ReportPage


def report_documents(roots: list[Page]) -> list:
    """Documents a live, public report in these trees offers for download, if public."""
    reports = (
        visible(ReportPage.objects.filter(in_trees(roots), document__isnull=False))
        .select_related("document", "document__collection")
        .order_by("document_id")
    )
    documents = {report.document_id: report.document for report in reports}
    return [document for document in documents.values() if document_is_public(document)]


def report_pdf_urls(roots: list[Page]) -> Iterable[tuple[str, datetime.datetime | None]]:
    return [(document.url, document.created_at) for document in report_documents(roots)]
