"""Finding and replacing the links in HTML, CSS and XML/text, in one linear pass each.

Regular expressions rather than a DOM: the hub's templates quote every attribute, and a
5,000-page export must not build 5,000 trees twice. The same scanners serve the crawl
(``mapper`` returns ``None``: nothing changes, every URL is seen) and the rewrite.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

Mapper = Callable[[str], str | None]

# Attributes whose value is one URL. ``content`` is included for <meta property="og:url">
# and the like; the mapper leaves anything that is not a same-site URL alone.
_URL_ATTR = re.compile(
    r"""(?P<pre>\s(?:href|src|action|poster|data|content)\s*=\s*)(?P<q>["'])(?P<url>.*?)(?P=q)""",
    re.IGNORECASE | re.DOTALL,
)
_LINK_ATTR = re.compile(
    r"""(?P<pre>\s(?:href|src|action|poster|data)\s*=\s*)(?P<q>["'])(?P<url>.*?)(?P=q)""",
    re.IGNORECASE | re.DOTALL,
)
_SRCSET_ATTR = re.compile(
    r"""(?P<pre>\ssrcset\s*=\s*)(?P<q>["'])(?P<url>.*?)(?P=q)""", re.IGNORECASE | re.DOTALL
)
_CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>[^"')]*)(?P=q)\s*\)""")


def _replace_attr(match: re.Match, mapper: Mapper) -> str:
    raw = match["url"]
    new = mapper(html.unescape(raw))
    if new is None:
        return match.group(0)
    return f"{match['pre']}{match['q']}{html.escape(new, quote=True)}{match['q']}"


def _replace_srcset(match: re.Match, mapper: Mapper) -> str:
    candidates = []
    changed = False
    for candidate in html.unescape(match["url"]).split(","):
        parts = candidate.strip().split(None, 1)
        if not parts:
            continue
        new = mapper(parts[0])
        if new is not None:
            changed = True
            parts[0] = new
        candidates.append(" ".join(parts))
    if not changed:
        return match.group(0)
    return f"{match['pre']}{match['q']}{html.escape(', '.join(candidates), quote=True)}{match['q']}"


def transform_html(text: str, mapper: Mapper, *, meta_content: bool = True) -> str:
    pattern = _URL_ATTR if meta_content else _LINK_ATTR
    text = pattern.sub(lambda m: _replace_attr(m, mapper), text)
    return _SRCSET_ATTR.sub(lambda m: _replace_srcset(m, mapper), text)


def transform_css(text: str, mapper: Mapper) -> str:
    def replace(match: re.Match) -> str:
        new = mapper(match["url"])
        return match.group(0) if new is None else f'url("{new}")'

    return _CSS_URL.sub(replace, text)


def transform_absolute(text: str, origins: list[str], mapper: Mapper, *, escape: bool) -> str:
    """Replace every absolute URL on the live site in XML or plain text (feeds, sitemap,
    robots.txt): they must not point at a server that will be gone."""
    if not origins:
        return text
    pattern = re.compile(
        "(?:" + "|".join(re.escape(origin) for origin in origins) + r")(?:/[^\s\"'<>]*)?",
    )

    def replace(match: re.Match) -> str:
        raw = match.group(0)
        new = mapper(html.unescape(raw) if escape else raw)
        if new is None:
            return raw
        return html.escape(new, quote=True) if escape else new

    return pattern.sub(replace, text)


def find_urls(text: str, kind: str, origins: list[str], *, meta_content: bool = True) -> list[str]:
    """Every URL a document holds, in document order (``meta_content``: also ``content``
    attributes, which hold URLs only sometimes)."""
    found: list[str] = []

    def collect(url: str) -> None:
        found.append(url)
        return None

    if kind == "html":
        transform_html(text, collect, meta_content=meta_content)
    elif kind == "css":
        transform_css(text, collect)
    else:
        transform_absolute(text, origins, collect, escape=kind == "xml")
    return found
