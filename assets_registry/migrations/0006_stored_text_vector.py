"""PostgreSQL: each space's text search vector stored in a column, with its own GIN index.

Migration 0002's index is on the expression ``to_tsvector(...)``, so every row PostgreSQL has
to check again (a lossy bitmap page, a sequential scan stopping at a LIMIT, an index walk in
another order) recomputes the vector from the text: about 35 µs a row, 1-25 s for a common word
over a million spaces (docs/benchmarks.md, bench.search). A generated column is computed once
per write and read back as it is. Migration 0005's (cell, word) index keeps its own expression.
SQLite has its FTS5 table instead: nothing to do there.
"""

from importlib import import_module

from django.db import migrations

near_index = import_module("assets_registry.migrations.0005_near_text_index")

TABLE = near_index.TABLE
POSTGRES_FORWARD = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS text_vector tsvector"
    f" GENERATED ALWAYS AS ({near_index.TEXT_VECTOR}) STORED",
    f"CREATE INDEX IF NOT EXISTS asset_text_vector_gin ON {TABLE} USING gin (text_vector)",
    f"ANALYZE {TABLE}",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS asset_text_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS text_vector",
]


class Migration(migrations.Migration):
    dependencies = [("assets_registry", "0005_near_text_index")]

    operations = [
        migrations.RunPython(
            near_index.run({"postgresql": POSTGRES_FORWARD}),
            near_index.run({"postgresql": POSTGRES_BACKWARD}),
        )
    ]
