from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "hubsearch"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.search_promotions.models import SearchPromotion
        from wagtail.models import Site

        from hub.content_version import bump_content_version

        from . import facets  # noqa: F401 - keeps PageFacet in step with saved pages

        # Cached search outcomes hold their promotions: an editor's change shows at once.
        # The frame of base.html (home link, menu, footer), cached for the search page
        # (hub_tags.frame_key), is keyed by host: a site's new hostname or root shows at once.
        for signal in (post_save, post_delete):
            for sender in (SearchPromotion, Site):
                signal.connect(
                    bump_content_version,
                    sender=sender,
                    dispatch_uid=f"search-{sender._meta.model_name}-{signal}",
                )
