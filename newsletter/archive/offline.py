"""What changes when a live page becomes a file on disk: the one place that decides it.

The page is rendered once, as the live site serves it (that is what the WARC keeps); the
static copy then loses what cannot work without the server:

- every ``<form>`` except the site search (sign-up, filters: nothing can receive them);
- any element a template marks ``data-archive="omit"`` (e.g. the footer's newsletter
  section, whose heading would otherwise stand alone);
- the search box's suggestions (``data-autocomplete-url``); the box itself leads to the
  offline search page, which replaces the live search page's main content with Pagefind;
- content pages get ``data-pagefind-body`` on ``<main>`` so Pagefind indexes exactly the
  archived pages and nothing else (not listings, the 404 page or the indexes).

Per-visitor secrets (CSRF tokens, CSP nonces) are replaced by fixed values in both copies,
and the CSP header's directives sorted: they mean nothing once recorded, and they would
make two exports differ. Links to content
the archive leaves out (a private document linked from a public page, say) are withheld
from both copies too: the URL alone can name what must stay private.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .links import transform_absolute, transform_css, transform_html

_FORM = re.compile(r"<form\b(?P<attrs>[^>]*)>.*?</form\s*>", re.IGNORECASE | re.DOTALL)
_OMIT_START = re.compile(r"""<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*\sdata-archive=["']omit["'][^>]*>""")
_AUTOCOMPLETE = re.compile(r"""\sdata-autocomplete-(?:url|label)=(["']).*?\1""", re.DOTALL)
_MAIN_OPEN = re.compile(r"<main\b[^>]*>", re.IGNORECASE)
_MAIN = re.compile(r"(<main\b[^>]*>).*?(</main\s*>)", re.IGNORECASE | re.DOTALL)
_CSRF_INPUT = re.compile(r"""(name=["']csrfmiddlewaretoken["']\s+value=["'])[^"']*(["'])""")
_NONCE_ATTR = re.compile(r"""(\snonce=["'])[^"']*(["'])""")
_NONCE_HEADER = re.compile(r"'nonce-[^']*'")

FIXED_TOKEN = "archived"  # noqa: S105 - what a CSRF token becomes offline, not a secret
# What a withheld link becomes: a fragment that leads nowhere in the WARC, and to the
# 404 page in the static copy.
WITHHELD_LINK = "#not-archived"


def normalise_body(text: str) -> str:
    """Per-visitor values replaced by fixed ones (see the module's docstring)."""
    text = _CSRF_INPUT.sub(rf"\g<1>{FIXED_TOKEN}\g<2>", text)
    return _NONCE_ATTR.sub(rf"\g<1>{FIXED_TOKEN}\g<2>", text)


def normalise_header(name: str, value: str) -> str | None:
    """A response header as recorded; ``None`` drops it (cookies are per visitor)."""
    lower = name.lower()
    if lower == "set-cookie":
        return None
    if lower.startswith("content-security-policy"):
        # The policy's directives come in an order that differs from process to process
        # (hash order); sorted, they mean the same and two exports compare equal.
        value = _NONCE_HEADER.sub(f"'nonce-{FIXED_TOKEN}'", value)
        return "; ".join(sorted(part.strip() for part in value.split(";") if part.strip()))
    return value


def _drop_element(text: str, match: re.Match) -> tuple[int, int]:
    """The span of the element opened at ``match``, nested same-name elements included."""
    tag = match["tag"]
    opener = re.compile(rf"<{tag}\b|</{tag}\s*>", re.IGNORECASE)
    depth, pos = 1, match.end()
    while depth:
        found = opener.search(text, pos)
        if not found:
            return match.start(), len(text)
        depth += -1 if found.group(0).startswith("</") else 1
        pos = found.end()
    return match.start(), pos


def drop_offline_parts(text: str) -> str:
    while match := _OMIT_START.search(text):
        start, end = _drop_element(text, match)
        text = text[:start] + text[end:]
    text = _FORM.sub(lambda m: m.group(0) if 'role="search"' in m["attrs"] else "", text)
    return _AUTOCOMPLETE.sub("", text)


def mark_searchable(text: str) -> str:
    return _MAIN_OPEN.sub(lambda m: m.group(0)[:-1] + " data-pagefind-body>", text, count=1)


def replace_main(text: str, inner: str) -> str:
    """The live search page's frame with the offline search in place of its results."""
    return _MAIN.sub(lambda m: m.group(1) + inner + m.group(2), text, count=1)


_XML_ENTRY = re.compile(r"<(url|item|entry)\b[^>]*>.*?</\1\s*>", re.DOTALL)
_XML_LINK = re.compile(r"<(?:loc|link|id)>\s*([^<\s]+)\s*</|<link\b[^>]*\shref=[\"']([^\"']+)[\"']")


def drop_refused_entries(text: str, refused: Callable[[str], bool]) -> str:
    """Sitemap ``<url>``, RSS ``<item>`` and Atom ``<entry>`` elements that point at a page
    the archive leaves out (e.g. expired but not yet unpublished by ``publish_scheduled``)
    are dropped from both copies: the archive must not name what it excludes."""

    def keep(match: re.Match) -> str:
        for link in _XML_LINK.finditer(match.group(0)):
            if refused(link.group(1) or link.group(2)):
                return ""
        return match.group(0)

    return _XML_ENTRY.sub(keep, text)


def withhold_links(
    text: str, kind: str, withheld: Callable[[str], bool], origins: list[str]
) -> tuple[str, int]:
    """``text`` with every link to excluded content replaced by ``WITHHELD_LINK``, and how
    many were replaced."""
    count = 0

    def mapper(raw: str) -> str | None:
        nonlocal count
        if not withheld(raw):
            return None
        count += 1
        return WITHHELD_LINK

    if kind == "html":
        text = transform_html(text, mapper)
    elif kind == "css":
        text = transform_css(text, mapper)
    else:
        text = transform_absolute(text, origins, mapper, escape=kind == "xml")
    return text, count


_FEED_LINK = re.compile(
    r"""(?P<pre><(?:atom:)?link\b[^>]*?\shref=)(?P<q>["'])(?P<url>.*?)(?P=q)""", re.DOTALL
)


def relative_feed_links(text: str, mapper: Callable[[str], str | None]) -> str:
    """A feed's ``<link href>`` (Atom, and RSS's ``atom:link``) made relative by ``mapper``;
    every other URL of a feed, the sitemap or robots.txt stays absolute: they are
    identifiers (``atom:id``, ``guid``, ``<loc>``) that RFC 4287 and the sitemaps protocol
    want absolute, and name where the page was published."""

    def replace(match: re.Match) -> str:
        new = mapper(html.unescape(match["url"]))
        if new is None:
            return match.group(0)
        return f"{match['pre']}{match['q']}{html.escape(new, quote=True)}{match['q']}"

    return _FEED_LINK.sub(replace, text)
