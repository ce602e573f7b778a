"""Filters for the cases listings (and the blog's, which points at clusters too); unknown
values are dropped by the form, never raised.

Cluster and municipality choices are the clusters a reader of the listing's language may
see; the filters find the cluster model through the field they filter on, so they need
no import of the page models whose index pages use them.
"""

from __future__ import annotations

import django_filters
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from hub.content_version import cached_for_content
from hub.listing import ContentChoicesMixin, FocusAreaFilter, LocalizedFilterSet, YearFilter
from hub.visibility import visible

from .choices import ClusterStatus, Programme, ReportType


def clusters_model(model: type[Model], path: str) -> type[Model]:
    """The cluster model a filter path reaches: ``clusters__municipality`` on a story
    leads to its clusters' model, ``municipality`` on a cluster to the cluster itself."""
    if "__" not in path and not model._meta.get_field(path).is_relation:
        return model
    return model._meta.get_field(path.split("__")[0]).related_model


def cluster_choices(clusters: type[Model], locale: Locale) -> list[tuple[str, str]]:
    return cached_for_content(
        f"cluster-choices:{locale.pk}",
        lambda: list(
            visible(clusters.objects.filter(locale=locale)).order_by("title").values_list("slug", "title")
        ),
    )


def municipality_choices(clusters: type[Model], locale: Locale) -> list[tuple[str, str]]:
    """Municipalities of the clusters a reader of ``locale`` may see: a private or expired
    cluster names none."""

    def compute():
        visible_clusters = visible(clusters.objects.filter(locale=locale))
        names = visible_clusters.order_by("municipality").values_list("municipality", flat=True).distinct()
        return [(name, name) for name in names if name]

    return cached_for_content(f"municipality-choices:{locale.pk}", compute)


def cluster_translation_key(clusters: type[Model], locale: Locale, slug: str):
    """A visible cluster's slug in ``locale`` (or, untranslated, in the default locale) to its key."""
    keys = dict(
        visible(clusters.objects.filter(slug=slug, locale__in=[locale, Locale.get_default()])).values_list(
            "locale_id", "translation_key"
        )
    )
    return keys.get(locale.pk) or next(iter(keys.values()), None)


class ClusterFilter(ContentChoicesMixin, django_filters.ChoiceFilter):
    """Filter by a cluster's slug in the listing's locale, matched across translations."""

    def __init__(self, field_name: str = "clusters", **kwargs):
        kwargs.setdefault("label", _("Cluster"))
        super().__init__(field_name=field_name, **kwargs)

    def content_choices(self, model, locale):
        return cluster_choices(clusters_model(model, self.field_name), locale)

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        key = cluster_translation_key(clusters_model(qs.model, self.field_name), self.parent.locale, value)
        return qs.filter(**{f"{self.field_name}__translation_key": key}).distinct()


class MunicipalityFilter(ContentChoicesMixin, django_filters.ChoiceFilter):
    """The municipalities of the visible clusters, on a cluster or through a page's clusters."""

    def __init__(self, field_name: str = "municipality", **kwargs):
        kwargs.setdefault("label", _("Municipality"))
        super().__init__(field_name=field_name, **kwargs)

    def content_choices(self, model, locale):
        return municipality_choices(clusters_model(model, self.field_name), locale)


class ClusterFilterSet(LocalizedFilterSet):
    municipality = MunicipalityFilter()
    programme = django_filters.ChoiceFilter(label=_("Programme"), choices=Programme.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ClusterStatus.choices)

    class Meta:
        fields: list[str] = []


class StoryFilterSet(LocalizedFilterSet):
    focus_area = FocusAreaFilter()
    cluster = ClusterFilter()
    municipality = MunicipalityFilter(field_name="clusters__municipality", distinct=True)
    theme = django_filters.CharFilter(label=_("Theme"), field_name="themes__slug", distinct=True)

    class Meta:
        fields: list[str] = []


class FindingFilterSet(LocalizedFilterSet):
    focus_area = FocusAreaFilter()

    class Meta:
        fields: list[str] = []


class ReportFilterSet(LocalizedFilterSet):
    report_type = django_filters.ChoiceFilter(label=_("Report type"), choices=ReportType.choices)
    focus_area = FocusAreaFilter()
    cluster = ClusterFilter(field_name="cluster")
    municipality = MunicipalityFilter(field_name="cluster__municipality")
    year = YearFilter()

    class Meta:
        fields: list[str] = []
