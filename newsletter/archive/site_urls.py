"""Which URLs belong to the live site, and which of them the archive keeps.

Every link the crawl meets is judged here: kept (with its query string or without), withheld
(excluded content: a private, draft, expired or unpublished page, a document in a private
collection: even its URL must not be kept), or skipped (the admin, forms' endpoints, URLs
nothing answers). The crawler follows what is kept; the static copy links to it and sends
the rest to the 404 page.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect

from hub import public_address

from ..conf import base_url
from .paths import replay_query
from .scope import Scope

_SKIP_PREFIXES = ("/admin/", "/django-admin/", "/i18n/")
_SKIP_NAMESPACES = {"wagtailadmin", "admin"}
# The newsletter's public pages (sign-up, "my data"): forms that cannot work offline. The
# WARC keeps them as served, so a form's target replays; the static copy leaves them out.
_WARC_ONLY_NAMESPACES = {"newsletter"}
_SKIP_NAMES = {"search_autocomplete"}
_DOCUMENT_PATH = re.compile(r"^/documents/(\d+)/")
WITHHELD = "withheld"
WARC_ONLY = "warc-only"


def site_origin(scope: Scope) -> tuple[str, str, bool]:
    """The live site's origin, host header and whether it is served over https."""
    return public_address.site_origin(scope.site)


def redirect_paths(scope: Scope) -> list[str]:
    """The old URLs the site redirects (Settings → Redirects), as readers had them: the
    crawl records each as a 3xx response, so old links still replay."""
    redirects = Redirect.objects.filter(Q(site__isnull=True) | Q(site=scope.site)).order_by("old_path", "pk")
    paths = []
    for old_path in redirects.values_list("old_path", flat=True):
        last = old_path.rstrip("/").rsplit("/", 1)[-1]
        paths.append(old_path if old_path.endswith("/") or "." in last else old_path + "/")
    return list(dict.fromkeys(paths))


class SiteUrls:
    """The live site's names (its origin, every host it answers to) and the decision on
    each of its URLs, made once per path."""

    def __init__(self, scope: Scope):
        self.scope = scope
        self.origin, self.host, self.secure = site_origin(scope)
        self.hosts = {self.host.lower(), scope.site.hostname.lower()}
        for base in (settings.WAGTAILADMIN_BASE_URL, base_url()):
            if base:
                self.hosts.add(urlsplit(base).netloc.lower())
        self.origins = sorted(
            {f"{scheme}://{host}" for host in self.hosts for scheme in ("http", "https")},
            key=len,
            reverse=True,
        )
        self.languages = {code for code, _name in settings.LANGUAGES}
        self._decisions: dict[str, str] = {}
        self.redirects = redirect_paths(scope)
        self._redirect_paths = set(self.redirects)

    def decision(self, raw: str, base: str) -> tuple[str | None, str, str]:
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
        return self.key(*self.decision(raw, base))

    @staticmethod
    def key(decision: str | None, path: str, query: str) -> str | None:
        """The crawl key (``path?sorted-query``) of a judged URL, or ``None``. The query
        keeps ``page=1`` (the "previous" link of page 2 must replay); the static copy's
        file name drops it (``paths.canonical_query``)."""
        if decision == "query":
            query = replay_query(query)
            return f"{path}?{query}" if query else path
        return path if decision in ("no-query", WARC_ONLY) else None

    def is_withheld(self, raw: str, base: str) -> bool:
        """A same-site URL of content the archive leaves out: an excluded page (private,
        draft, expired, unpublished) or a document in a private collection. Even its URL
        (a document's holds the file name) must not be kept."""
        return self.decision(raw, base)[0] == WITHHELD

    def _decide(self, path: str) -> str:
        """``query``/``no-query`` (archived, with or without its query), ``WITHHELD``
        (excluded content) or ``skip`` (the admin, forms' endpoints, unknown URLs)."""
        if path.startswith(_SKIP_PREFIXES):
            return "skip"
        if path in self._redirect_paths:
            return "no-query"  # an old URL the site redirects (wagtail.contrib.redirects)
        if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return "no-query"
        document = _DOCUMENT_PATH.match(path)
        if document:
            return "no-query" if int(document[1]) in self.scope.public_document_ids else WITHHELD
        language = path.strip("/").split("/", 1)[0]
        # i18n_patterns only match the active language's prefix.
        with translation.override(language if language in self.languages else settings.LANGUAGE_CODE):
            try:
                match = resolve(path)
            except Resolver404:
                return "skip"
        if match.namespace in _SKIP_NAMESPACES or match.url_name in _SKIP_NAMES:
            return "skip"
        if match.namespace in _WARC_ONLY_NAMESPACES:
            return WARC_ONLY if not match.kwargs else "skip"  # never a personal (token) URL
        if match.url_name == "search":
            return "no-query"  # the search page itself; its results live in Pagefind
        if not self.scope.allows_path(path):
            return WITHHELD
        return "query"

    def is_refused(self, raw: str) -> bool:
        """A live-site URL of a page the archive leaves out."""
        return self.is_live_url(raw) and self.key_for(raw, self.origin + "/") is None

    def is_live_url(self, raw: str) -> bool:
        parts = urlsplit(raw.strip())
        return parts.scheme in ("http", "https") and parts.netloc.lower() in self.hosts
