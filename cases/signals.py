"""Reports index the text of their PDF (``ReportPage.document_text``): when that text or
its privacy changes, the reports that use the PDF are reindexed.

- A document's text extracted anew (``hub.documents.document_analysed``).
- A collection made private or public again: a report indexes its PDF's text only while
  the PDF's collection is public. (The content version, which caches of public content
  are keyed on, moves on by itself: ``hub/content_version.py``.)
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import CollectionViewRestriction
from wagtail.search import index

from hub.documents import document_analysed

from .models import ReportPage


def reindex_reports_of_document(sender, document, **kwargs) -> int:
    reports = list(ReportPage.objects.filter(document=document))
    for report in reports:
        index.insert_or_update_object(report)
    return len(reports)


def reindex_reports_in_collection(sender, instance, **kwargs) -> None:
    reports = ReportPage.objects.filter(
        document__collection__path__startswith=instance.collection.path
    ).select_related("document", "document__collection")
    for report in reports:
        index.insert_or_update_object(report)


def connect() -> None:
    """Called from ``CasesConfig.ready()``."""
    document_analysed.connect(reindex_reports_of_document, dispatch_uid="cases-reindex-document-reports")
    for signal in (post_save, post_delete):
        signal.connect(
            reindex_reports_in_collection,
            sender=CollectionViewRestriction,
            dispatch_uid=f"cases-collection-privacy-{signal}",
        )
