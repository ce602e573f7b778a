from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PopularQueriesReport, ZeroResultQueriesReport


@hooks.register("register_admin_urls")
def register_query_report_urls():
    return [
        path("reports/searches/", PopularQueriesReport.as_view(), name="popular_searches"),
        path(
            "reports/searches/results/",
            PopularQueriesReport.as_view(results_only=True),
            name="popular_searches_results",
        ),
        path("reports/searches/no-results/", ZeroResultQueriesReport.as_view(), name="zero_result_searches"),
        path(
            "reports/searches/no-results/results/",
            ZeroResultQueriesReport.as_view(results_only=True),
            name="zero_result_searches_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return MenuItem(_("Popular searches"), reverse("popular_searches"), icon_name="search", order=810)


@hooks.register("register_reports_menu_item")
def register_zero_result_searches_menu_item():
    return MenuItem(
        _("Searches with no results"), reverse("zero_result_searches"), icon_name="warning", order=820
    )
