"""Assigning what the demo wants to what is stored, saying whether anything differed:
the loader saves, publishes and re-translates only what did."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import Page


def assign(obj, wanted: dict) -> bool:
    """Assign the wanted values; True when anything differed. ``body`` is raw StreamField
    data, compared as JSON."""
    changed = False
    for name, value in wanted.items():
        if name == "body":
            current = (
                json.loads(json.dumps(list(obj.body.raw_data), cls=DjangoJSONEncoder)) if obj.pk else None
            )
            if current != value:
                obj.body = json.dumps(value)
                changed = True
            continue
        if getattr(obj, name, None) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def assign_relations(page: Page, focus_areas: list, clusters: list, tags: tuple[str, ...]) -> bool:
    """The page's focus areas, clusters and tags (or themes), where its type has them.

    A new page (no pk yet) gets them all and is not counted as changed."""
    changed = False
    for name, wanted in (("focus_areas", focus_areas), ("clusters", clusters)):
        if hasattr(page, name):
            current = {item.pk for item in getattr(page, name).all()} if page.pk else set()
            if current != {item.pk for item in wanted} or not page.pk:
                setattr(page, name, wanted)
                changed = changed or bool(page.pk)
    tag_field = "themes" if hasattr(page, "themes") else "tags" if hasattr(page, "tags") else None
    if tag_field:
        manager = getattr(page, tag_field)
        current = set(manager.names()) if page.pk else set()
        if current != set(tags):
            manager.clear()
            if tags:
                manager.add(*tags)
            changed = changed or bool(page.pk)
    return changed
