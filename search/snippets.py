"""A result's snippet: the first of its texts that holds a match, with the matched words
marked (``search.highlight``), or the start of its first text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils.html import strip_tags
from wagtail.models import Page

from .analysis import flatten
from .highlight import highlight
from .registry import SearchContext, type_of

TAG_RE = re.compile(r"<[^>]+>")
SNIPPET_FIELDS = ("search_description", "intro", "summary", "description")
SNIPPET_LENGTH = 240


def raw_search_text(page: Page, context: SearchContext) -> Iterator[str]:
    """The page's searchable text as written (not as analysed), most telling first.

    Lazy: a search field with a snippet source of its type (``ResultType.snippet_sources``,
    such as a report's PDF text, read only when public) is read only when no field before
    it holds a match."""
    result_type = type_of(type(page))
    sources = result_type.snippet_sources if result_type else {}

    def raw_texts() -> Iterator[object]:
        for name in SNIPPET_FIELDS:
            yield getattr(page, name, "")
        for search_field in page.get_searchable_search_fields():
            name = search_field.field_name
            if name in sources:
                yield sources[name](page, context)
            elif name not in ("title", *SNIPPET_FIELDS):
                yield search_field.get_value(page)

    for value in raw_texts():
        text = " ".join(strip_tags(TAG_RE.sub(" ", flatten(value))).split())
        if text:
            yield text


def snippet_for(page: Page, stems: list[str], context: SearchContext) -> str:
    first = None
    for text in raw_search_text(page, context):
        marked = highlight(text, stems, context.language)
        if marked:
            return marked
        first = text if first is None else first
    if first is None:
        return ""
    return first[:SNIPPET_LENGTH] + "…" if len(first) > SNIPPET_LENGTH else first
