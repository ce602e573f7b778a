"""What the home page shows of the sections above it: each app names its newest pages.

An app registers, from its own ``AppConfig.ready()``, a function giving its pages of a
locale in the order to show them (``show_latest_on_home``); the home page lists the
first few a reader may see under that name (``latest``), so the hub never names the apps
above it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from wagtail.models import Locale

from .visibility import visible

_latest: dict[str, Callable[[Locale], QuerySet]] = {}


def show_latest_on_home(name: str, pages: Callable[[Locale], QuerySet]) -> None:
    """``pages(locale)``: that app's pages in ``locale``, newest first."""
    _latest[name] = pages


def latest_on_home(locale: Locale, limit: int = 3) -> dict[str, QuerySet]:
    return {name: visible(pages(locale))[:limit] for name, pages in _latest.items()}
