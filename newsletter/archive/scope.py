"""What may enter the archive, and what is left out and why (by id only).

A page enters when a reader may see it (``hub.visibility``: live, public and not expired),
in the default site's tree of any language. A document enters when its
collection has no view restriction. Everything else in the trees is listed as excluded,
and the crawler refuses any URL that routes to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, PageViewRestriction, Site

from hub.visibility import is_expired, visible


@dataclass(frozen=True)
class Excluded:
    kind: str  # "page", "document", "redirect"
    id: int
    reason: str  # "private", "unpublished", "draft", "expired", "private-collection", "target-excluded"


@dataclass
class Scope:
    site: Site
    pages: list[Page]  # allowed, specific, sorted by path
    page_paths: dict[str, bool] = field(default_factory=dict)  # url path -> allowed
    page_by_path: dict[str, Page] = field(default_factory=dict)
    public_document_ids: set[int] = field(default_factory=set)
    excluded: list[Excluded] = field(default_factory=list)

    def allows_path(self, path: str) -> bool:
        """False when the longest page path that ``path`` starts with is an excluded page."""
        candidate = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
        while candidate:
            allowed = self.page_paths.get(candidate)
            if allowed is not None:
                return allowed
            if candidate == "/":
                break
            candidate = candidate.rstrip("/").rsplit("/", 1)[0] + "/"
        return True


def _page_path(page: Page, site: Site) -> str | None:
    parts = page.get_url_parts()
    if not parts:
        return None
    site_id, _root, path = parts
    return path if site_id == site.pk else None


def build_scope() -> Scope:
    site = Site.objects.get(is_default_site=True)
    roots = list(site.root_page.get_translations(inclusive=True).order_by("path"))
    in_trees = Q()
    for root in roots:
        in_trees |= Q(path__startswith=root.path)
    all_pages = Page.objects.filter(in_trees).order_by("path")
    public_ids = set(visible(all_pages).values_list("pk", flat=True))
    restricted_paths = [r.page.path for r in PageViewRestriction.objects.select_related("page")]

    scope = Scope(site=site, pages=[])
    allowed_ids = set()
    for page in all_pages.only("pk", "path", "live", "expired", "expire_at", "first_published_at"):
        if page.pk in public_ids:
            allowed_ids.add(page.pk)
            continue
        if any(page.path.startswith(path) for path in restricted_paths):
            reason = "private"
        elif is_expired(page):
            reason = "expired"
        elif page.first_published_at is None:
            reason = "draft"
        else:
            reason = "unpublished"
        scope.excluded.append(Excluded("page", page.pk, reason))

    # Every routable page's path, allowed or not, so a URL below it is judged by it.
    for page in all_pages.specific().defer_streamfields().select_related("locale"):
        path = _page_path(page, site)
        if path is None:
            continue
        allowed = page.pk in allowed_ids
        scope.page_paths[path] = allowed
        if allowed:
            scope.pages.append(page)
            scope.page_by_path[path] = page

    Document = get_document_model()
    restricted_collections = [
        collection for collection in Collection.objects.all() if collection.get_view_restrictions().exists()
    ]
    private_docs = Q(pk__in=[])
    for collection in restricted_collections:
        private_docs |= Q(collection__path__startswith=collection.path)
    for pk in Document.objects.filter(private_docs).order_by("pk").values_list("pk", flat=True):
        scope.excluded.append(Excluded("document", pk, "private-collection"))
    scope.public_document_ids = set(Document.objects.exclude(private_docs).values_list("pk", flat=True))
    return scope
