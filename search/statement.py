"""The one statement of a search: the ranked matches numbered once, and from that same set
the page shown, the total, the facet counts and the shown results' card values."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet, Window
from django.db.models.functions import RowNumber

from .backends.base import fetch_planned
from .models import PageFacet
from .registry import FACET_NAME_RE

CARD = "card:"


@dataclass
class Matches:
    """One statement's answer: the total, the facet counters and the page shown."""

    total: int = 0
    counters: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    shown: list[tuple[int, int]] = field(default_factory=list)  # (page id, content type id)
    # page id -> card facet -> its stored values
    cards: dict[int, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )


def match_page(
    ordered: QuerySet,
    start: int,
    size: int,
    through: dict[str, tuple[str, dict[str, str]]] | None = None,
    *,
    card_facets: tuple[str, ...] = (),
    with_facets: bool = True,
) -> Matches:
    """The pages ``start`` to ``start + size`` of the ordered (ranked) matches with the
    values of their ``card_facets``, how many match, and per facet how many of them have
    each value, in one statement.

    The matches are found (and ranked) once and numbered; the total and the stored facet
    values (``search.facets``) are counted from that same set, so the page costs one
    pass over the index, as the bare ranked query does. A facet in ``through`` (name ->
    the facet it is counted through, and each of that facet's values mapped to its own)
    is counted through the mapping, never from its stored values: a municipality counts
    only pages of the clusters a reader may see. Facet names are registered identifiers
    (``search.registry``), so they are written into the statement as they are."""
    through = through or {}
    names = [*through, *(source for source, _mapping in through.values()), *card_facets]
    if not all(FACET_NAME_RE.match(name) for name in names):
        raise ValueError(f"Not facet names: {names}")
    numbered = ordered.annotate(
        _position_=Window(RowNumber(), order_by=list(ordered.query.order_by))
    ).order_by()
    sql, params = numbered.values_list("pk", "content_type_id", "_position_").query.sql_with_params()
    params = list(params)
    mapped = {name: pair for name, pair in through.items() if pair[1]} if with_facets else {}
    statement = f"WITH matches(id, content_type_id, position) AS ({sql})"
    for name, (_source, mapping) in mapped.items():
        statement += (
            f", through_{name}(source, value) AS (VALUES " + ", ".join(["(%s, %s)"] * len(mapping)) + ")"
        )
        params += [value for row in mapping.items() for value in row]
    table = PageFacet._meta.db_table
    statement += (
        " SELECT '', '', COUNT(DISTINCT id), 0 FROM matches"
        " UNION ALL SELECT 'result', CAST(content_type_id AS TEXT), id, position FROM matches"
        " WHERE position > %s AND position <= %s"
    )
    params += [start, start + size]
    for name in card_facets:
        statement += (
            # Names are checked identifiers (above), values are parameters.
            f" UNION ALL SELECT '{CARD}{name}', value, page_id, 0 FROM {table} JOIN matches ON matches.id = page_id"  # noqa: S608
            f" WHERE facet = '{name}' AND position > %s AND position <= %s"
        )
        params += [start, start + size]
    if with_facets:
        counted = (
            " WHERE facet NOT IN (" + ", ".join(f"'{name}'" for name in through) + ")" if through else ""
        )
        statement += (
            f" UNION ALL SELECT facet, value, COUNT(*), 0 FROM {table} JOIN matches ON matches.id = page_id"  # noqa: S608
            f"{counted} GROUP BY facet, value"
        )
    for name, (source, _mapping) in mapped.items():
        statement += (
            f" UNION ALL SELECT '{name}', through_{name}.value, COUNT(DISTINCT page_id), 0 FROM {table}"  # noqa: S608
            f" JOIN matches ON matches.id = page_id JOIN through_{name} ON {table}.value = through_{name}.source"
            f" WHERE facet = '{source}' GROUP BY through_{name}.value"
        )
    matches, shown = Matches(), []
    for facet, value, count, position in fetch_planned(statement, params, ordered.db):
        if facet == "result":
            shown.append((position, count, int(value)))
        elif facet.startswith(CARD):
            matches.cards[count][facet.removeprefix(CARD)].append(value)
        elif facet:
            matches.counters[facet][value] = count
        else:
            matches.total = count
    matches.shown = [(page_id, content_type_id) for _position, page_id, content_type_id in sorted(shown)]
    return matches
