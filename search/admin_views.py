"""Admin reports on what readers search for: popular queries and queries that found nothing."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from .models import SearchQueryDay

PERIODS = [("7", _("Last 7 days")), ("30", _("Last 30 days")), ("365", _("Last year"))]


class QueryColumn(Column):
    """A query shortened to ``SHOWN`` characters, the whole text on hover: one long query
    must not push the other columns off the screen."""

    SHOWN = 60
    cell_template_name = "search/admin/query_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        query = context["value"] or ""
        context["shortened"] = len(query) > self.SHOWN
        context["shown"] = query[: self.SHOWN].rstrip() + "…" if context["shortened"] else query
        return context


class QueryReportFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=PERIODS, method="filter_period", empty_label=None
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=[("da", "Dansk"), ("en", "English")])

    class Meta:
        model = SearchQueryDay
        fields = ["language"]

    def filter_period(self, queryset, name, value):
        since = timezone.localdate() - datetime.timedelta(days=int(value or 30))
        return queryset.filter(date__gte=since)


class QueryReport(ReportView):
    header_icon = "search"
    filterset_class = QueryReportFilterSet
    list_export = ["query", "language", "searches", "results", "last_searched"]
    export_headings = {"last_searched": _("Last searched"), "results": _("Results")}
    columns = [
        QueryColumn("query", label=_("Query")),
        Column("language", label=_("Language")),
        Column("searches", label=_("Searches")),
        Column("results", label=_("Results at the last search")),
        Column("last_searched", label=_("Last searched")),
    ]
    only_zero_results = False

    def get_queryset(self):
        since = timezone.localdate() - datetime.timedelta(days=30)
        rows = SearchQueryDay.objects.all()
        if not self.request.GET.get("period"):
            rows = rows.filter(date__gte=since)
        if self.only_zero_results:
            rows = rows.filter(results=0)
        return rows

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return (
            queryset.values("query", "language")
            .annotate(searches=Sum("searches"), last_searched=Max("date"), results=Max("results"))
            .order_by("-searches", "query")
        )


class PopularQueriesReport(QueryReport):
    page_title = _("Popular searches")
    index_url_name = "popular_searches"
    index_results_url_name = "popular_searches_results"


class ZeroResultQueriesReport(QueryReport):
    page_title = _("Searches with no results")
    index_url_name = "zero_result_searches"
    index_results_url_name = "zero_result_searches_results"
    only_zero_results = True
