"""The facets any hub page type can have: its focus areas (``hub.models.FocusArea``) and
its year. A type takes part through its ``paths`` ("focus_area", "year")."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.listing import focus_area_choices

from .registry import Facet, FacetProvider, FacetValue, SearchContext, by_count

FIRST_YEAR = 2000


def value_at(obj, path: str):
    """Follow ``a__b`` on an instance (``date__year`` -> obj.date.year)."""
    for name in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


class FocusAreaFacets(FacetProvider):
    facets = (Facet("focus_area", _("Focus area"), order=20),)

    def stored_values(self, page, result_type):
        path = result_type.paths.get("focus_area")
        return {("focus_area", area.slug) for area in getattr(page, path).all()} if path else set()

    def narrow(self, queryset, result_type, name, value, context):
        path = result_type.paths.get("focus_area")
        return queryset.filter(**{f"{path}__slug": value}) if path else None

    def choices(self, name, locale):
        return focus_area_choices(locale)

    def labelled(self, name, counter: Counter, context: SearchContext) -> list[FacetValue]:
        names = dict(focus_area_choices(context.locale))  # cached with the search form's choices
        return by_count(counter, lambda slug: names.get(slug, slug))


class YearFacets(FacetProvider):
    facets = (Facet("year", _("Year"), order=50, coerce=int),)

    def stored_values(self, page, result_type):
        path = result_type.paths.get("year")
        year = value_at(page, path) if path else None
        return {("year", str(year))} if year else set()

    def narrow(self, queryset, result_type, name, value, context):
        path = result_type.paths.get("year")
        return queryset.filter(**{path: value}) if path else None

    def choices(self, name, locale):
        return [(str(year), str(year)) for year in range(timezone.now().year + 1, FIRST_YEAR - 1, -1)]

    def labelled(self, name, counter: Counter, context: SearchContext) -> list[FacetValue]:
        values = (FacetValue(year, year, count) for year, count in counter.items())
        return sorted(values, key=lambda facet: facet.value, reverse=True)
