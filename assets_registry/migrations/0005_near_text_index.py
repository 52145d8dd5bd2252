"""Find-a-space near a place with a text word, without reading the word's matches nationwide.

Before: ``id IN (SELECT rowid FROM fts WHERE MATCH '"club"*')`` (SQLite) or the GIN bitmap of
``'club':*`` (PostgreSQL) listed every match in the country (212,466 of 1,000,000 for "club")
before meeting the 5 km box: 40-800 ms per query whatever the place (docs/benchmarks.md).

Map cells at three sizes (1/50, 1/10 and 1/2 degree of latitude and longitude) name the area
(``c50x7073y8990``); the search asks only for the cells under the circle's box.

SQLite: the FTS5 table gets a ``cells`` column holding the asset's three cell tokens, so FTS5
intersects the words with the area itself:
``{name description search_keywords}: ("club"*) AND cells: (c50x... OR ...)``. Its content is a
view over the asset table computing the same tokens, so ``rebuild`` and the triggers agree. A
covering index on the box columns lets the candidates come from the index.
PostgreSQL: a GIN index on every (cell, word) pair, ``c50x7073y8990w`` + lexeme, built by an
immutable function from the same tsvector as migration 0002's index, so a word near a place is
a prefix lookup per cell (``'c50x7073y8990wclub':* | ...``) instead of a nationwide bitmap.

The statements live in assets_registry/search_backends/text_index_sql.py (the benchmarks use
them too). The cell sizes and token format must match ``search_backends.database.CELLS_PER_DEGREE``.
"""

from django.db import migrations

from assets_registry.search_backends import text_index_sql as sql


def restore_0002(apps, schema_editor):
    """Backwards: 0005's SQLite statements dropped 0002's FTS table; make it again."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in sql.SQLITE_FTS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("assets_registry", "0004_area_approval_task")]

    operations = [
        migrations.RunPython(
            sql.migration_step({"sqlite": sql.SQLITE_NEAR_FTS, "postgresql": sql.POSTGRES_CELL_WORDS}),
            sql.migration_step(
                {"sqlite": sql.SQLITE_DROP_NEAR_FTS, "postgresql": sql.POSTGRES_DROP_CELL_WORDS},
                then=restore_0002,
            ),
        )
    ]
