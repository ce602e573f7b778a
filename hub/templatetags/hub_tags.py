"""Template helpers for a two-language site: translations of the current page and
reader-language versions of canonical objects, without a query per item."""

from __future__ import annotations

import re

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from hub.content_version import cached_for_content
from hub.i18n import in_reader_language

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


def _active_locale(context) -> Locale:
    """``Locale.get_active()``, looked up once per request and language (it queries)."""
    request = context.get("request")
    code = translation.get_language()
    memo = getattr(request, "_hub_active_locale", None) if request else None
    if memo is None or memo[0] != code:
        memo = (code, Locale.get_active())
        if request is not None:
            request._hub_active_locale = memo
    return memo[1]


@register.simple_tag(takes_context=True)
def localized(context, obj):
    """The reader's translation of ``obj`` (a page or translatable snippet), else ``obj``.

    Loads each model's translations once per request, so listings stay at a fixed number
    of queries however many items they show.
    """
    if obj is None:
        return None
    locale = _active_locale(context)
    if getattr(obj, "locale_id", None) == locale.pk:
        return obj
    model = obj.specific_class if isinstance(obj, Page) else type(obj)
    return _localized_map(context, model, locale).get(obj.translation_key, obj)


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page in the reader's language (the site root's translation), or None."""
    from wagtail.models import Site

    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_hub_locale_home"):
        site = Site.find_for_request(request)
        language = translation.get_language()
        request._hub_locale_home = (
            cached_for_content(f"home:{site.pk}:{language}", lambda: site.root_page.localized)
            if site
            else None
        )
    return request._hub_locale_home


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The live, public, in-menu children of the reader's home page: the primary navigation."""
    home = locale_home(context)
    if home is None:
        return []
    return cached_for_content(f"menu:{home.pk}", lambda: list(home.get_children().live().public().in_menu()))


@register.simple_tag
def breadcrumbs(page) -> list:
    """The page's live ancestors from its home page down, the page itself excluded."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2).live())


@register.simple_tag
def report_findings(report) -> list:
    """Findings drawn from ``report``, in the report page's language where translated.

    Findings point at the canonical (Danish) report, so they are matched on the report's
    translation key; a finding not yet translated is shown in its original language.
    """
    from cases.models import FindingPage

    candidates = (
        FindingPage.objects.live()
        .public()
        .filter(source_report__translation_key=report.translation_key)
        .select_related("locale")
        .order_by("number", "pk")
    )
    return in_reader_language(candidates, report.locale)


@register.filter
def page_summary(page, words: int = 40) -> str:
    """A plain-text summary of any page for search results and cards."""
    from django.utils.html import strip_tags
    from django.utils.text import Truncator

    for name in ("search_description", "intro", "summary", "description"):
        value = getattr(page, name, "")
        if value:
            spaced = re.sub(r"(</p>|<br\s*/?>|</li>|</h\d>)", r"\1 ", str(value))
            return Truncator(" ".join(strip_tags(spaced).split())).words(int(words))
    return ""


@register.filter
def in_section(page, section) -> bool:
    """Whether ``page`` is ``section`` or lies below it (for the menu's current section)."""
    if not isinstance(page, Page) or not isinstance(section, Page):
        return False
    return page.path.startswith(section.path)


@register.simple_tag
def page_range(items, on_each_side: int = 2, on_ends: int = 1) -> list:
    """Page numbers around the current page of a Django ``Page``, with ellipses."""
    return list(
        items.paginator.get_elided_page_range(items.number, on_each_side=on_each_side, on_ends=on_ends)
    )


@register.simple_tag(takes_context=True)
def query_set(context, name: str, value=None) -> str:
    """The current query string with ``name`` set to ``value`` (removed when None) and the
    page number dropped, for facet links whose parameter name is a variable."""
    request = context.get("request")
    params = request.GET.copy() if request else QueryDict(mutable=True)
    params.pop("page", None)
    if value is None or value == "":
        params.pop(name, None)
    else:
        params[name] = str(value)
    return f"?{params.urlencode()}" if params else "?"


@register.filter
def form_field(form, name: str):
    """``form[name]`` for a name held in a variable."""
    try:
        return form[name]
    except KeyError:
        return None


@register.simple_tag
def numbered_page(number: int, count: int):
    """A Django ``Page`` standing for page ``number`` of ``count``, for the pagination
    include when a view gives only numbers (the search)."""
    return Paginator(range(max(1, count)), 1).get_page(number)
