"""Render every archived URL once, in-process, and keep it twice: as served (WARC) and as a
file that opens from disk (``site/``).

The crawl is breadth-first from every live public page (sorted by tree path), the search
pages, the sitemap and robots.txt, following same-site links in document order, so two
exports visit the same URLs in the same order. Pages go through Django's full stack with
the site's real host name (``django.test.Client``: no socket, no subprocess); static files
and media are read from their storage, as the web server would serve them.
Links are rewritten after the crawl, when every target's file name is known.
"""

from __future__ import annotations

import copy
import mimetypes
import multiprocessing
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.cookies import SimpleCookie
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.db import connections
from django.http import Http404
from django.test import Client
from django.test.client import ClientHandler
from django.test.utils import override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry

from . import offline
from .inventory import ArchiveFile
from .links import transform_absolute, transform_css, transform_html
from .paths import canonical_query, local_path, relative_link
from .payload import Payload
from .scope import Scope
from .webarchive import WebArchiveWriter

SITE_DIR = "site"
NOT_FOUND_FILE = "404.html"  # in the default language; the others' in their folder


def not_found_file(language: str) -> str:
    """The static copy's 404 page in ``language``: ``404.html`` (default language, where
    ``serve.py`` falls back to) or ``en/404.html`` beside that language's pages."""
    return NOT_FOUND_FILE if language == settings.LANGUAGE_CODE else f"{language}/{NOT_FOUND_FILE}"


_SKIP_PREFIXES = ("/admin/", "/django-admin/", "/i18n/")
_SKIP_NAMESPACES = {"newsletter", "wagtailadmin", "admin"}
_SKIP_NAMES = {"search_autocomplete"}
_DOCUMENT_PATH = re.compile(r"^/documents/(\d+)/")
_TEXT_KINDS = {"html", "css", "xml", "text"}
_REDIRECTS = {301, 302, 303, 307, 308}
_WITHHELD = "withheld"


@dataclass
class Resource:
    key: str  # path?canonical-query
    url: str  # absolute live URL
    status: int
    content_type: str = ""
    kind: str = "binary"  # html, css, xml, text, binary, redirect
    local: str = ""  # file under site/
    body: bytes | None = None  # compressed text, kept until the rewrite
    target: str | None = None  # a redirect's target key


def kind_of(content_type: str) -> str:
    mime = content_type.split(";")[0].strip().lower()
    if mime in {"text/html", "application/xhtml+xml"}:
        return "html"
    if mime == "text/css":
        return "css"
    if mime.endswith("xml"):
        return "xml"
    if mime == "text/plain":
        return "text"
    return "binary"


def site_origin(scope: Scope) -> tuple[str, str, bool]:
    """The live site's origin, host header and whether it is served over https."""
    site = scope.site
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL or "")
    secure = (
        site.port == 443
        or getattr(settings, "SECURE_SSL_REDIRECT", False)
        or (base.hostname == site.hostname and base.scheme == "https")
    )
    scheme = "https" if secure else "http"
    default_port = 443 if secure else 80
    host = site.hostname if site.port in (default_port, 80, 443) else f"{site.hostname}:{site.port}"
    return f"{scheme}://{host}", host, secure


class SiteCrawler:
    def __init__(
        self,
        scope: Scope,
        payload: Payload,
        warc: WebArchiveWriter,
        progress: Callable[[str, int, int], None],
        log: Callable[[str], None],
    ):
        self.scope, self.payload, self.warc, self.progress, self.log = scope, payload, warc, progress, log
        self.origin, self.host, self.secure = site_origin(scope)
        self.hosts = {self.host.lower(), scope.site.hostname.lower()}
        for base in (settings.WAGTAILADMIN_BASE_URL, getattr(settings, "NEWSLETTER_BASE_URL", "")):
            if base:
                self.hosts.add(urlsplit(base).netloc.lower())
        self.origins = sorted(
            {f"{scheme}://{host}" for host in self.hosts for scheme in ("http", "https")},
            key=len,
            reverse=True,
        )
        self.client = Client(HTTP_HOST=self.host, raise_request_exception=False)
        self.client.handler = ExportHandler(scope)
        self.resources: dict[str, Resource] = {}
        self.warnings: list[str] = []
        self._decisions: dict[str, str] = {}
        self.search_keys: dict[str, str] = {}  # key -> language
        self.page_keys = {path: page for path, page in scope.page_by_path.items()}
        self.not_found_html: dict[str, bytes] = {}  # language -> the 404 page as rendered
        self.languages = {code for code, _name in settings.LANGUAGES}

    # -- which URLs --------------------------------------------------------------------------

    def _decision(self, raw: str, base: str) -> tuple[str | None, str, str]:
        """``(decision, path, query)`` for a URL; ``None`` when it is not on the live site."""
        raw = raw.strip()
        if not raw or raw.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None, "", ""
        parts = urlsplit(urljoin(base, raw))
        if parts.scheme not in ("http", "https") or parts.netloc.lower() not in self.hosts:
            return None, "", ""
        path = parts.path or "/"
        decision = self._decisions.get(path)
        if decision is None:
            decision = self._decide(path)
            self._decisions[path] = decision
        return decision, path, parts.query

    def key_for(self, raw: str, base: str) -> str | None:
        """The crawl key of a same-site URL worth archiving, or ``None``."""
        return self._key(*self._decision(raw, base))

    @staticmethod
    def _key(decision: str | None, path: str, query: str) -> str | None:
        if decision == "query":
            query = canonical_query(query)
            return f"{path}?{query}" if query else path
        return path if decision == "no-query" else None

    def is_withheld(self, raw: str, base: str) -> bool:
        """A same-site URL of content the archive leaves out: an excluded page (private,
        draft, expired, unpublished) or a document in a private collection. Even its URL
        (a document's holds the file name) must not be kept."""
        return self._decision(raw, base)[0] == _WITHHELD

    def _decide(self, path: str) -> str:
        """``query``/``no-query`` (archived, with or without its query), ``_WITHHELD``
        (excluded content) or ``skip`` (the admin, forms' endpoints, unknown URLs)."""
        if path.startswith(_SKIP_PREFIXES):
            return "skip"
        if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return "no-query"
        document = _DOCUMENT_PATH.match(path)
        if document:
            return "no-query" if int(document[1]) in self.scope.public_document_ids else _WITHHELD
        language = path.strip("/").split("/", 1)[0]
        # i18n_patterns only match the active language's prefix.
        with translation.override(language if language in self.languages else settings.LANGUAGE_CODE):
            try:
                match = resolve(path)
            except Resolver404:
                return "skip"
        if match.namespace in _SKIP_NAMESPACES or match.url_name in _SKIP_NAMES:
            return "skip"
        if match.url_name == "search":
            return "no-query"  # the search page itself; its results live in Pagefind
        if not self.scope.allows_path(path):
            return _WITHHELD
        return "query"

    def is_refused(self, raw: str) -> bool:
        """A live-site URL of a page the archive leaves out."""
        return self.is_live_url(raw) and self.key_for(raw, self.origin + "/") is None

    def is_live_url(self, raw: str) -> bool:
        parts = urlsplit(raw.strip())
        return parts.scheme in ("http", "https") and parts.netloc.lower() in self.hosts

    # -- fetching ----------------------------------------------------------------------------

    def _from_storage(self, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        if path.startswith(settings.STATIC_URL):
            name = unquote(path[len(settings.STATIC_URL) :])
            if staticfiles_storage.exists(name):
                with staticfiles_storage.open(name) as handle:
                    data = handle.read()
            else:
                found = finders.find(name)
                if not found:
                    return 404, [], b""
                with open(found, "rb") as handle:
                    data = handle.read()
        else:
            name = unquote(path[len(settings.MEDIA_URL) :])
            if not default_storage.exists(name):
                return 404, [], b""
            with default_storage.open(name) as handle:
                data = handle.read()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith("javascript"):
            content_type += "; charset=utf-8"
        return 200, [("Content-Type", content_type), ("Content-Length", str(len(data)))], data

    @staticmethod
    def is_stored(key: str) -> bool:
        """A static file or a rendition: read from storage, no page is rendered."""
        return key.startswith((settings.STATIC_URL, settings.MEDIA_URL))

    def fetch(self, key: str) -> tuple[int, list[tuple[str, str]], bytes]:
        path = key.split("?", 1)[0]
        if self.is_stored(path):
            return self._from_storage(path)
        self.client.cookies = SimpleCookie()
        response = self.client.get(key, secure=self.secure)
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        # No response.close() here: the test client already closed it with Django's
        # close_old_connections unhooked; a second close would drop the DB connection.
        headers = []
        for name, value in response.items():
            value = offline.normalise_header(name, value)
            if value is not None:
                headers.append((name, value))
        if not any(name.lower() == "content-length" for name, _value in headers):
            headers.append(("Content-Length", str(len(body))))
        return response.status_code, headers, body

    # -- the crawl ---------------------------------------------------------------------------

    def seeds(self) -> list[str]:
        keys = [self.key_for(path, self.origin + "/") for path in self.page_keys]
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                search = reverse("search")
            self.search_keys[search] = language
            keys.append(search)
        keys += [reverse("sitemap"), reverse("robots_txt")]
        return [key for key in keys if key]

    def crawl(self) -> None:
        """Breadth-first, one frontier at a time: the frontier's URLs are rendered in
        parallel processes where that is safe, and their results handled in frontier order,
        so the visit order (and so the archive) is the same as a serial crawl's."""
        seen: set[str] = set()
        frontier: list[str] = []
        for key in self.seeds():
            if key not in seen:
                seen.add(key)
                frontier.append(key)
        done = 0
        with (
            # Each page is rendered once: storing it in the page cache would only cost.
            override_settings(
                ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, self.scope.site.hostname], HUB_PAGE_CACHE_SECONDS=0
            ),
            ForkPool(self, _fetch_in_child) as render,
        ):
            while frontier:
                following: list[str] = []
                # Files are read here while the processes render the pages (their bytes
                # need no round trip through the pool).
                rendered = iter(render([key for key in frontier if not self.is_stored(key)]))
                for key in frontier:
                    fetched = self.fetch(key) if self.is_stored(key) else next(rendered)
                    for found in self._visit(key, fetched):
                        if found not in seen:
                            seen.add(found)
                            following.append(found)
                    done += 1
                    self.progress(_("Rendering pages and files"), done, len(seen))
                frontier = following
            self._render_not_found()

    def _visit(self, key: str, fetched: tuple[int, list[tuple[str, str]], bytes]) -> list[str]:
        url = self.origin + key
        status, headers, body = fetched
        content_type = next((value for name, value in headers if name.lower() == "content-type"), "")
        resource = Resource(key=key, url=url, status=status, content_type=content_type)
        if status in _REDIRECTS:
            location = next((value for name, value in headers if name.lower() == "location"), "")
            resource.kind = "redirect"
            resource.target = self.key_for(location, url)
            self.resources[key] = resource
            if self.is_withheld(location, url):
                self.warnings.append(f"{url} redirects to content the archive leaves out; left out")
                return []
            self.warc.add(url, status, HTTPStatus(status).phrase, headers, body)
            return [resource.target] if resource.target else []
        if status != 200:
            self.warnings.append(f"{url} answered HTTP {status}; left out")
            return []
        resource.kind = kind_of(content_type)
        path, _sep, query = key.partition("?")
        resource.local = local_path(path, query, content_type)
        found: list[str] = []
        withheld = 0
        if resource.kind in _TEXT_KINDS:
            text = body.decode("utf-8", errors="replace")
            if resource.kind == "html":
                text = offline.normalise_body(text)
            elif resource.kind == "xml":
                text = offline.drop_refused_entries(text, self.is_refused)

            def judge(raw: str) -> bool:
                """Withheld, or else a link to follow (collected in the same pass)."""
                decision = self._decision(raw, url)
                if decision[0] == _WITHHELD:
                    return True
                key = self._key(*decision)
                if key:
                    found.append(key)
                return False

            # Both copies lose the links to excluded content (the static copy's lead to 404.html).
            text, withheld = offline.withhold_links(text, resource.kind, judge, self.origins)
            body = text.encode()
            resource.body = zlib.compress(body, 1)
        else:
            page_file = self._archive_file(resource)
            self.payload.write(page_file, body)
        self.warc.add(url, status, HTTPStatus(status).phrase, headers, body, withheld=withheld)
        self.resources[key] = resource
        return found

    def _render_not_found(self) -> None:
        """The 404 page in each language, for links to what the archive lacks."""
        for language, _name in settings.LANGUAGES:
            key = f"/{language}/{'0' * 8}-not-in-the-archive/"
            self.client.cookies = SimpleCookie()
            response = self.client.get(key, secure=self.secure)
            self.not_found_html[language] = offline.normalise_body(
                response.content.decode("utf-8", errors="replace")
            ).encode()

    # -- the static copy ---------------------------------------------------------------------

    def final(self, key: str | None) -> Resource | None:
        for _hop in range(10):
            resource = self.resources.get(key) if key else None
            if resource is None or resource.kind != "redirect":
                return resource
            key = resource.target
        return None

    def mapper_for(self, source: str, base: str) -> Callable[[str], str | None]:
        language = source.split("/", 1)[0]
        not_found = relative_link(
            source, not_found_file(language if language in self.languages else settings.LANGUAGE_CODE)
        )

        def mapper(raw: str) -> str | None:
            if raw == offline.WITHHELD_LINK:
                return not_found
            key = self.key_for(raw, base)
            if key is None:
                return not_found if self.is_live_url(raw) else None
            target = self.final(key)
            fragment = urlsplit(raw).fragment
            if target is None or target.status != 200:
                return not_found
            return relative_link(source, target.local, fragment)

        return mapper

    def _archive_file(self, resource: Resource) -> ArchiveFile:
        path = resource.key.split("?", 1)[0]
        page = self.page_keys.get(path) if "?" not in resource.key else None
        language = path.strip("/").split("/", 1)[0]
        if language not in dict(settings.LANGUAGES):
            language = page.locale.language_code if page else ""
        published = ""
        if page is not None and page.first_published_at:
            published = page.first_published_at.date().isoformat()
        return ArchiveFile(
            path=f"{SITE_DIR}/{resource.local}",
            url=resource.url,
            content_type=resource.content_type.split(";")[0],
            language=language,
            published=published,
            page_id=page.pk if page is not None else None,
        )

    def write_static_copy(self, search_main: Callable[[str, str], str]) -> None:
        """Rewrite and write every text resource, now that every file name is known.

        The rewriting runs in the render processes too (it only reads the crawl's map);
        the files are written here, in crawl order."""
        texts = [r for r in self.resources.values() if r.body is not None]
        self._search_main = search_main
        with ForkPool(self, _rewrite_in_child) as rewrite:
            rewritten = rewrite([resource.key for resource in texts])
            for done, (resource, data) in enumerate(zip(texts, rewritten, strict=True), 1):
                resource.body = None
                self.payload.write(self._archive_file(resource), data)
                self.progress(_("Writing the static copy"), done, len(texts))
        for language, html in self.not_found_html.items():
            local = not_found_file(language)
            text = offline.drop_offline_parts(html.decode())
            text = transform_html(text, self.mapper_for(local, f"{self.origin}/{language}/"))
            self.payload.write(
                ArchiveFile(path=f"{SITE_DIR}/{local}", content_type="text/html", language=language),
                text.encode(),
            )

    def rewrite(self, resource: Resource) -> bytes:
        """A text resource as it opens from disk: relative links, offline parts dropped."""
        text = zlib.decompress(resource.body).decode("utf-8", errors="replace")
        mapper = self.mapper_for(resource.local, resource.url)
        if resource.kind == "html":
            if resource.key in self.search_keys:
                language = self.search_keys[resource.key]
                text = offline.replace_main(text, self._search_main(language, resource.local))
            elif resource.key in self.page_keys:
                text = offline.mark_searchable(text)
            text = transform_html(offline.drop_offline_parts(text), mapper)
        elif resource.kind == "css":
            text = transform_css(text, mapper)
        else:
            text = transform_absolute(text, self.origins, mapper, escape=resource.kind == "xml")
        return text.encode()

    def written_pages(self) -> set[int]:
        return {
            self.page_keys[r.key].pk
            for r in self.resources.values()
            if r.status == 200 and r.key in self.page_keys
        }

    def local_for_page(self, path: str) -> str | None:
        resource = self.final(path)
        return resource.local if resource is not None and resource.status == 200 else None


class ExportHandler(ClientHandler):
    """The test client's handler, with what every request of the export shares known up
    front: the site, its settings and, for a page's own URL, the page. Wagtail caches each
    on the request (``_wagtail_site``, ``_wagtail_route_for_request``, the setting's cache
    attribute); answering them once per export saves queries on every page and changes no
    byte of the answer."""

    def __init__(self, scope: Scope):
        super().__init__(enforce_csrf_checks=False)
        self.scope = scope
        self.site_settings = [
            (model.get_cache_attr_name(), model.for_site(scope.site))
            for model in settings_registry
            if issubclass(model, BaseSiteSetting)
        ]

    def get_response(self, request):
        request._wagtail_site = self.scope.site
        for name, values in self.site_settings:
            values = copy.copy(values)
            values._request = request
            setattr(request, name, values)
        known = self.scope.page_by_path.get(request.path_info)
        if known is not None:
            # A fresh instance with every field (the scope's defer their StreamFields):
            # one query instead of one per path segment, locale and specific lookup.
            page = type(known).objects.filter(pk=known.pk).first()
            try:
                if page is not None:
                    request._wagtail_route_for_request = page.route(request, [])
            except Http404:
                pass
        return super().get_response(request)


# -- rendering in parallel ---------------------------------------------------------------------

_POOL_CRAWLER: SiteCrawler | None = None  # the crawler a forked process inherits


def _fetch_in_child(key: str) -> tuple[int, list[tuple[str, str]], bytes]:
    return _POOL_CRAWLER.fetch(key)


def _rewrite_in_child(key: str) -> bytes:
    return _POOL_CRAWLER.rewrite(_POOL_CRAWLER.resources[key])


def render_processes() -> int:
    """How many processes render pages: ``ARCHIVE_RENDER_PROCESSES``, else one per core.

    Forking needs every database connection to see committed data from its own
    connection: not inside a transaction (a test's, say) and not an in-memory SQLite
    database, which a child process cannot open. Then the crawl stays in one process.
    """
    wanted = getattr(settings, "ARCHIVE_RENDER_PROCESSES", None) or os.cpu_count() or 1
    if wanted <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            return 1
    for alias in connections:
        connection = connections[alias]
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            return 1
    return int(wanted)


class ForkPool:
    """``run(items)`` yields ``function(item)`` for each item, in the order given: in
    forked copies of the crawler where that is safe, else in this process."""

    def __init__(self, crawler: SiteCrawler, function: Callable):
        self.crawler, self.function = crawler, function
        self.pool = None

    def __enter__(self):
        global _POOL_CRAWLER
        processes = render_processes()
        if processes > 1:
            connections.close_all()  # each child opens its own
            _POOL_CRAWLER = self.crawler
            self.pool = multiprocessing.get_context("fork").Pool(processes)
        return self

    def __call__(self, items: list):
        global _POOL_CRAWLER
        if self.pool is None or len(items) < 2:
            _POOL_CRAWLER = self.crawler
            return (self.function(item) for item in items)
        return self.pool.imap(self.function, items, chunksize=4)

    def __exit__(self, *exc):
        global _POOL_CRAWLER
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
        _POOL_CRAWLER = None
        return False
