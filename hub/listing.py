"""Filtered, paginated listings shared by every index page.

An index page names a django-filter FilterSet and a queryset; the mixin validates the
query string (unknown values are dropped and reported, never a 500) and paginates.
"""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from hub.content_version import cached_for_content
from hub.visibility import visible


class LocalizedFilterSet(django_filters.FilterSet):
    """A FilterSet whose choices come from the listing page's own locale."""

    def __init__(self, data=None, queryset=None, *, locale: Locale, **kwargs):
        self.locale = locale
        super().__init__(data, queryset, **kwargs)
        for name, choices in self.dynamic_choices().items():
            self.filters[name].extra["choices"] = choices

    def dynamic_choices(self) -> dict[str, list[tuple[str, str]]]:
        return {}

    @property
    def active(self) -> bool:
        return any(self.form.cleaned_data.get(name) for name in self.filters) if self.is_bound else False


def focus_area_choices(locale: Locale) -> list[tuple[str, str]]:
    from hub.models import FocusArea

    return cached_for_content(
        f"focus-area-choices:{locale.pk}",
        lambda: [(fa.slug, fa.name) for fa in FocusArea.objects.filter(locale=locale)],
    )


def cluster_choices(locale: Locale) -> list[tuple[str, str]]:
    from cases.models import ClusterPage

    return cached_for_content(
        f"cluster-choices:{locale.pk}",
        lambda: list(
            visible(ClusterPage.objects.filter(locale=locale)).order_by("title").values_list("slug", "title")
        ),
    )


def municipality_choices(locale: Locale) -> list[tuple[str, str]]:
    """Municipalities of the clusters a reader of ``locale`` may see: a private or expired
    cluster names none."""
    from cases.models import ClusterPage

    def compute():
        clusters = visible(ClusterPage.objects.filter(locale=locale))
        names = clusters.order_by("municipality").values_list("municipality", flat=True).distinct()
        return [(name, name) for name in names if name]

    return cached_for_content(f"municipality-choices:{locale.pk}", compute)


def year_choices(model, locale: Locale) -> list[tuple[str, str]]:
    """The years of the visible pages of ``model`` (which has a ``year``) in ``locale``, newest first."""

    def compute():
        pages = visible(model.objects.filter(locale=locale))
        years = pages.order_by("-year").values_list("year", flat=True).distinct()
        return [(str(year), str(year)) for year in years]

    return cached_for_content(f"year-choices:{model._meta.label_lower}:{locale.pk}", compute)


def cluster_translation_key(locale: Locale, slug: str):
    """A visible cluster's slug in ``locale`` (or, untranslated, in the default locale) to its key."""
    from cases.models import ClusterPage

    keys = dict(
        visible(ClusterPage.objects.filter(slug=slug, locale__in=[locale, Locale.get_default()])).values_list(
            "locale_id", "translation_key"
        )
    )
    return keys.get(locale.pk) or next(iter(keys.values()), None)


class FocusAreaFilter(django_filters.ChoiceFilter):
    """Pages point at the canonical focus areas, whose slug is the same in every locale."""

    def __init__(self, field_name: str = "focus_areas", **kwargs):
        kwargs.setdefault("label", _("Focus area"))
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__slug": value}).distinct()


class ClusterFilter(django_filters.ChoiceFilter):
    """Filter by a cluster's slug in the listing's locale, matched across translations."""

    def __init__(self, field_name: str = "clusters", **kwargs):
        kwargs.setdefault("label", _("Cluster"))
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        key = cluster_translation_key(self.parent.locale, value)
        return qs.filter(**{f"{self.field_name}__translation_key": key}).distinct()


class FilteredListingMixin:
    """For index pages: ``listing_queryset()`` filtered by ``filterset_class``, paginated."""

    filterset_class: type[LocalizedFilterSet]
    page_size: int | None = None

    def listing_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filterset = self.filterset_class(
            request.GET or None, queryset=self.listing_queryset(), locale=self.locale
        )
        paginator = Paginator(filterset.qs, self.page_size or settings.HUB_LISTING_PAGE_SIZE)
        context["filter"] = filterset
        context["items"] = paginator.get_page(request.GET.get("page"))
        return context
