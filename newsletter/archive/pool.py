"""Rendering in parallel: forked copies of this process, each with its own database
connection, answering items in the order given, so the archive is byte for byte what a
single process writes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable

from django.db import connections

from ..conf import setting

# What a forked process calls: set before the fork, so each child inherits it (with the
# crawl's state it reads) instead of receiving it pickled.
_INHERITED: Callable | None = None


def _forget_inherited_connections() -> None:
    """In a new child: drop every database connection it inherited, without closing it.

    ``close_all()`` before the fork closes the connections the forking context sees, yet
    under Playwright's event loop (the browser tests on PostgreSQL) every child was found
    holding one open connection the parent's context did not show: two processes on one
    socket read each other's rows. Closing it here would end the parent's session too, so
    the child forgets it and opens its own.
    """
    for connection in connections.all():
        connection.connection = None


def _call_inherited(item):
    return _INHERITED(item)


def render_processes() -> int:
    """How many processes render pages: ``ARCHIVE_RENDER_PROCESSES``, else one per core.

    Forking needs every database connection to see committed data from its own
    connection: not inside a transaction (a test's, say) and not an in-memory SQLite
    database, which a child process cannot open. Then the work stays in one process.
    """
    wanted = setting("ARCHIVE_RENDER_PROCESSES") or os.cpu_count() or 1
    if wanted <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            return 1
    for alias in connections:
        connection = connections[alias]
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            return 1
    return int(wanted)


class ForkPool:
    """``with ForkPool(function) as run:`` ``run(items)`` yields ``function(item)`` for each
    item, in the order given: in forked processes where that is safe, else in this one.
    The children are forked on entering, so ``function`` sees what existed then."""

    def __init__(self, function: Callable):
        self.function = function
        self.pool = None

    def __enter__(self):
        global _INHERITED
        processes = render_processes()
        if processes > 1:
            connections.close_all()  # each child opens its own
            _INHERITED = self.function
            self.pool = multiprocessing.get_context("fork").Pool(
                processes, initializer=_forget_inherited_connections
            )
        return self

    def __call__(self, items: list) -> Iterable:
        if self.pool is None or len(items) < 2:
            return (self.function(item) for item in items)
        return self.pool.imap(_call_inherited, items, chunksize=4)

    def __exit__(self, *exc):
        global _INHERITED
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
        _INHERITED = None
        return False
