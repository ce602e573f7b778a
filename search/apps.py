from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "hubsearch"
    verbose_name = _("Search")

    def ready(self) -> None:
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from hub.content_version import track_content

        from . import facets
        from .registry import register_facets
        from .standard_facets import FocusAreaFacets, YearFacets

        facets.connect()  # keeps PageFacet in step with saved pages
        # The facets every page type can have; apps register their types and own facets.
        register_facets(FocusAreaFacets())
        register_facets(YearFacets())
        # Cached search outcomes hold their promotions: an editor's change shows at once.
        track_content(SearchPromotion)
