from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Clusters and cases")

    def ready(self) -> None:
        from hub.page_cache import share_files_in

        from . import search
        from .services import zip_cache_dir

        # A cluster's built report zip is the same for every reader: the page cache keeps it.
        share_files_in(zip_cache_dir)
        # Stories, findings, reports and clusters in the public search, with the cluster facets.
        search.register()
