from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hub.admin_views import report_urls

from .admin_views import PopularQueriesReport, ZeroResultQueriesReport


@hooks.register("register_admin_urls")
def register_query_report_urls():
    return [
        *report_urls("reports/searches/", PopularQueriesReport, "popular_searches"),
        *report_urls("reports/searches/no-results/", ZeroResultQueriesReport, "zero_result_searches"),
    ]


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return MenuItem(_("Popular searches"), reverse("popular_searches"), icon_name="search", order=810)


@hooks.register("register_reports_menu_item")
def register_zero_result_searches_menu_item():
    return MenuItem(
        _("Searches with no results"), reverse("zero_result_searches"), icon_name="warning", order=820
    )
