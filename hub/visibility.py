"""What a reader may see: one definition for listings, search, feeds, the sitemap and the archive.

Wagtail keeps a page ``live`` after its expiry time until the ``publish_scheduled``
command runs; readers (and the archive) should not depend on that job having run, so a
page whose ``expire_at`` has passed counts as gone everywhere at once.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page
from wagtail.query import PageQuerySet


def not_expired(prefix: str = "") -> Q:
    """Pages (or, with ``prefix="page__"``, rows pointing at pages) not past their expiry."""
    return Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": timezone.now()})


def visible(queryset: PageQuerySet) -> PageQuerySet:
    """Live, public (no view restriction on the page or above it) and not expired."""
    return queryset.live().public().filter(not_expired())


def is_expired(page: Page) -> bool:
    return page.expired or (page.expire_at is not None and page.expire_at <= timezone.now())
