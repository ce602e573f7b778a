"""The search page's query string, validated: unknown values are dropped and named."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from .query import Filters
from .registry import provided_facets, result_types


@dataclass(frozen=True)
class FilterOption:
    """One choice of a search filter, with how many of the results have it (when counted)."""

    value: str
    label: str
    count: int | None
    selected: bool


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    type = forms.ChoiceField(required=False, label=_("Content type"))
    order = forms.ChoiceField(
        required=False,
        choices=[("relevance", _("Most relevant")), ("newest", _("Newest first"))],
        label=_("Order"),
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def __init__(self, data, *, locale, **kwargs):
        super().__init__(data, **kwargs)
        blank = [("", _("All"))]
        self.fields["type"].choices = blank + [(t.slug, t.label) for t in result_types()]
        # One filter per registered facet, offering only values a reader may see.
        self.facet_names = []
        for provider, facet in provided_facets():
            self.fields[facet.name] = forms.TypedChoiceField(
                required=False,
                coerce=facet.coerce,
                empty_value=None,
                label=facet.label,
                choices=blank + provider.choices(facet.name, locale),
            )
            self.facet_names.append(facet.name)
        self.order_fields(["q", "type", *self.facet_names, "order", "page"])

    @property
    def ignored(self) -> list[str]:
        """Parameters whose values were not understood, so the search ran without them."""
        return sorted(self.errors)

    def filters(self) -> Filters:
        self.is_valid()
        data = self.cleaned_data
        return Filters(**{name: data.get(name) for name in ("type", *self.facet_names)})

    def filter_options(self, facets: dict | None) -> list[tuple[forms.BoundField, list[FilterOption]]]:
        """The page's one filter system: each filter with its choices and their counts among
        the results (``facets``); where counts are known, only the values the results have
        are offered (and the chosen one), so no choice leads to an empty page."""
        self.is_valid()
        fields = []
        for name in ("type", *self.facet_names):
            field = self[name]
            current = "" if name in self.errors else str(field.value() or "")
            counts = {str(value.value): value.count for value in (facets or {}).get(name, [])}
            options = [
                FilterOption(str(value), str(label), counts.get(str(value)), str(value) == current)
                for value, label in field.field.choices
                if not counts or str(value) in counts or str(value) in ("", current)
            ]
            fields.append((field, options))
        return fields
