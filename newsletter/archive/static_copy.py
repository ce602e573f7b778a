"""The static copy (``site/``): every crawled file as it opens from disk.

Files other than text are written as the crawl meets them. Pages, CSS and feeds are
written after the crawl, when every target's file name is known: their links become
relative (a link to what the archive lacks leads to the 404 page of its language), the
parts that cannot work offline are dropped and the search page becomes the offline search.
The rewriting runs in the render processes too (``archive.pool``); the files are written
here, in crawl order.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from . import offline
from .crawl import Resource, SiteCrawler
from .indexes import page_date
from .inventory import ArchiveFile
from .links import transform_css, transform_html
from .offline_search import SearchDocument, page_text
from .paths import relative_link
from .payload import Payload
from .pool import ForkPool
from .scope import Scope

SITE_DIR = "site"
NOT_FOUND_FILE = "404.html"  # in the default language; the others' in their folder


def not_found_file(language: str) -> str:
    """The static copy's 404 page in ``language``: ``404.html`` (default language, where
    ``serve.py`` falls back to) or ``en/404.html`` beside that language's pages."""
    return NOT_FOUND_FILE if language == settings.LANGUAGE_CODE else f"{language}/{NOT_FOUND_FILE}"


def search_document(page, local: str, markup: str) -> SearchDocument:
    language = page.locale.language_code
    with translation.override(language):
        kind = str(page.specific_class._meta.verbose_name)
    return SearchDocument(
        local=local,
        language=language,
        title=page.title,
        kind=kind,
        date=page_date(page),
        text=page_text(markup),
    )


class StaticCopy:
    """Writes the crawl's files under ``site/`` of the payload."""

    def __init__(self, payload: Payload, scope: Scope, progress: Callable[[str, int, int], None]):
        self.payload, self.scope, self.progress = payload, scope, progress
        self.search_documents: list[SearchDocument] = []
        self.crawler: SiteCrawler | None = None
        self.search_main: Callable[[str, str], str] | None = None

    def keep_file(self, resource: Resource, body: bytes) -> None:
        """A file that needs no rewriting (a document, an image, a script), as crawled."""
        self.payload.write(self.archive_file(resource), body)

    def archive_file(self, resource: Resource) -> ArchiveFile:
        path = resource.key.split("?", 1)[0]
        page = self.scope.page_by_path.get(path) if "?" not in resource.key else None
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

    def write(self, crawler: SiteCrawler, search_main: Callable[[str, str], str]) -> None:
        """Rewrite and write every text resource of the crawl, then the 404 pages.
        ``search_main(language, file)`` is the offline search page's main content."""
        self.crawler, self.search_main = crawler, search_main
        texts, written = [], set()
        for resource in crawler.resources.values():
            if resource.body is None:
                continue
            if resource.local in written:  # ``?page=1`` is the listing itself: one file
                resource.body = None
                continue
            written.add(resource.local)
            texts.append(resource)
        with ForkPool(self.rewrite) as rewrite:
            rewritten = rewrite([resource.key for resource in texts])
            for done, (resource, (data, document)) in enumerate(zip(texts, rewritten, strict=True), 1):
                resource.body = None
                self.payload.write(self.archive_file(resource), data)
                if document is not None:
                    self.search_documents.append(document)
                self.progress(_("Writing the static copy"), done, len(texts))
        for language, html in crawler.not_found_html.items():
            local = not_found_file(language)
            text = offline.drop_offline_parts(html.decode())
            text = transform_html(text, self.mapper_for(local, f"{crawler.urls.origin}/{language}/"))
            self.payload.write(
                ArchiveFile(path=f"{SITE_DIR}/{local}", content_type="text/html", language=language),
                text.encode(),
            )

    def rewrite(self, key: str) -> tuple[bytes, SearchDocument | None]:
        """A text resource as it opens from disk: relative links, offline parts dropped;
        for a page, also what the search from disk indexes of it."""
        resource = self.crawler.resources[key]
        text = zlib.decompress(resource.body).decode("utf-8", errors="replace")
        mapper = self.mapper_for(resource.local, resource.url)
        document = None
        if resource.kind == "html":
            page = self.scope.page_by_path.get(resource.key)
            if resource.key in self.crawler.search_keys:
                language = self.crawler.search_keys[resource.key]
                text = offline.replace_main(text, self.search_main(language, resource.local))
            elif page is not None:
                text = offline.mark_searchable(text)
            text = transform_html(offline.drop_offline_parts(text), mapper)
            if page is not None:
                document = search_document(page, resource.local, text)
        elif resource.kind == "css":
            text = transform_css(text, mapper)
        else:
            # Feeds, the sitemap and robots.txt keep their absolute identifiers (atom:id,
            # guid, <loc>, Sitemap:, as RFC 4287 and the sitemaps protocol want them); only
            # an Atom <link href> becomes relative, so a feed reader opens the copy.
            text = offline.relative_feed_links(text, mapper)
        return text.encode(), document

    def mapper_for(self, source: str, base: str) -> Callable[[str], str | None]:
        """For links in the file ``source``: the relative link that replaces a URL."""
        urls = self.crawler.urls
        language = source.split("/", 1)[0]
        not_found = relative_link(
            source, not_found_file(language if language in urls.languages else settings.LANGUAGE_CODE)
        )

        def mapper(raw: str) -> str | None:
            if raw == offline.WITHHELD_LINK:
                return not_found
            key = urls.key_for(raw, base)
            if key is None:
                return not_found if urls.is_live_url(raw) else None
            target = self.crawler.final(key)
            fragment = urlsplit(raw).fragment
            if target is None or target.status != 200:
                return not_found
            return relative_link(source, target.local, fragment)

        return mapper
