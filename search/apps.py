from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "hubsearch"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import facets  # noqa: F401 - keeps PageFacet in step with saved pages
