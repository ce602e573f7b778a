"""Background work on documents (django-tasks: the database worker in production)."""

from __future__ import annotations

from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.search import index

from .documents import analyse_document


def reindex_pages_using(document) -> int:
    """Refresh the search entries of report pages whose text comes from ``document``."""
    from cases.models import ReportPage

    pages = ReportPage.objects.filter(document=document)
    for page in pages:
        index.insert_or_update_object(page)
    return len(pages)


@task()
def extract_document_text(document_id: int) -> str:
    """Extract a document's text and page count, then make its reports findable by it."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    analyse_document(document)
    reindex_pages_using(document)
    return document.extraction_status
