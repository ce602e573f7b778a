"""The public search page and its autocomplete endpoint."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from .conf import backend_for_language
from .forms import SearchForm
from .models import SearchQueryDay
from .services import clean_query, readable_pages, run_search

AUTOCOMPLETE_LIMIT = 8


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
        pages = readable_pages(locale).autocomplete(query, backend=backend_for_language(locale.language_code))
        suggestions = [
            {"title": page.title, "url": page.get_url(request)} for page in pages[:AUTOCOMPLETE_LIMIT]
        ]
    return JsonResponse({"query": query, "suggestions": suggestions})
