from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /django-admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def not_translated(request, page_id: int):
    """Where the language switch leads from a page that has no translation in the reader's
    new language: a page, in that language, that says so and offers the page as it is.
    A translation that exists (or appears later) is where the reader is sent instead."""
    from django.http import Http404
    from django.shortcuts import redirect, render
    from django.utils import translation
    from wagtail.models import Page

    from .visibility import visible

    page = visible(Page.objects.filter(pk=page_id)).select_related("locale").first()
    if page is None:
        raise Http404
    language = translation.get_language()
    existing = visible(page.get_translations(inclusive=True)).filter(locale__language_code=language).first()
    if existing is not None:
        return redirect(existing.get_url(request))
    return render(
        request,
        "hub/not_translated.html",
        {
            "original": page.specific,
            "original_language": translation.get_language_info(page.locale.language_code)["name_translated"],
        },
    )


@require_GET
def site_map_page(request):
    """The footer's site map, in the reader's language (``hub.site_map``)."""
    from django.http import Http404
    from django.shortcuts import render
    from wagtail.models import Locale, Site

    from .site_map import site_map

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    home = site.root_page.get_translations(inclusive=True).filter(locale=Locale.get_active()).first()
    if home is None:
        raise Http404
    return render(request, "hub/site_map.html", {"home": home, "branches": site_map(home)})
