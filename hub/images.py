"""Listing cards' images in a fixed number of queries, however many cards there are."""

from __future__ import annotations

from django.db.models import Prefetch
from wagtail.images import get_image_model

# The rendition every card uses (templates/includes/*_card.html).
CARD_RENDITION = "fill-640x360"


def card_image(field: str = "lead_image", *filter_specs: str) -> Prefetch:
    """Prefetch ``field`` (an image foreign key) with its card renditions: two queries for
    the whole listing instead of an image and a rendition lookup per card."""
    specs = filter_specs or (CARD_RENDITION,)
    return Prefetch(field, queryset=get_image_model().objects.prefetch_renditions(*specs))
