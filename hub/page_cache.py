"""Whole public pages cached for anonymous readers until public content changes.

Wagtail pages are the same for every reader without a session: no CSRF token (the
newsletter form is exempt), no per-user content. The key carries the content version
(``hub/content_version.py``), so publishing, unpublishing, moving or deleting a page,
changing a document, a focus area, the site settings or the consent wording serves
fresh pages at once, in every worker that shares the cache.

The middleware sits just inside the header middlewares (security headers, CSP,
Permissions-Policy, WhiteNoise), so a cached page is answered before sessions, locale,
CSRF, authentication and URL resolution run, yet still gets its security headers from a
fresh pass through those outer middlewares. A hit costs one cache round trip: the
content version and the page under the version this process saw last are fetched
together, and only if the version has moved on is the page fetched again.

Only responses served by Wagtail's page serving are stored (flagged by the
``before_serve_page`` hook in ``hub/wagtail_hooks.py``; that includes a cluster's report
zip, whose built file is remembered by its path), and only 200s to a GET without
cookies set, without a CSP nonce or per-view CSP, and whose query string is one the page
uses: every parameter a filter of its listing accepted or the page number it shows, and
a filtered listing only if it lists something. Random query strings are answered but
never stored, so they cannot fill the cache. ``HUB_PAGE_CACHE_SECONDS = 0`` (the default
outside production) turns it off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, HttpResponse
from django.utils import timezone

from .conf import setting
from .content_version import EXPIRY_KEY, KEY, content_version

FLAG = "_hub_page_cacheable"
# Attributes django-csp's decorators put on a response; such a page has its own policy.
CSP_RESPONSE_ATTRIBUTES = ("_csp_exempt", "_csp_config", "_csp_update", "_csp_replace", "_csp_exempt_ro")
# The content version this process saw last (a hint only: every hit checks it).
_last_version: int | None = None


def mark_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """``before_serve_page`` hook: this response is a public Wagtail page.

    Runs before Wagtail's own view-restriction hook, so a restricted page (its password
    form carries the reader's CSRF token) is never marked: only open pages are shared.
    With the cache off (the archive export turns it off) there is nothing to ask.
    """
    if cache_seconds() > 0 and not page.get_view_restrictions().exists():
        setattr(request, FLAG, True)


def cache_seconds() -> int:
    return int(setting("HUB_PAGE_CACHE_SECONDS") or 0)


def shared_address(request) -> str | None:
    """The cache address of this request, or None when it must not share a cached page."""
    if request.method not in ("GET", "HEAD") or cache_seconds() <= 0:
        return None
    # A session (an editor, a password-protected page) or pending messages: not shared.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    if request.path_info.startswith(tuple(setting("HUB_ADMIN_PATH_PREFIXES"))):
        return None
    # Decoded and sorted: another order or %-encoding of the same parameters is one entry.
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return hashlib.sha256(address.encode()).hexdigest()


def _page_key(version: int, address: str) -> str:
    return f"hub:page:{version}:{address}"


def lookup(address: str) -> tuple[int, tuple | None]:
    """The current content version and the page cached under it, in one round trip if
    the version has not moved since this process last looked."""
    global _last_version
    seen = _last_version
    if seen is not None:
        found = cache.get_many([KEY, EXPIRY_KEY, _page_key(seen, address)])
        expiry = found.get(EXPIRY_KEY)
        # content_version()'s own no-change case: same version, no page expired since.
        if (
            found.get(KEY) == seen
            and expiry is not None
            and expiry[0] == seen
            and (expiry[1] is None or expiry[1] > timezone.now())
        ):
            return seen, found.get(_page_key(seen, address))
    version = _last_version = content_version()
    return version, cache.get(_page_key(version, address))


def _uses_its_query(request, response) -> bool:
    """Whether every query parameter is one the page used, with a value it accepted."""
    if not request.GET:
        return True
    context = getattr(response, "context_data", None) or {}
    items, filterset = context.get("items"), context.get("filter")
    if items is None or not hasattr(items, "number"):
        return False  # a page that reads no parameters: the query string is noise
    accepted = {"page": str(items.number)}
    if filterset is not None and filterset.is_bound:
        if not filterset.form.is_valid():
            return False
        filtered = {name: str(value) for name, value in filterset.form.cleaned_data.items() if value}
        if filtered and not items.paginator.count:
            return False  # a filter matching nothing (free text): answered, never stored
        accepted.update(filtered)
    return all(len(values) == 1 and accepted.get(name) == values[0] for name, values in request.GET.lists())


# Folders whose streamed files are the same for every reader (a cluster's built report
# zip), each given as a function, since settings may change it; apps add theirs from
# their ``AppConfig.ready()`` with ``share_files_in``.
_shared_file_dirs: list[Callable[[], Path]] = []


def share_files_in(directory: Callable[[], Path]) -> None:
    """A file streamed from ``directory()`` may be stored by its path and replayed."""
    _shared_file_dirs.append(directory)


def _shared_file(response) -> str | None:
    """The path of a streamed file that is the same for every reader."""
    name = getattr(getattr(response, "file_to_stream", None), "name", None)
    if isinstance(name, str) and any(Path(name).parent == directory() for directory in _shared_file_dirs):
        return name
    return None


def shareable(request, response) -> bool:
    """A response the same for every reader without a session: an anonymous GET's 200,
    setting no cookie and holding no CSP nonce or per-view policy."""
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.cookies
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
        and "private" not in response.get("Cache-Control", "")
        and getattr(request, "_csp_nonce", None) is None
        and not any(hasattr(response, name) for name in CSP_RESPONSE_ATTRIBUTES)
    )


def _storable(request, response) -> bool:
    return (
        getattr(request, FLAG, False)
        and shareable(request, response)
        and (not response.streaming or _shared_file(response) is not None)
        and _uses_its_query(request, response)
    )


def _replay(cached):
    """A response from a cache entry: a page's bytes, or a built file opened again."""
    kind, body, headers = cached
    if kind == "file":
        try:
            response = FileResponse(open(body, "rb"))  # noqa: SIM115 - FileResponse closes it
        except FileNotFoundError:  # replaced by a newer build: render afresh
            return None
        # As first sent: FileResponse would name the download after the built file.
        for name, value in headers:
            response[name] = value
        return response
    return HttpResponse(body, headers=headers)


class PageCacheMiddleware:
    """Right after the header middlewares: see the module docstring for its place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = shared_address(request)
        if address is None:
            return self.get_response(request)
        version, cached = lookup(address)
        response = _replay(cached) if cached is not None else None
        if response is not None:
            return response
        response = self.get_response(request)
        if _storable(request, response):
            headers = list(response.items())
            entry = (
                ("file", _shared_file(response), headers)
                if response.streaming
                else ("page", response.content, headers)
            )
            cache.set(_page_key(version, address), entry, cache_seconds())
        return response
