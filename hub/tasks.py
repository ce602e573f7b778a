"""Background work on documents (django-tasks: the database worker in production)."""

from __future__ import annotations

from django_tasks import task
from wagtail.documents import get_document_model

from .documents import refresh_document


@task()
def extract_document_text(document_id: int) -> str:
    """Extract a document's text and page count, then let the pages that index it
    (an app's ``document_analysed`` receiver: the cases app's reports) reindex."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    return refresh_document(document).extraction_status
