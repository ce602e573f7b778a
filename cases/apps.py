from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Clusters and cases")

    def ready(self) -> None:
        from hub.home import show_latest_on_home
        from hub.page_cache import share_files_in
        from hub.sitemap import add_to_sitemap
        from hub.timeline import count_per_year

        from . import search, signals
        from .conf import zip_cache_dir
        from .models import clusters_established_per_year, latest_stories
        from .sitemap import report_pdf_urls

        # A cluster's built report zip is the same for every reader: the page cache keeps it.
        share_files_in(zip_cache_dir)
        add_to_sitemap(report_pdf_urls)
        show_latest_on_home("stories", latest_stories)
        count_per_year(_("clusters established (where the year is known)"), clusters_established_per_year)
        signals.connect()
        # Stories, findings, reports and clusters in the public search, with the cluster facets.
        search.register()
