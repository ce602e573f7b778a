"""Filters for the cases listings; unknown values are dropped by the form, never raised."""

import django_filters
from django.utils.translation import gettext_lazy as _

from hub.listing import (
    ClusterFilter,
    FocusAreaFilter,
    LocalizedFilterSet,
    cluster_choices,
    focus_area_choices,
    municipality_choices,
    year_choices,
)

from .models import ClusterPage, ReportPage


class ClusterFilterSet(LocalizedFilterSet):
    municipality = django_filters.ChoiceFilter(label=_("Municipality"))
    programme = django_filters.ChoiceFilter(label=_("Programme"), choices=ClusterPage.Programme.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ClusterPage.Status.choices)

    class Meta:
        model = ClusterPage
        fields: list[str] = []

    def dynamic_choices(self):
        return {"municipality": municipality_choices(self.locale)}


class StoryFilterSet(LocalizedFilterSet):
    focus_area = FocusAreaFilter()
    cluster = ClusterFilter()
    municipality = django_filters.ChoiceFilter(
        label=_("Municipality"), field_name="clusters__municipality", distinct=True
    )
    theme = django_filters.CharFilter(label=_("Theme"), field_name="themes__slug", distinct=True)

    class Meta:
        fields: list[str] = []

    def dynamic_choices(self):
        return {
            "focus_area": focus_area_choices(self.locale),
            "cluster": cluster_choices(self.locale),
            "municipality": municipality_choices(self.locale),
        }


class FindingFilterSet(LocalizedFilterSet):
    focus_area = FocusAreaFilter()

    class Meta:
        fields: list[str] = []

    def dynamic_choices(self):
        return {"focus_area": focus_area_choices(self.locale)}


class ReportFilterSet(LocalizedFilterSet):
    report_type = django_filters.ChoiceFilter(label=_("Report type"), choices=ReportPage.ReportType.choices)
    focus_area = FocusAreaFilter()
    cluster = ClusterFilter(field_name="cluster")
    municipality = django_filters.ChoiceFilter(label=_("Municipality"), field_name="cluster__municipality")
    year = django_filters.TypedChoiceFilter(label=_("Year"), coerce=int)

    class Meta:
        fields: list[str] = []

    def dynamic_choices(self):
        return {
            "focus_area": focus_area_choices(self.locale),
            "cluster": cluster_choices(self.locale),
            "municipality": municipality_choices(self.locale),
            "year": year_choices(ReportPage, self.locale),
        }
