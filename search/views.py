"""The public search page and its autocomplete endpoint."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Site

from hub.content_version import cached_for_content

from .conf import backend_for_language
from .forms import SearchForm
from .models import SearchQueryDay
from .services import clean_query, readable_pages, run_search

AUTOCOMPLETE_LIMIT = 8


def active_locale() -> Locale:
    """``Locale.get_active()`` without its query on every search: locales only come and go
    with the content in them."""
    return cached_for_content(f"locale:{translation.get_language()}", Locale.get_active)


def remember_site(request) -> None:
    """Give ``Site.find_for_request`` (result links, site settings) the request's site
    from the cache, keyed by host as Wagtail matches it, instead of its query per request.
    A site's change moves the content version on (search/apps.py)."""
    if not hasattr(request, "_wagtail_site"):  # where find_for_request keeps it
        request._wagtail_site = cached_for_content(
            f"site:{request.get_host()}:{request.get_port()}", lambda: Site.find_for_request(request)
        )


@require_GET
def search(request):
    remember_site(request)
    locale = active_locale()
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
    locale = active_locale()
    query = clean_query(request.GET.get("q", ""))
    suggestions = []
    if len(query) >= 2:
        pages = readable_pages(locale).autocomplete(query, backend=backend_for_language(locale.language_code))
        suggestions = [
            {"title": page.title, "url": page.get_url(request)} for page in pages[:AUTOCOMPLETE_LIMIT]
        ]
    return JsonResponse({"query": query, "suggestions": suggestions})
