"""Content written with real commits, for the tests that need it, and the database put back.

wagtail-localize publishes translations when the transaction commits, so the demo loader
cannot run inside the usual test transaction. The database is saved before and restored
after, the way Django's ``serialized_rollback`` does it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection


@contextmanager
def committed(django_db_blocker) -> Iterator[None]:
    """Inside: the database may be written and committed; after: as it was before.

    Only ever on a test database: pytest-django sets one up only when a test of the run
    asks for ``db``, so a module fixture alone would reach the real database."""
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        if not (name.startswith("test_") or "memory" in name):
            raise RuntimeError(f"Not a test database: {name}. Ask for the db fixture in the test.")
        baseline = connection.creation.serialize_db_to_string()
        try:
            cache.clear()
            yield
        finally:
            call_command(
                "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
            )
            connection.creation.deserialize_db_from_string(baseline)
            ContentType.objects.clear_cache()
            cache.clear()
