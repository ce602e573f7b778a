"""The public search page and its autocomplete endpoint."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from .conf import backend_for_language
from .forms import SearchForm
from .models import SearchQueryDay
from .services import RESULT_TYPES, clean_query, run_search

AUTOCOMPLETE_LIMIT = 8
FACETS_SHOWN = 12
FACET_LABELS = {
    "type": _("Content type"),
    "focus_area": _("Focus area"),
    "cluster": _("Cluster"),
    "municipality": _("Municipality"),
    "year": _("Year"),
}


def facet_groups(request, outcome, filters) -> list[dict]:
    """Each facet value with the link that adds it to, or removes it from, the search."""
    active = {name: str(value) for name, value in filters.active().items()}
    groups = []
    for name, values in outcome.facets.items():
        items = []
        for facet in values[:FACETS_SHOWN]:
            params = request.GET.copy()
            params.pop("page", None)
            selected = active.get(name) == facet.value
            if selected:
                params.pop(name, None)
            else:
                params[name] = facet.value
            items.append(
                {
                    "label": facet.label,
                    "count": facet.count,
                    "selected": selected,
                    "url": f"?{params.urlencode()}",
                }
            )
        if items:
            groups.append({"name": name, "label": FACET_LABELS[name], "items": items})
    return groups


@require_GET
def search(request):
    locale = Locale.get_active()
    form = SearchForm(request.GET, locale=locale)
    filters = form.filters()
    data = form.cleaned_data
    outcome = run_search(
        request.GET.get("q", ""),
        locale,
        filters,
        order=data.get("order") or "relevance",
        page_number=data.get("page") or 1,
    )
    if outcome.terms and outcome.page_number == 1 and not filters.active():
        SearchQueryDay.record(outcome.query, locale.language_code, outcome.total)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "search_query": outcome.query,
            "outcome": outcome,
            "filters": filters,
            "order": data.get("order") or "relevance",
            "ignored": form.ignored,
            "facet_groups": facet_groups(request, outcome, filters),
            "items": Paginator(range(outcome.total), settings.HUB_LISTING_PAGE_SIZE).get_page(
                outcome.page_number
            ),
        },
    )


@require_GET
@cache_control(max_age=60, public=True)
def autocomplete(request):
    """Up to eight page titles for what the reader has typed so far."""
    locale = Locale.get_active()
    query = clean_query(request.GET.get("q", ""))
    suggestions = []
    if len(query) >= 2:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=locale)
            .type(*(result_type.model for result_type in RESULT_TYPES))
            .autocomplete(query, backend=backend_for_language(locale.language_code))
        )
        suggestions = [
            {"title": page.title, "url": page.get_url(request)} for page in pages[:AUTOCOMPLETE_LIMIT]
        ]
    return JsonResponse({"query": query, "suggestions": suggestions})
