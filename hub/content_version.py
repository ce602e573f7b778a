"""One number that changes whenever public content changes.

Caches of rendered or computed public content (search outcomes, choices, menus and the
whole-page cache of hub/page_cache.py) put it in their keys, so publishing, unpublishing,
moving or deleting a page, or changing a document, makes every such cache entry stale at
once, without knowing which entries it touched.

A page also leaves public content by the clock, when its ``expire_at`` passes (readers
stop seeing it then, hub/visibility.py, not when ``publish_scheduled`` runs): the number
therefore also moves on by itself at the nearest future ``expire_at`` of a live page.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

KEY = "hub:content-version"
# (version, the nearest future expire_at of a live page then, or None): one query per version.
EXPIRY_KEY = "hub:content-version:next-expiry"


def next_expiry():
    """When the next live page expires, if any will."""
    return Page.objects.live().filter(expire_at__gt=timezone.now()).aggregate(next=Min("expire_at"))["next"]


def content_version() -> int:
    values = cache.get_many([KEY, EXPIRY_KEY])
    version = values.get(KEY)
    if version is None:
        # Never an old number again: a cache that evicted the counter (the database
        # cache culls keys in order, ignoring timeout=None) may still hold entries
        # stored under the numbers it had reached.
        cache.add(KEY, time.time_ns() // 1_000_000, timeout=None)
        version = cache.get(KEY) or time.time_ns() // 1_000_000
    expiry = values.get(EXPIRY_KEY)
    if expiry is None or expiry[0] != version:
        cache.set(EXPIRY_KEY, (version, next_expiry()), timeout=None)
    elif (
        expiry[1] is not None
        and expiry[1] <= timezone.now()
        # A page has just expired: one process (of those that see it) moves the version on.
        and cache.add(f"{KEY}:expired:{version}", True, timeout=60)
    ):
        bump_content_version()
        return content_version()
    return version


def cached_for_content(key: str, compute, timeout: int = 3600):
    """``compute()``, cached until public content next changes (or ``timeout``)."""
    versioned = f"hub:{key}:{content_version()}"
    value = cache.get(versioned)
    if value is None:
        value = compute()
        cache.set(versioned, value, timeout)
    return value


def bump_content_version(**kwargs) -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(KEY, content_version() + 1, timeout=None)


# What moves the version on, besides pages: models whose saving or deleting changes what
# readers see. The hub names its own in ``connect()``; every other app names its models
# from its own ``AppConfig.ready()`` (the consent wording, search promotions ...).
_tracked: set[type] = set()
# Wagtail stores a document's size and hash lazily, on its first view: not a change.
LAZY_DOCUMENT_FIELDS = {"file_size", "file_hash"}


def track_content(*models: type) -> None:
    """Saving or deleting an object of any of ``models`` moves the content version on."""
    _tracked.update(models)


def _saved_or_deleted(sender, signal, **kwargs) -> None:
    """A tracked object saved or deleted, or any page deleted."""
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= LAZY_DOCUMENT_FIELDS:
        return
    if sender in _tracked or (signal is post_delete and issubclass(sender, Page)):
        bump_content_version()


def connect() -> None:
    """Connect the signals that move the version on (``HubConfig.ready()``).

    Publishing, unpublishing, moving and deleting pages; documents, focus areas, the
    site and its settings (every page shows them, and base.html's cached frame is keyed
    by the site); a page or collection made private or public again.
    """
    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction, PageViewRestriction, Site

    from .models import FocusArea, SiteSettings, TagName

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"hub-content-version-{id(signal)}")
    post_save.connect(_saved_or_deleted, dispatch_uid="hub-content-version-save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="hub-content-version-delete")
    track_content(
        get_document_model(),
        FocusArea,
        TagName,
        Site,
        SiteSettings,
        PageViewRestriction,
        CollectionViewRestriction,
    )
