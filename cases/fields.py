"""Field and panel helpers for pages that point at clusters (stories here, posts in the blog)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from hub.models import in_default_locale


def clusters_field() -> ParentalManyToManyField:
    """No reverse accessor: ClusterPage's own methods find its stories and posts in the
    reader's language (a reverse accessor would shadow them, and mix languages)."""
    return ParentalManyToManyField(
        "cases.ClusterPage",
        blank=True,
        related_name="+",
        limit_choices_to=in_default_locale,
        verbose_name=_("clusters"),
    )


def categorisation_panel(*extra: str) -> MultiFieldPanel:
    """Clusters and focus areas as checkboxes (canonical objects only), plus extras."""
    return MultiFieldPanel(
        [
            FieldPanel("clusters", widget=forms.CheckboxSelectMultiple),
            FieldPanel("focus_areas", widget=forms.CheckboxSelectMultiple),
            *(FieldPanel(name) for name in extra),
        ],
        heading=_("Clusters, focus areas and themes"),
    )
