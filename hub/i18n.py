"""Language helpers for content that may not be translated yet."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from wagtail.models import Locale, Page


def in_reader_language(pages: Iterable[Page], locale: Locale) -> list[Page]:
    """One page per translation: the one in ``locale``, else the original (default
    language) one, so a reader never misses content that is not translated yet.

    ``pages`` should have ``locale`` selected; order is kept by first appearance.
    """
    chosen: dict = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if (
            page.locale_id == locale.pk
            or current is None
            and page.locale.language_code == settings.LANGUAGE_CODE
        ):
            chosen[page.translation_key] = page
    return list(chosen.values())
