"""The search page's query string, validated: unknown values are dropped and named."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.listing import focus_area_choices

from .services import RESULT_TYPES, Filters, visible_clusters


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    type = forms.ChoiceField(required=False, label=_("Content type"))
    focus_area = forms.ChoiceField(required=False, label=_("Focus area"))
    cluster = forms.ChoiceField(required=False, label=_("Cluster"))
    municipality = forms.ChoiceField(required=False, label=_("Municipality"))
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label=_("Year"))
    order = forms.ChoiceField(
        required=False,
        choices=[("relevance", _("Most relevant")), ("newest", _("Newest first"))],
        label=_("Order"),
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def __init__(self, data, *, locale, **kwargs):
        super().__init__(data, **kwargs)
        blank = [("", _("All"))]
        self.fields["type"].choices = blank + [(t.slug, t.model._meta.verbose_name) for t in RESULT_TYPES]
        self.fields["focus_area"].choices = blank + focus_area_choices(locale)
        # The clusters the facets and filters use: only those a reader may see.
        clusters = sorted(visible_clusters(locale).values(), key=lambda cluster: cluster.title)
        self.fields["cluster"].choices = blank + [(cluster.slug, cluster.title) for cluster in clusters]
        municipalities = sorted({cluster.municipality for cluster in clusters if cluster.municipality})
        self.fields["municipality"].choices = blank + [(name, name) for name in municipalities]
        self.fields["year"].choices = blank + [
            (str(year), str(year)) for year in range(timezone.now().year + 1, 1999, -1)
        ]

    @property
    def ignored(self) -> list[str]:
        """Parameters whose values were not understood, so the search ran without them."""
        return sorted(self.errors)

    def filters(self) -> Filters:
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            type=data.get("type") or "",
            focus_area=data.get("focus_area") or "",
            cluster=data.get("cluster") or "",
            municipality=data.get("municipality") or "",
            year=data.get("year"),
        )
