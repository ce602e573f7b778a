"""The size of the search index on PostgreSQL, with and without the compound parts.

The parts are the lexemes of weights B and D (``search.backends.postgres.COLUMNS``), so
the index as it would be without decompounding is the same vectors with only weights A
and C (``ts_filter``). Both are copied, with GIN indexes on ``title`` and on ``body`` as
the real table has (migration ``hubsearch.0004``), into temporary tables built the same
way, so the two compare like for like (a GIN index that grew with every save is larger
than a fresh one).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from modelsearch.conf import get_app_config


@dataclass
class IndexSize:
    vectors: int  # bytes of the title and body vectors
    gin: int  # bytes of the GIN indexes on title and on body

    @property
    def total(self) -> int:
        return self.vectors + self.gin


def _copy_size(cursor, name: str, title: str, body: str, table: str) -> IndexSize:
    cursor.execute(
        f"CREATE TEMPORARY TABLE {name} ON COMMIT DROP AS SELECT {title} AS title, {body} AS body FROM {table}"  # noqa: S608 - fixed names and expressions
    )
    cursor.execute(f"CREATE INDEX {name}_title ON {name} USING gin (title)")
    cursor.execute(f"CREATE INDEX {name}_body ON {name} USING gin (body)")
    cursor.execute(
        "SELECT COALESCE(SUM(pg_column_size(title) + pg_column_size(body)), 0),"  # noqa: S608 - fixed names
        f" pg_relation_size('{name}_title') + pg_relation_size('{name}_body') FROM {name}"
    )
    size = IndexSize(*cursor.fetchone())
    cursor.execute(f"DROP TABLE {name}")
    return size


def index_sizes() -> tuple[IndexSize, IndexSize]:
    """(with the compound parts, as indexed; without them), on PostgreSQL, inside a
    transaction (the copies are temporary)."""
    table = get_app_config().get_model("IndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        with_parts = _copy_size(cursor, "hub_index_with_parts", "title", "body", table)
        without_parts = _copy_size(
            cursor, "hub_index_without_parts", "ts_filter(title, '{a}')", "ts_filter(body, '{a,c}')", table
        )
    return with_parts, without_parts


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
