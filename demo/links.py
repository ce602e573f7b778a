"""Links between demo pages inside a paragraph: ``[label](page:KEY)``.

``KEY`` is the loader's key of another demo page: a section (``clusters``, ``findings``
…), ``home``, ``finding-3``, ``report-<file>``, ``post-<file>``, ``story-<file>``,
``cluster-<slug>``. The loader writes such a link as Wagtail rich text
(``<a linktype="page" id="…">``), which shows the reader's translation of the page; the
English translation's segment carries it as wagtail-localize does (``<a id="a1">``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

LINK = re.compile(r"\[([^\[\]]+)\]\(page:([^()\s]+)\)")


def keys(text: str) -> list[str]:
    """The page keys a text links to, in order."""
    return [match.group(2) for match in LINK.finditer(text)]


def plain(text: str) -> str:
    """The text without its link markup (the labels stay)."""
    return LINK.sub(lambda match: match.group(1), text)


def _convert(text: str, tag: Callable[[int, str], str]) -> str:
    parts, last = [], 0
    for number, match in enumerate(LINK.finditer(text), start=1):
        parts.append(html.escape(text[last : match.start()], quote=False))
        parts.append(f"{tag(number, match.group(2))}{html.escape(match.group(1), quote=False)}</a>")
        last = match.end()
    parts.append(html.escape(text[last:], quote=False))
    return "".join(parts)


def rich_text(text: str, page_id: Callable[[str], int]) -> str:
    """The text as Wagtail's stored rich text (escaped), its links to page ids."""
    return _convert(text, lambda _number, key: f'<a linktype="page" id="{page_id(key)}">')


def segment(text: str) -> str:
    """The text as wagtail-localize's translation segment holds it: escaped, each link
    ``<a id="aN">`` numbered in order."""
    return _convert(text, lambda number, _key: f'<a id="a{number}">')
