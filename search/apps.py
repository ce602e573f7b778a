from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "hubsearch"
    verbose_name = _("Search")

    def ready(self) -> None:
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from hub.content_version import track_content

        from . import facets  # noqa: F401 - keeps PageFacet in step with saved pages

        # Cached search outcomes hold their promotions: an editor's change shows at once.
        track_content(SearchPromotion)
