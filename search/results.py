"""The shown results loaded: each page as its own type, with what its card shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from .registry import ResultType, SearchContext, provided_facets, type_of
from .snippets import snippet_for
from .statement import Matches


@dataclass
class Result:
    page: Page
    result_type: ResultType
    snippet: str = ""
    date: object = None
    # What the card names beside the date (a story's clusters), only what a reader may see.
    labels: list[str] = field(default_factory=list)


def _load_joined(joined: dict[type, str], model_of: dict[int, type]) -> dict[int, Page]:
    """Pages of types that extend Page directly, in one query: each page with its own
    type's row joined (``select_related`` of the child tables), plus what its type asks
    to load with it (``ResultType.select_related`` and ``annotations``)."""
    queryset = Page.objects.filter(
        pk__in=[pk for pk, model in model_of.items() if model in joined]
    ).order_by()
    related = list(joined.values())
    annotated: dict[type, list[str]] = {}
    for model, name in joined.items():
        result_type = type_of(model)
        related += [f"{name}__{path}" for path in result_type.select_related]
        if result_type.annotations:
            expressions = result_type.annotations(f"{name}__")
            queryset = queryset.annotate(**{f"{name}_{key}": value for key, value in expressions.items()})
            annotated[model] = list(expressions)
    loaded = {}
    for page in queryset.select_related(*related):
        name = joined[model_of[page.pk]]
        specific = getattr(page, name)
        for key in annotated.get(model_of[page.pk], ()):
            setattr(specific, key, getattr(page, f"{name}_{key}"))
        loaded[page.pk] = specific
    return loaded


def _load_own(model: type, pks: list[int]) -> dict[int, Page]:
    """Pages of a type further down the tree, in a query of its own."""
    result_type = type_of(model)
    queryset = model.objects.filter(pk__in=pks).select_related(*result_type.select_related)
    if result_type.annotations:
        queryset = queryset.annotate(**result_type.annotations(""))
    return queryset.in_bulk()


def load_results(matches: Matches, stems: list[str], context: SearchContext) -> list[Result]:
    """Specific pages for one results page, in order, with their snippets and cards."""
    model_of = {
        page_id: ContentType.objects.get_for_id(content_type_id).model_class()
        for page_id, content_type_id in matches.shown
    }
    models = set(model_of.values())
    joined = {model: model._meta.model_name for model in models if model._meta.get_parent_list() == [Page]}
    loaded = _load_joined(joined, model_of) if joined else {}
    for model in models - set(joined):
        loaded.update(_load_own(model, [pk for pk, m in model_of.items() if m is model]))
    # The card names values from the stored facets, through what a reader may see.
    card_facets = [(provider, facet.name) for provider, facet in provided_facets() if facet.card]
    results = []
    for page_id, _ in matches.shown:
        specific = loaded.get(page_id)
        if specific is None:
            continue
        result_type = type_of(type(specific))
        values = matches.cards.get(page_id, {})
        labels = [
            label
            for provider, name in card_facets
            for label in provider.card_labels(name, values.get(name, []), result_type, context)
        ]
        results.append(
            Result(
                page=specific,
                result_type=result_type,
                snippet=snippet_for(specific, stems, context),
                date=getattr(specific, result_type.date) if result_type.date else None,
                labels=labels,
            )
        )
    return results
