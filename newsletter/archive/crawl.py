"""Render every archived URL once, in-process, and keep it twice: as served (WARC) and, for
the static copy, the file that opens from disk (``archive.static_copy``).

The crawl is breadth-first from every live public page (sorted by tree path), the search
pages, the sitemap and robots.txt, following same-site links in document order, so two
exports visit the same URLs in the same order. Each frontier is rendered in parallel
(``archive.pool``) and handled in order. Text (pages, CSS, feeds) is kept, compressed,
until the static copy rewrites its links, when every target's file name is known; other
files go to the static copy at once.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus

from django.conf import settings
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import offline
from .fetch import Fetched, Fetcher, is_stored
from .paths import local_path
from .pool import ForkPool
from .scope import Scope
from .site_urls import WARC_ONLY, WITHHELD, SiteUrls
from .webarchive import WebArchiveWriter

TEXT_KINDS = {"html", "css", "xml", "text"}
_REDIRECTS = {301, 302, 303, 307, 308}
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


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
    title: str = ""  # a page's <title>


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


class SiteCrawler:
    """Visits every URL the archive keeps; its ``resources`` are what it found, by key."""

    def __init__(
        self,
        scope: Scope,
        warc: WebArchiveWriter,
        keep_file: Callable[[Resource, bytes], None],
        progress: Callable[[str, int, int], None],
    ):
        self.scope, self.warc, self.keep_file, self.progress = scope, warc, keep_file, progress
        self.urls = SiteUrls(scope)
        self.fetcher = Fetcher(scope)
        self.resources: dict[str, Resource] = {}
        self.warnings: list[str] = []
        self.search_keys: dict[str, str] = {}  # key -> language
        self.not_found_html: dict[str, bytes] = {}  # language -> the 404 page as rendered
        self.found_by: dict[str, tuple[str, str]] = {}  # key -> (the URL that led to it, hop)

    def fetch(self, key: str) -> Fetched:
        return self.fetcher.fetch(key)

    def seeds(self) -> list[str]:
        origin = self.urls.origin + "/"
        keys = [self.urls.key_for(path, origin) for path in self.scope.page_by_path]
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                search = reverse("search")
            self.search_keys[search] = language
            keys.append(search)
        keys += [reverse("sitemap"), reverse("robots_txt"), *self.urls.redirects]
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
            ForkPool(self.fetch) as render,
        ):
            while frontier:
                following: list[str] = []
                # Files are read here while the processes render the pages (their bytes
                # need no round trip through the pool).
                rendered = iter(render([key for key in frontier if not is_stored(key)]))
                for key in frontier:
                    fetched = self.fetch(key) if is_stored(key) else next(rendered)
                    for found in self._visit(key, fetched):
                        if found not in seen:
                            seen.add(found)
                            following.append(found)
                            hop = "R" if self.resources[key].kind == "redirect" else "L"
                            self.found_by[found] = (self.urls.origin + key, hop)
                    done += 1
                    self.progress(_("Rendering pages and files"), done, len(seen))
                frontier = following
            self._render_not_found()

    def _visit(self, key: str, fetched: Fetched) -> list[str]:
        url = self.urls.origin + key
        status, headers, body = fetched
        content_type = next((value for name, value in headers if name.lower() == "content-type"), "")
        resource = Resource(key=key, url=url, status=status, content_type=content_type)
        if status in _REDIRECTS:
            location = next((value for name, value in headers if name.lower() == "location"), "")
            resource.kind = "redirect"
            resource.target = self.urls.key_for(location, url)
            self.resources[key] = resource
            if self.urls.is_withheld(location, url):
                self.warnings.append(f"{url} redirects to content the archive leaves out; left out")
                return []
            self.warc.add(url, status, HTTPStatus(status).phrase, headers, body, **self._log_fields(key))
            return [resource.target] if resource.target else []
        if status != 200:
            self.warnings.append(f"{url} answered HTTP {status}; left out")
            return []
        resource.kind = kind_of(content_type)
        path, _sep, query = key.partition("?")
        # The newsletter's forms are kept as served in the WARC only (site_urls.WARC_ONLY).
        on_disk = self.urls.decision(key, url)[0] != WARC_ONLY
        resource.local = local_path(path, query, content_type) if on_disk else ""
        found: list[str] = []
        withheld = 0
        if resource.kind in TEXT_KINDS:
            text = body.decode("utf-8", errors="replace")
            if resource.kind == "html":
                text = offline.normalise_body(text)
                title = _TITLE.search(text)
                resource.title = " ".join(html.unescape(title.group(1)).split()) if title else ""
            elif resource.kind == "xml":
                text = offline.drop_refused_entries(text, self.urls.is_refused)

            def judge(raw: str) -> bool:
                """Withheld, or else a link to follow (collected in the same pass)."""
                decision = self.urls.decision(raw, url)
                if decision[0] == WITHHELD:
                    return True
                key = self.urls.key(*decision)
                if key:
                    found.append(key)
                return False

            # Both copies lose the links to excluded content (the static copy's lead to 404.html).
            text, withheld = offline.withhold_links(text, resource.kind, judge, self.urls.origins)
            body = text.encode()
            if on_disk:
                resource.body = zlib.compress(body, 1)
        elif on_disk:
            self.keep_file(resource, body)
        self.warc.add(
            url, status, HTTPStatus(status).phrase, headers, body, withheld=withheld, **self._log_fields(key)
        )
        self.resources[key] = resource
        return found

    def _log_fields(self, key: str) -> dict[str, str]:
        via, hops = self.found_by.get(key, ("", ""))
        return {"via": via, "hops": hops}

    def _render_not_found(self) -> None:
        """The 404 page in each language, for links to what the archive lacks."""
        for language, _name in settings.LANGUAGES:
            # The site's own 404 page, as readers get it in production: never Django's
            # debug page, whatever DEBUG says where the export runs.
            with override_settings(DEBUG=False):
                response = self.fetcher.get(f"/{language}/{'0' * 8}-not-in-the-archive/")
            self.not_found_html[language] = offline.normalise_body(
                response.content.decode("utf-8", errors="replace")
            ).encode()

    # -- what the crawl found ------------------------------------------------------------------

    def final(self, key: str | None) -> Resource | None:
        """The resource at ``key``, redirects followed."""
        for _hop in range(10):
            resource = self.resources.get(key) if key else None
            if resource is None or resource.kind != "redirect":
                return resource if resource is None or resource.status != 200 or resource.local else None
            key = resource.target
        return None

    def written_pages(self) -> set[int]:
        page_by_path = self.scope.page_by_path
        return {
            page_by_path[r.key].pk
            for r in self.resources.values()
            if r.status == 200 and r.key in page_by_path
        }

    def local_for_page(self, path: str) -> str | None:
        resource = self.final(path)
        return resource.local if resource is not None and resource.status == 200 else None
