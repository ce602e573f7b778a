"""The public search page: live, public pages in the reader's language only."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
    page = Paginator(results, settings.HUB_LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"search_query": query, "results": page})
