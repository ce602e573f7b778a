"""Wagtail's database search backend, taught Danish and English.

Configure one alias per reader language (``LANGUAGE``); they share the one index table,
so only the default alias writes to it (``AUTO_UPDATE`` off on the others).

- PostgreSQL: each object is indexed with the text search configuration of its own
  language (``danish`` or ``english``); each query uses its alias's language.
- SQLite FTS5: text is stemmed in Python before it is indexed and queries are stemmed the
  same way.

Both analyse text with ``search.analysis`` before it is written (``indexing``: stop words,
compound parts), so models declare plain Wagtail search fields; a query word matches its
exact stem, and a compound through its parts. Both rank as ``ranking`` says. This module
only picks the backend; what the two share is in ``base``.
"""

from __future__ import annotations

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackendFactory


def SearchBackend(params):
    """Pick the hub's backend for the default database, as Wagtail's own factory does."""
    if connection.vendor == "postgresql":
        from .postgres import HubPostgresSearchBackend

        return HubPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            from .sqlite import HubSQLiteSearchBackend

            return HubSQLiteSearchBackend(params)
    return DatabaseSearchBackendFactory(params)
