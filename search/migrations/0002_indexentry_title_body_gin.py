"""A GIN index on the expression Wagtail's PostgreSQL backend filters on.

The backend matches ``(title || body) @@ tsquery``, which none of the shipped indexes
serves, so every search scanned the whole index table. PostgreSQL only; a no-op elsewhere.
"""

from django.db import migrations

INDEX_NAME = "hub_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("hubsearch", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
