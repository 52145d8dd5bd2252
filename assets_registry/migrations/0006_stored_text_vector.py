"""PostgreSQL: each space's text search vector stored in a column, with its own GIN index.

Migration 0002's index is on the expression ``to_tsvector(...)``, so every row PostgreSQL has
to check again (a lossy bitmap page, a sequential scan stopping at a LIMIT, an index walk in
another order) recomputes the vector from the text: about 35 µs a row, 1-25 s for a common word
over a million spaces (docs/benchmarks.md, bench.search). A generated column is computed once
per write and read back as it is. Migration 0005's (cell, word) index keeps its own expression.
SQLite has its FTS5 table instead: nothing to do there.
The statements live in assets_registry/search_backends/text_index_sql.py.
"""

from django.db import migrations

from assets_registry.search_backends import text_index_sql as sql


class Migration(migrations.Migration):
    dependencies = [("assets_registry", "0005_near_text_index")]

    operations = [
        migrations.RunPython(
            sql.migration_step({"postgresql": sql.POSTGRES_TEXT_VECTOR_COLUMN}),
            sql.migration_step({"postgresql": sql.POSTGRES_DROP_TEXT_VECTOR_COLUMN}),
        )
    ]
