"""Full-text index for find-a-space, per database (no extra Django model).

SQLite: an external-content FTS5 table kept in step by triggers (porter stemming).
PostgreSQL: a GIN index on the same tsvector expression the search backend queries.
The statements live in assets_registry/search_backends/text_index_sql.py (the benchmarks use
them too); see assets_registry/search_backends/database.py (TEXT_VECTOR_SQL must match the index).
"""

from django.db import migrations

from assets_registry.search_backends import text_index_sql as sql


class Migration(migrations.Migration):
    dependencies = [("assets_registry", "0001_initial")]

    operations = [
        migrations.RunPython(
            sql.migration_step({"sqlite": sql.SQLITE_FTS, "postgresql": sql.POSTGRES_TEXT_GIN}),
            sql.migration_step({"sqlite": sql.SQLITE_DROP_FTS, "postgresql": sql.POSTGRES_DROP_TEXT_GIN}),
        )
    ]
