"""Text analysed by the hub's backend before its index is written.

Wagtail's database backend hands text to the database as it is: PostgreSQL then stems it
with the configuration the backend chooses per object, but SQLite FTS5 does not stem at
all, and neither splits compounds. So while the hub's index writes objects, each
object's plain ``SearchField``s (also inside ``RelatedFields``) and ``AutocompleteField``s
return their text run through ``search.analysis`` in the language of the object they are
read from. Models declare plain Wagtail search fields and know nothing of this;
Elasticsearch analyses text itself and gets it unchanged.

Each field has a role in the ranking (``role_of``): the title, a summary (a field that
says in short what the page is about: ``SUMMARY_FIELDS``, or any field with a boost
above 1, Wagtail's way to say a field matters more), or the body (everything else: the
body, a report's PDF text). Backends keep the role, and whether a word stands in the text
itself or only inside a compound, with each indexed word (``search.backends.ranking``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from functools import cache, partial

from modelsearch import index
from modelsearch.utils import get_content_type_pk

from ..analysis import Analysis, analyse, autocomplete_terms, compound_parts, flatten, language_of

# Fields (or RelatedFields) that say in short what a page is about.
SUMMARY_FIELDS = frozenset(
    {
        "search_description",
        "intro",
        "summary",
        "description",
        "villages",
        "municipality",
        "themes",
        "tags",
    }
)


class Role(enum.Enum):
    TITLE = "title"
    SUMMARY = "summary"
    BODY = "body"


def role_of(field: index.SearchField | index.RelatedFields) -> Role:
    if field.field_name == "title":
        return Role.TITLE
    boost = getattr(field, "boost", None) or 0
    if field.field_name in SUMMARY_FIELDS or boost > 1:
        return Role.SUMMARY
    return Role.BODY


# (analysis of a field's text, the field's role) -> the text as the index stores it
Writer = Callable[[Analysis, Role], object]


def analysis_and_role(analysis: Analysis, role: Role) -> tuple[Analysis, Role]:
    """A writer that keeps the analysis itself, for a backend that writes it its own way."""
    return analysis, role


def analysed(obj) -> Iterator[tuple[index.SearchField | index.AutocompleteField, object]]:
    """Each analysed field of ``obj`` with its value: ``(analysis, role)`` for a search
    field, the text for an autocomplete field."""
    return field_values(obj, analysed_fields(type(obj), analysis_and_role))


def focus(obj) -> float:
    """How short the object's indexed text is, for ranking ties (the shorter first): 1 /
    (1 + its words and compound parts). Kept in the index entry's ``title_norm``."""
    length = sum(
        len(value[0].words) + len(value[0].parts)
        for _field, value in analysed(obj)
        if isinstance(value, tuple)
    )
    return 1.0 / (1 + length)


def autocomplete_text(text: str, language: str) -> str:
    """A title as suggestions match it: normalised words and the parts of its compounds,
    so the word being typed finds "Landsbyklyngen Mols" from "klyng" as from "lands"."""
    found = autocomplete_terms(text, language)
    parts = [part for word in found for part in compound_parts(word, language)]
    return " ".join(found + parts)


class AnalysedSearchField(index.SearchField):
    def __init__(self, field: index.SearchField, writer: Writer, role: Role):
        super().__init__(field.field_name, boost=field.boost, **field.kwargs)
        self.field, self.writer, self.role = field, writer, role

    def get_value(self, obj):
        return self.writer(analyse(flatten(self.field.get_value(obj)), language_of(obj)), self.role)


class AnalysedAutocompleteField(index.AutocompleteField):
    def __init__(self, field: index.AutocompleteField):
        super().__init__(field.field_name, **field.kwargs)
        self.field = field

    def get_value(self, obj):
        return autocomplete_text(flatten(self.field.get_value(obj)), language_of(obj))


def analyse_fields(fields, writer: Writer, role: Role | None = None) -> list:
    """``fields`` with every plain ``SearchField`` and ``AutocompleteField`` analysed, at
    any depth; fields inside ``RelatedFields`` take the role of the relation."""
    analysed = []
    for field in fields:
        if type(field) is index.SearchField:
            field = AnalysedSearchField(field, writer, role or role_of(field))
        elif type(field) is index.AutocompleteField:
            field = AnalysedAutocompleteField(field)
        elif isinstance(field, index.RelatedFields):
            field = index.RelatedFields(
                field.field_name, analyse_fields(field.fields, writer, role or role_of(field))
            )
        analysed.append(field)
    return analysed


@cache
def analysed_fields(model: type, writer: Writer) -> list:
    return analyse_fields(model.get_search_fields(), writer)


def field_values(obj, fields) -> Iterator[tuple[index.SearchField | index.AutocompleteField, object]]:
    """Each (analysed) field of ``obj`` with its value, those inside ``RelatedFields`` once
    per related object."""
    for field in fields:
        if isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            objects = (
                related.all() if hasattr(related, "all") else [related() if callable(related) else related]
            )
            for item in objects:
                yield from field_values(item, field.fields)
        elif isinstance(field, index.SearchField | index.AutocompleteField):
            yield field, field.get_value(obj)


class AnalysingIndexMixin:
    """An index whose objects' text is analysed as it is written (``writer``, a
    staticmethod): modelsearch's indexer reads an object's fields from
    ``obj.get_search_fields()``, which answers with the analysed fields while the
    objects are written. Each entry's ``title_norm`` then holds its ``focus``."""

    writer: Writer

    def add_items(self, model, objs):
        objs = list(objs)
        for obj in objs:
            obj.get_search_fields = partial(analysed_fields, type(obj), self.writer)
        try:
            super().add_items(model, objs)
        finally:
            for obj in objs:
                del obj.get_search_fields
        content_type = get_content_type_pk(model)
        for obj in objs:
            self.entries.filter(content_type_id=content_type, object_id=str(obj.pk)).update(
                title_norm=focus(obj)
            )

    def _refresh_title_norms(self, full=False):
        """Not modelsearch's title lengths: ``title_norm`` holds the ``focus``."""
