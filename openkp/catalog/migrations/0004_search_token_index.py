"""An inverted index of the search tokens (see text_index.py): SQLite FTS5 or PostgreSQL GIN, per vendor.

SQLite: an external-content FTS5 table over ``catalog_service`` (rowid = service id) and triggers that
keep it current. Django rebuilds an SQLite table (create, copy, drop, rename) for some column changes,
which drops the triggers: a later migration that alters ``catalog_service`` on SQLite must run
``create_sqlite_index`` again (``test_search_index`` fails otherwise). Without FTS5 in the SQLite
library nothing is created and the search keeps its LIKE condition.
"""

import string

from django.db import OperationalError, migrations

FTS_TABLE = "catalog_service_fts"
TOKEN_FUNCTION = "catalog_search_tokens"
MAX_TOKEN_LENGTH = 500
POSTGRES_INDEXES = {"catalog_service_search_text_tokens": "search_text", "catalog_service_search_name_tokens": "search_name"}


def _sql_string(value):
    return "'" + value.replace("'", "''") + "'"


def _sqlite_statements():
    # Tokens end only at spaces: every ASCII punctuation character is a token character.
    tokenizer = "ascii tokenchars " + _sql_string(string.punctuation)
    values = "new.id, new.search_text, new.search_name"
    delete = (f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text, search_name) "
              f"VALUES ('delete', old.id, old.search_text, old.search_name);")
    insert = f"INSERT INTO {FTS_TABLE}(rowid, search_text, search_name) VALUES ({values});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(search_text, search_name, content='catalog_service', "
        f"content_rowid='id', tokenize={_sql_string(tokenizer)})",
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON catalog_service BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON catalog_service BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE OF id, search_text, search_name ON catalog_service "
        f"BEGIN {delete} {insert} END",
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    ]


def create_sqlite_index(schema_editor):
    try:
        schema_editor.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
    except OperationalError:
        return  # no FTS5 in this SQLite library: the search keeps its LIKE condition
    schema_editor.execute("DROP TABLE temp.fts5_probe")
    for statement in _sqlite_statements():
        schema_editor.execute(statement)


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        create_sqlite_index(schema_editor)
    elif vendor == "postgresql":
        # The column's space-delimited tokens verbatim (no parser, no dictionary), cut to fit a lexeme.
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {TOKEN_FUNCTION}(text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$"
            f" SELECT array_to_tsvector(coalesce(array_agg(DISTINCT left(token, {MAX_TOKEN_LENGTH})), '{{}}'))"
            " FROM unnest(string_to_array($1, ' ')) AS token WHERE token <> '' $$"
        )
        for name, column in POSTGRES_INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON catalog_service USING gin ({TOKEN_FUNCTION}({column}))")


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for trigger in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{trigger}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        for name in POSTGRES_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {TOKEN_FUNCTION}(text)")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_service_freshness_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
