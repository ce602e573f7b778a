"""Filtered, paginated listings shared by every index page.

An index page names a django-filter FilterSet (``filterset_class``) and a queryset
(``listing_queryset()``); the mixin validates the query string (unknown values are
dropped and reported, never a 500) and paginates. Filters whose choices depend on what
readers may see in the listing's language (focus areas, years, and in the cases app
clusters and municipalities) compute them from the model they filter, so a FilterSet
needs no import of the page models that use it.
"""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .content_version import cached_for_content
from .models import FocusArea
from .visibility import visible


class ContentChoicesMixin:
    """For a choice filter whose choices are the visible content of the listing's locale."""

    def content_choices(self, model: type[Model], locale: Locale) -> list[tuple[str, str]]:
        """The choices for a listing of ``model`` in ``locale``."""
        raise NotImplementedError


class LocalizedFilterSet(django_filters.FilterSet):
    """A FilterSet whose choices come from the listing page's own locale."""

    def __init__(self, data=None, queryset=None, *, locale: Locale, **kwargs):
        self.locale = locale
        super().__init__(data, queryset, **kwargs)
        for listed in self.filters.values():
            if isinstance(listed, ContentChoicesMixin):
                listed.extra["choices"] = listed.content_choices(self.queryset.model, locale)

    @property
    def active(self) -> bool:
        return any(self.form.cleaned_data.get(name) for name in self.filters) if self.is_bound else False


def focus_area_choices(locale: Locale) -> list[tuple[str, str]]:
    return cached_for_content(
        f"focus-area-choices:{locale.pk}",
        lambda: [(fa.slug, fa.name) for fa in FocusArea.objects.filter(locale=locale)],
    )


def year_choices(model: type[Model], locale: Locale) -> list[tuple[str, str]]:
    """The years of the visible pages of ``model`` (which has a ``year``) in ``locale``, newest first."""

    def compute():
        pages = visible(model.objects.filter(locale=locale))
        years = pages.order_by("-year").values_list("year", flat=True).distinct()
        return [(str(year), str(year)) for year in years]

    return cached_for_content(f"year-choices:{model._meta.label_lower}:{locale.pk}", compute)


class FocusAreaFilter(ContentChoicesMixin, django_filters.ChoiceFilter):
    """Pages point at the canonical focus areas, whose slug is the same in every locale."""

    def __init__(self, field_name: str = "focus_areas", **kwargs):
        kwargs.setdefault("label", _("Focus area"))
        super().__init__(field_name=field_name, **kwargs)

    def content_choices(self, model, locale):
        return focus_area_choices(locale)

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__slug": value}).distinct()


class YearFilter(ContentChoicesMixin, django_filters.TypedChoiceFilter):
    """The years the listed pages have, newest first."""

    def __init__(self, field_name: str = "year", **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("coerce", int)
        super().__init__(field_name=field_name, **kwargs)

    def content_choices(self, model, locale):
        return year_choices(model, locale)


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
