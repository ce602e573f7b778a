"""sitemap.xml for harvesters: every visible page (hub/visibility.py) in every language (with hreflang
alternates), every page of every paginated listing, and what apps add (the report PDFs).

Wagtail's own sitemap lists only the descendants of the site's root page, which is the
Danish home: the English tree (a sibling) would be missing. A harvester (the national web
archive's, or a search engine's) that follows only the sitemap must still find every
listing page past the first and every report it can download; robots.txt names it.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .visibility import visible


def listing_page_count(page: Page) -> int:
    """How many pages (``?page=N``) the listing on ``page`` has; 1 for a page without one.

    Index pages name their listing ``listing_queryset()`` and its size ``page_size``
    (else ``HUB_LISTING_PAGE_SIZE``), as ``hub.listing.FilteredListingMixin`` paginates it.
    """
    listing = getattr(page, "listing_queryset", None)
    if listing is None:
        return 1
    size = getattr(page, "page_size", None) or settings.HUB_LISTING_PAGE_SIZE
    return Paginator(listing(), size).num_pages


# Further URLs apps add (the cases app: the PDFs of live public reports), each a function
# of the sitemap's root pages (one home page per language) that gives (location, last
# modified) pairs; a location without a scheme is made absolute on the site's root URL.
SitemapSection = Callable[[list[Page]], Iterable[tuple[str, datetime.datetime | None]]]
_sections: list[SitemapSection] = []


def add_to_sitemap(section: SitemapSection) -> None:
    """Called from an app's ``AppConfig.ready()``."""
    _sections.append(section)


def in_trees(roots: list[Page]) -> Q:
    in_any_tree = Q()
    for root in roots:
        in_any_tree |= Q(path__startswith=root.path)
    return in_any_tree


class HubSitemap(Sitemap):
    def roots(self) -> list[Page]:
        return list(self.get_wagtail_site().root_page.get_translations(inclusive=True))

    def items(self):
        return (
            visible(Page.objects.filter(in_trees(self.roots())))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        siblings = defaultdict(list)
        for translation in visible(
            Page.objects.filter(translation_key__in={item.translation_key for item in items})
        ).select_related("locale"):
            siblings[translation.translation_key].append(translation)

        urls, last_mods = [], set()
        for item in items:
            alternates = [
                {"lang_code": other.locale.language_code, "location": other.get_full_url(self.request)}
                for other in siblings[item.translation_key]
            ]
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates) > 1:
                    url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
                # The listing's further pages, as its pagination links them.
                for number in range(2, listing_page_count(item) + 1):
                    urls.append(
                        {
                            "location": f"{url_info['location']}?page={number}",
                            "lastmod": url_info.get("lastmod"),
                        }
                    )
        if page == self.paginator.num_pages:
            urls += self.section_urls()
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def section_urls(self) -> list[dict]:
        root_url = self.get_wagtail_site().root_url
        roots = self.roots()
        return [
            {"location": location if "://" in location else root_url + location, "lastmod": lastmod}
            for section in _sections
            for location, lastmod in section(roots)
        ]
