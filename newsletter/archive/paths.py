"""Where a live URL lands in the static copy, and the relative link from one file to another.

The mapping depends on the URL and the response's content type only, so it is the same in
every export: ``/da/blog/`` becomes ``da/blog/index.html``, ``/da/blog/?page=2`` becomes
``da/blog/index.page=2.html`` and ``/da/blog/feed/`` (RSS) ``da/blog/feed/index.xml``.
Wagtail's page URLs never hold a dot in a segment, so these names cannot collide with a page.
"""

from __future__ import annotations

import hashlib
import posixpath
from urllib.parse import parse_qsl, quote, unquote, urlencode

EXTENSIONS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/json": ".json",
    "text/plain": ".txt",
    "text/css": ".css",
    "text/javascript": ".js",
    "application/javascript": ".js",
    "application/pdf": ".pdf",
    "application/zip": ".zip",
}
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
_MAX_QUERY_NAME = 100


def replay_query(query: str) -> str:
    """Sorted, without empty values: the query a crawled URL is recorded with."""
    return urlencode(sorted(parse_qsl(query, keep_blank_values=False)))


def canonical_query(query: str) -> str:
    """The replay query without ``page=1`` (the first page is the listing itself): the
    query that names a file of the static copy."""
    return urlencode(
        [(key, value) for key, value in parse_qsl(replay_query(query)) if (key, value) != ("page", "1")]
    )


def _encode(text: str) -> str:
    return "".join(char if char in _SAFE else "".join(f"~{b:02X}" for b in char.encode()) for char in text)


def query_suffix(query: str) -> str:
    """``page=2&tag=x`` → ``page=2.tag=x``; long queries become a short hash."""
    pairs = parse_qsl(query, keep_blank_values=True)
    name = ".".join(f"{_encode(key)}={_encode(value)}" for key, value in pairs)
    if len(name) > _MAX_QUERY_NAME:
        name = "q-" + hashlib.sha256(query.encode()).hexdigest()[:20]
    return name


def extension_for(content_type: str) -> str:
    return EXTENSIONS.get(content_type.split(";")[0].strip().lower(), "")


def local_path(path: str, query: str = "", content_type: str = "text/html") -> str:
    """The static copy's file (POSIX, relative to ``site/``) for a URL path and query."""
    decoded = unquote(path).lstrip("/")
    directory, _, name = decoded.rpartition("/")
    if not name or "." not in name:
        # A directory-like URL: /da/blog/ or, rarely, /da/blog without the slash.
        directory = decoded.rstrip("/")
        stem, ext = "index", extension_for(content_type) or ".html"
    else:
        stem, ext = posixpath.splitext(name)
    query = canonical_query(query)
    if query:
        stem = f"{stem}.{query_suffix(query)}"
    return posixpath.join(directory, stem + ext) if directory else stem + ext


def relative_link(source: str, target: str, fragment: str = "") -> str:
    """A URL that leads from the file ``source`` to the file ``target`` on disk."""
    rel = posixpath.relpath(target, posixpath.dirname(source) or ".")
    link = quote(rel, safe="/~=.-_")
    return f"{link}#{fragment}" if fragment else link
