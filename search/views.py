"""The public search page and its autocomplete endpoint."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Site

from hub.conf import setting as hub_setting
from hub.content_version import cached_for_content, content_version
from hub.page_cache import cache_seconds, shareable, shared_address

from .conf import backend_for_language
from .forms import SearchForm
from .models import SearchQueryDay
from .query import clean_query, readable_pages
from .services import run_search

AUTOCOMPLETE_LIMIT = 8


def active_locale() -> Locale:
    """``Locale.get_active()`` without its query on every search: locales only come and go
    with the content in them."""
    return cached_for_content(f"locale:{translation.get_language()}", Locale.get_active)


def remember_site(request) -> None:
    """Give ``Site.find_for_request`` (result links, site settings) the request's site
    from the cache, keyed by host as Wagtail matches it, instead of its query per request.
    A site's change moves the content version on (hub/content_version.py)."""
    if not hasattr(request, "_wagtail_site"):  # where find_for_request keeps it
        request._wagtail_site = cached_for_content(
            f"site:{request.get_host()}:{request.get_port()}", lambda: Site.find_for_request(request)
        )


def counts_in_log(request) -> bool:
    """Whether this search tells what readers look for: not an editor's (signed in to the
    admin, trying the site or its previews), not one sent from inside the admin (a
    preview's search box)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return False
    referer = urlsplit(request.headers.get("Referer", ""))
    from_here = not referer.netloc or referer.netloc == request.get_host()
    return not (from_here and referer.path.startswith(tuple(hub_setting("HUB_ADMIN_PATH_PREFIXES"))))


@require_GET
def search(request):
    """The search page. Anonymous readers asking the same URL share its rendered HTML
    until content changes, like whole Wagtail pages (hub/page_cache.py), but each search
    is still counted in the query log."""
    address = shared_address(request)
    key = f"hub:search-page:{content_version()}:{address}"
    if address is not None and (cached := cache.get(key)) is not None:
        body, logged = cached
        if logged and counts_in_log(request):
            SearchQueryDay.record(*logged)
        return HttpResponse(body)
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
    logged = None
    if outcome.terms and outcome.page_number == 1 and not filters.active():
        logged = (outcome.query, locale.language_code, outcome.total)
        if counts_in_log(request):
            SearchQueryDay.record(*logged)
    response = render(
        request,
        "search/search.html",
        {
            "form": form,
            "search_query": outcome.query,
            "outcome": outcome,
            "filters": filters,
            "order": data.get("order") or "relevance",
            "ignored": form.ignored,
            "filter_fields": form.filter_options(outcome.facets if outcome.total else None),
        },
    )
    # Stored only for a query string the page reads, with values it accepted (as
    # hub/page_cache.py does for listings): junk parameters cannot fill the cache.
    uses_its_query = set(request.GET) <= set(form.fields) and not form.ignored
    if address is not None and uses_its_query and shareable(request, response):
        cache.set(key, (response.content, logged), cache_seconds())
    return response


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
