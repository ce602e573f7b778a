"""sitemap.xml covering every language, with hreflang alternates.

Wagtail's own sitemap lists only the descendants of the site's root page, which is the
Danish home: the English tree (a sibling) would be missing.
"""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class HubSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_tree = Q()
        for root in roots:
            in_any_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.live().public().filter(in_any_tree).order_by("path").defer_streamfields().specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        siblings = defaultdict(list)
        for translation in (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
        ):
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
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
