"""Search fields that index text the way the hub's engine reads it.

Wagtail's database backend hands text to the database as it is: PostgreSQL then stems it
with the configuration the backend chooses per object (see ``search.backends``), but
SQLite FTS5 does not stem at all. ``TextField`` runs the hub's analysis first, so the
embedded default searches Danish as Danish. Elasticsearch analyses text itself, so it
gets the text unchanged.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.utils.encoding import force_str
from modelsearch import index

from .analysis import analyse, language_of, normalize


@lru_cache(maxsize=1)
def indexing_mode() -> str:
    """'stem' (SQLite: Python stems), 'normalize' (PostgreSQL stems) or 'raw' (other engines)."""
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    if backend != "search.backends":
        return "raw"
    return "normalize" if connection.vendor == "postgresql" else "stem"


def flatten(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(flatten(item) for item in value.values())
    if isinstance(value, list | tuple):
        return " ".join(flatten(item) for item in value)
    return force_str(value)


class TextField(index.SearchField):
    def get_value(self, obj):
        value = super().get_value(obj)
        mode = indexing_mode()
        if mode == "raw":
            return value
        text, language = flatten(value), language_of(obj)
        return analyse(text, language) if mode == "stem" else normalize(text, language)


def localized_search_fields(*fields) -> list:
    """``fields`` with every plain SearchField turned into a ``TextField``."""
    converted = []
    for field in fields:
        if type(field) is index.SearchField:
            field = TextField(field.field_name, boost=field.boost, **field.kwargs)
        elif isinstance(field, index.RelatedFields):
            field = index.RelatedFields(field.field_name, localized_search_fields(*field.fields))
        converted.append(field)
    return converted
