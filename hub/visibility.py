"""What a reader may see: one definition for listings, search, feeds, the sitemap and the archive.

Wagtail keeps a page ``live`` after its expiry time until the ``publish_scheduled``
command runs; readers (and the archive) should not depend on that job having run, so a
page whose ``expire_at`` has passed counts as gone everywhere at once. A document is
public when no view restriction applies to its collection or the collections above it.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from wagtail.models import CollectionViewRestriction, Page
from wagtail.query import PageQuerySet


def not_expired(prefix: str = "") -> Q:
    """Pages (or, with ``prefix="page__"``, rows pointing at pages) not past their expiry."""
    return Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": timezone.now()})


def visible(queryset: PageQuerySet) -> PageQuerySet:
    """Live, public (no view restriction on the page or above it) and not expired."""
    return queryset.live().public().filter(not_expired())


def is_expired(page: Page) -> bool:
    return page.expired or (page.expire_at is not None and page.expire_at <= timezone.now())


def document_is_public(document, restricted_paths: list[str] | None = None) -> bool:
    """Whether no view restriction applies to the document's collection or its ancestors.

    Pass ``restricted_paths`` (from ``restricted_collection_paths()``) when checking many
    documents, so the check costs no query per document.
    """
    if restricted_paths is None:
        return not document.collection.get_view_restrictions().exists()
    return not any(document.collection.path.startswith(path) for path in restricted_paths)


def restricted_collection_paths() -> list[str]:
    """Tree paths of every collection with a view restriction (descendants inherit it)."""
    return list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
