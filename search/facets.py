"""Each searchable page's facet values, stored in ``PageFacet`` for fast counting."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Page

from .models import PageFacet


def _value_at(obj, path: str):
    """Follow ``a__b`` on an instance (``date__year`` -> obj.date.year)."""
    for name in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def facet_values(page: Page) -> set[tuple[str, str]]:
    from .services import TYPES_BY_MODEL

    result_type = TYPES_BY_MODEL.get(type(page))
    if result_type is None:
        return set()
    values = {("type", result_type.slug)}
    if result_type.focus_areas:
        values |= {("focus_area", area.slug) for area in getattr(page, result_type.focus_areas).all()}
    if result_type.clusters == "self":
        clusters = [page]
    elif result_type.clusters and hasattr(getattr(page, result_type.clusters, None), "all"):
        clusters = list(getattr(page, result_type.clusters).all())
    elif result_type.clusters:
        clusters = [cluster for cluster in [getattr(page, result_type.clusters)] if cluster]
    else:
        clusters = []
    values |= {("cluster", str(cluster.translation_key)) for cluster in clusters}
    values |= {("municipality", cluster.municipality) for cluster in clusters if cluster.municipality}
    year = _value_at(page, result_type.year) if result_type.year else None
    if year:
        values.add(("year", str(year)))
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
    from .services import RESULT_TYPES

    count = 0
    for result_type in RESULT_TYPES:
        ids = list(result_type.model.objects.values_list("pk", flat=True))
        for start in range(0, len(ids), chunk):
            count += update_page_facets(result_type.model.objects.filter(pk__in=ids[start : start + chunk]))
    return count


def _page_saved(sender, instance, raw=False, **kwargs) -> None:
    from .services import TYPES_BY_MODEL

    if not raw and sender in TYPES_BY_MODEL:
        update_page_facets([instance])


post_save.connect(_page_saved, dispatch_uid="search-page-facets")
