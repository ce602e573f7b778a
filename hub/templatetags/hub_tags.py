"""Template helpers for a two-language site: translations of the current page and
reader-language versions of canonical objects, without a query per item."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from ..content_version import cached_for_content, content_version
from ..visibility import visible

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per site language: where this page lives in it, if anywhere.

    For a Wagtail page that is its visible translation; for other views (search) the same
    URL in the other language. A page without one links a page in that language that says
    so and offers the page as it is (``hub.views.not_translated``).
    """
    request = context.get("request")
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    current = translation.get_language()
    translations = {}
    if page is not None and page.pk:
        for translated in visible(page.get_translations(inclusive=True)).select_related("locale"):
            translations[translated.locale.language_code] = translated
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            target = translations.get(code)
            url = target.get_url(request) if target else None
            exact = target is not None
            if url is None and page.pk:
                with translation.override(code):
                    url = reverse("not_translated", args=[page.pk])
            elif url is None:  # a new page's preview: nothing to offer yet
                url = f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code) if request else f"/{code}/"
            exact = True
        links.append({"code": code, "name": name, "url": url, "current": code == current, "exact": exact})
    return links


def _localized_map(context, model, locale_id: int) -> dict:
    """``model``'s objects in a locale by translation key (pages: only visible ones), per request."""
    request = context.get("request")
    cache = getattr(request, "_hub_localized", None) if request else None
    if cache is None:
        cache = {}
        if request is not None:
            request._hub_localized = cache
    key = (model, locale_id)
    if key not in cache:
        queryset = model.objects.filter(locale_id=locale_id)
        if issubclass(model, Page):
            queryset = visible(queryset)
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

    A page comes back only if the reader may see it (hub/visibility.py): its visible
    translation, else ``obj`` itself if visible, else None, so a public story never
    names or links a private, unpublished or expired cluster. Templates test the result.

    Loads each model's objects in a locale once per request, so listings stay at a fixed
    number of queries however many items they show.
    """
    if obj is None:
        return None
    locale = _active_locale(context)
    if not isinstance(obj, Page):
        if obj.locale_id == locale.pk:
            return obj
        return _localized_map(context, type(obj), locale.pk).get(obj.translation_key, obj)
    model = obj.specific_class
    translated = _localized_map(context, model, locale.pk).get(obj.translation_key)
    if translated is None and obj.locale_id != locale.pk:
        translated = _localized_map(context, model, obj.locale_id).get(obj.translation_key)
    return translated


@register.simple_tag(takes_context=True)
def localized_pages(context, pages) -> list:
    """``localized`` for each page, leaving out those the reader may not see."""
    return [page for page in (localized(context, page) for page in pages) if page is not None]


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


def _home_in(root: Page, language: str) -> Page:
    translations = visible(root.get_translations(inclusive=True)).filter(locale__language_code=language)
    return translations.first() or root


@register.simple_tag(takes_context=True)
def frame_key(context) -> str:
    """The key under which base.html caches the parts of its frame that are the same for
    every reader of a site and language (``{% cache %}`` fragments): the content version,
    which publishing and a change of site settings or consent wording move on, the
    language and the host and port (which name the site without a query). Once per request.
    """
    request = context.get("request")
    memo = getattr(request, "_hub_frame_key", None) if request else None
    if memo is None:
        host = f"{request.get_host()}:{request.get_port()}" if request else ""
        memo = f"{content_version()}:{translation.get_language()}:{host}"
        if request is not None:
            request._hub_frame_key = memo
    return memo


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page in the reader's language (the site root's visible translation, else
    the root itself), or None."""
    from wagtail.models import Site

    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_hub_locale_home"):
        site = Site.find_for_request(request)
        language = translation.get_language()
        request._hub_locale_home = (
            cached_for_content(f"home:{site.pk}:{language}", lambda: _home_in(site.root_page, language))
            if site
            else None
        )
    return request._hub_locale_home


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The visible, in-menu children of the reader's home page: the primary navigation."""
    home = locale_home(context)
    if home is None:
        return []
    return cached_for_content(f"menu:{home.pk}", lambda: list(visible(home.get_children()).in_menu()))


@register.simple_tag
def breadcrumbs(page) -> list:
    """The page's visible ancestors from its home page down, the page itself excluded."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(visible(page.get_ancestors().filter(depth__gte=2)))


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
    """The current query string with ``name`` set to ``value`` (removed when None), the
    page number and empty parameters dropped, for links whose parameter name is a variable."""
    request = context.get("request")
    params = request.GET.copy() if request else QueryDict(mutable=True)
    params.pop("page", None)
    for empty in [key for key, values in params.lists() if not any(values)]:
        params.pop(empty)  # "All" in a submitted filter form
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


@dataclass(frozen=True)
class ActiveFilter:
    """One filter a listing or the search is narrowed by, as its chip shows it."""

    name: str
    label: str
    value: str
    remove_url: str


@register.simple_tag(takes_context=True)
def active_filters(context, form, skip: str = "q page order") -> list[ActiveFilter]:
    """The filters of a bound form that hold an accepted value, with the link that removes
    each (values the form did not understand are reported by the page, not shown here)."""
    if form is None or not form.is_bound:
        return []
    errors = form.errors
    skipped = set(skip.split())
    request = context.get("request")
    active = []
    for field in form:
        value = field.value()
        if field.name in skipped or field.name in errors or value in (None, "", []):
            continue
        choices = {str(choice): label for choice, label in getattr(field.field, "choices", ())}
        active.append(
            ActiveFilter(
                name=field.name,
                label=str(field.label),
                value=str(choices.get(str(value), value)),
                # The last filter removed: the page's own address, not a bare "?".
                remove_url=(query_set(context, field.name).rstrip("?") or (request.path if request else "?")),
            )
        )
    return active


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or None: for a dict keyed by a variable (counts by translation key)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag(takes_context=True)
def tag_name(context, tag) -> str:
    """``tag``'s name in the reader's language (``hub.models.TagName``), else its own;
    the names of a language are loaded once per request."""
    from ..models import TagName

    request = context.get("request")
    locale = _active_locale(context)
    memo = getattr(request, "_hub_tag_names", None) if request else None
    if memo is None or memo[0] != locale.pk:
        names = cached_for_content(
            f"tag-names:{locale.pk}",
            lambda: dict(TagName.objects.filter(locale=locale).values_list("tag_id", "name")),
        )
        memo = (locale.pk, names)
        if request is not None:
            request._hub_tag_names = memo
    return memo[1].get(tag.pk, tag.name)
