"""Each searchable page's facet values, stored in ``PageFacet`` for fast counting, and the
counted values labelled for the reader.

The type facet is the registry's own (``search.registry``); every other facet comes from a
registered provider: the focus area and the year from ``search.standard_facets``, others
from the apps (cases: clusters and municipalities).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Page

from .models import PageFacet
from .registry import (
    FacetValue,
    SearchContext,
    provided_facets,
    providers,
    result_types,
    type_of,
)


def facet_values(page: Page) -> set[tuple[str, str]]:
    result_type = type_of(type(page))
    if result_type is None:
        return set()
    values = {("type", result_type.slug)}
    for provider in providers():
        values |= set(provider.stored_values(page, result_type))
    return values


def update_page_facets(pages: Iterable[Page]) -> int:
    """Replace the stored facet values of ``pages`` (specific instances)."""
    pages = list(pages)
    rows = [
        PageFacet(page_id=page.pk, facet=facet, value=value[:255])
        for page in pages
        for facet, value in facet_values(page)
    ]
    with transaction.atomic():
        PageFacet.objects.filter(page_id__in=[page.pk for page in pages]).delete()
        PageFacet.objects.bulk_create(rows)
    return len(rows)


def rebuild_all_facets(chunk: int = 500) -> int:
    """Every searchable page's facet values, from scratch."""
    count = 0
    for result_type in result_types():
        ids = list(result_type.model.objects.values_list("pk", flat=True))
        for start in range(0, len(ids), chunk):
            count += update_page_facets(result_type.model.objects.filter(pk__in=ids[start : start + chunk]))
    return count


def _page_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw and type_of(sender) is not None:
        update_page_facets([instance])


def connect() -> None:
    """Keep PageFacet in step with saved pages (``SearchConfig.ready()``)."""
    post_save.connect(_page_saved, dispatch_uid="search-page-facets")


def facet_counts(counters: dict[str, Counter], context: SearchContext) -> dict[str, list[FacetValue]]:
    """The facet values to show, in facet order, labelled in the reader's language by
    their providers (which name only what a reader may see)."""
    counters = defaultdict(Counter, counters)
    type_counts = counters["type"]
    shown = {
        "type": [
            FacetValue(t.slug, str(t.label).capitalize(), type_counts[t.slug])
            for t in result_types()
            if type_counts[t.slug]
        ]
    }
    for provider, facet in provided_facets():
        shown[facet.name] = provider.labelled(facet.name, counters[facet.name], context)
    return shown
