from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "hubsearch"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from hub.content_version import bump_content_version

        from . import facets  # noqa: F401 - keeps PageFacet in step with saved pages

        # Cached search outcomes hold their promotions: an editor's change shows at once.
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version, sender=SearchPromotion, dispatch_uid=f"search-promotion-{signal}"
            )
