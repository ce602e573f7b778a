"""Template helpers for a two-language site: translations of the current page and
reader-language versions of canonical objects, without a query per item."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per site language: where this page lives in it, if anywhere.

    For a Wagtail page that is its live translation; for other views (search) the same
    URL in the other language. A page without a translation links that language's home.
    """
    request = context.get("request")
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    current = translation.get_language()
    translations = {}
    if page is not None and page.pk:
        for translated in page.get_translations(inclusive=True).live().public().select_related("locale"):
            translations[translated.locale.language_code] = translated
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            target = translations.get(code)
            url = target.get_url(request) if target else None
            exact = target is not None
            if url is None:
                url = f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code) if request else f"/{code}/"
            exact = True
        links.append({"code": code, "name": name, "url": url, "current": code == current, "exact": exact})
    return links


def _localized_map(context, model, locale: Locale) -> dict:
    request = context.get("request")
    cache = getattr(request, "_hub_localized", None) if request else None
    if cache is None:
        cache = {}
        if request is not None:
            request._hub_localized = cache
    key = (model, locale.pk)
    if key not in cache:
        queryset = model.objects.filter(locale=locale)
        if issubclass(model, Page):
            queryset = queryset.live()
        cache[key] = {obj.translation_key: obj for obj in queryset}
    return cache[key]


@register.simple_tag(takes_context=True)
def localized(context, obj):
    """The reader's translation of ``obj`` (a page or translatable snippet), else ``obj``.

    Loads each model's translations once per request, so listings stay at a fixed number
    of queries however many items they show.
    """
    if obj is None:
        return None
    locale = Locale.get_active()
    if getattr(obj, "locale_id", None) == locale.pk:
        return obj
    model = obj.specific_class if isinstance(obj, Page) else type(obj)
    return _localized_map(context, model, locale).get(obj.translation_key, obj)


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url
