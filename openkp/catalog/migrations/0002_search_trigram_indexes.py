"""Trigram indexes for the Czech-aware search (PostgreSQL only; SQLite scans, which is fine at its scale).

The search filters with LIKE '% form%' on the normalised token columns; pg_trgm GIN indexes answer
such patterns without a full scan.
"""

from django.db import migrations

INDEXES = {
    "catalog_service_search_text_trgm": "search_text",
    "catalog_service_search_name_trgm": "search_name",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON catalog_service USING gin ({column} gin_trgm_ops)")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
