"""Text analysed by the hub's backend before its index is written.

Wagtail's database backend hands text to the database as it is: PostgreSQL then stems it
with the configuration the backend chooses per object, but SQLite FTS5 does not stem at
all. So while the hub's index writes objects, each object's plain ``SearchField``s (also
inside ``RelatedFields``) return their text run through ``search.analysis`` in the
language of the object they are read from. Models declare plain Wagtail search fields and
know nothing of this; autocomplete and filter fields are left as they are; Elasticsearch
analyses text itself and gets it unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial

from modelsearch import index

from ..analysis import flatten, language_of

# (text, language) -> the text as the index stores it
Analyser = Callable[[str, str], str]


class AnalysedSearchField(index.SearchField):
    def __init__(self, field: index.SearchField, analyser: Analyser):
        super().__init__(field.field_name, boost=field.boost, **field.kwargs)
        self.field, self.analyser = field, analyser

    def get_value(self, obj):
        return self.analyser(flatten(self.field.get_value(obj)), language_of(obj))


def analyse_fields(fields, analyser: Analyser) -> list:
    """``fields`` with every plain ``SearchField`` analysed, at any depth."""
    analysed = []
    for field in fields:
        if type(field) is index.SearchField:
            field = AnalysedSearchField(field, analyser)
        elif isinstance(field, index.RelatedFields):
            field = index.RelatedFields(field.field_name, analyse_fields(field.fields, analyser))
        analysed.append(field)
    return analysed


@cache
def analysed_fields(model: type, analyser: Analyser) -> list:
    return analyse_fields(model.get_search_fields(), analyser)


class AnalysingIndexMixin:
    """An index whose objects' text is analysed (``analyser``, a staticmethod) as it is
    written: modelsearch's indexer reads an object's fields from
    ``obj.get_search_fields()``, which answers with the analysed fields while the
    objects are written."""

    analyser: Analyser

    def add_items(self, model, objs):
        objs = list(objs)
        for obj in objs:
            obj.get_search_fields = partial(analysed_fields, type(obj), self.analyser)
        try:
            super().add_items(model, objs)
        finally:
            for obj in objs:
                del obj.get_search_fields
