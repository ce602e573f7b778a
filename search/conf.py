"""The search app's settings and their defaults."""

from __future__ import annotations

from django.conf import settings

# How long a search outcome is kept (it is dropped sooner when public content changes);
# also bounds how long a result can lag behind a background index update.
DEFAULT_CACHE_SECONDS = 300


def cache_seconds() -> int:
    """HUB_SEARCH_CACHE_SECONDS; 0 turns the outcome cache off."""
    return getattr(settings, "HUB_SEARCH_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)


def page_size() -> int:
    """Results per page: as many as the hub's listings show (HUB_LISTING_PAGE_SIZE)."""
    return settings.HUB_LISTING_PAGE_SIZE


def backend_for_language(language: str) -> str:
    """The WAGTAILSEARCH_BACKENDS alias configured for readers of ``language`` (its
    ``LANGUAGE``), else the default one."""
    for alias, params in settings.WAGTAILSEARCH_BACKENDS.items():
        if params.get("LANGUAGE") == language:
            return alias
    return "default"
