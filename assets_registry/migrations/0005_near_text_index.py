"""Find-a-space near a place with a text word, without reading the word's matches nationwide.

Before: ``id IN (SELECT rowid FROM fts WHERE MATCH '"club"*')`` (SQLite) or the GIN bitmap of
``'club':*`` (PostgreSQL) listed every match in the country (212,466 of 1,000,000 for "club")
before meeting the 5 km box: 40-800 ms per query whatever the place (docs/benchmarks.md).

Map cells at three sizes (1/50, 1/10 and 1/2 degree of latitude and longitude) name the area:
``c50x7073y8990`` is the 1/50-degree cell with floor((lat + 90) * 50) = 7073 and
floor((lon + 180) * 50) = 8990. The search asks only for the cells under the circle's box.

SQLite: the FTS5 table gets a ``cells`` column holding the asset's three cell tokens (they end in
a digit, so the porter stemmer leaves them alone), so FTS5 intersects the words with the area
itself: ``{name description search_keywords}: ("club"*) AND cells: (c50x... OR ...)``. Its
content is a view over the asset table computing the same tokens, so ``rebuild`` and the
triggers agree. A covering index on the box columns lets the candidates come from the index.
PostgreSQL: a GIN index on every (cell, word) pair, ``c50x7073y8990w`` + lexeme, built by an
immutable function from the same tsvector as migration 0002's index, so a word near a place is
a prefix lookup per cell (``'c50x7073y8990wclub':* | ...``) instead of a nationwide bitmap.

The cell sizes and token format must match ``search_backends.database.CELLS_PER_DEGREE``.
"""

from django.db import migrations

TABLE = "assets_registry_asset"
FTS = "assets_registry_asset_fts"
CONTENT_VIEW = "assets_registry_asset_fts_content"
CELLS_PER_DEGREE = (50, 10, 2)


def cells_sql(lat: str, lon: str) -> str:
    # CAST truncates; (lat + 90) and (lon + 180) are never negative, so it is floor().
    tokens = " || ' ' || ".join(
        f"'c{n}x' || CAST(({lat} + 90) * {n} AS INTEGER) || 'y' || CAST(({lon} + 180) * {n} AS INTEGER)"
        for n in CELLS_PER_DEGREE
    )
    return f"(CASE WHEN {lat} IS NULL OR {lon} IS NULL THEN '' ELSE {tokens} END)"


NEAR_COLUMNS = (
    "latitude, live, status, category_mask, third_space_mask, kind, setting, "
    "free, step_free, open_to_all, mixed_ages"
)

SQLITE_FORWARD = [
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TABLE IF EXISTS {FTS}",
    f"""CREATE VIEW IF NOT EXISTS {CONTENT_VIEW} AS
        SELECT id, name, description, search_keywords, {cells_sql("latitude", "longitude")} AS cells
        FROM {TABLE}""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(
        name, description, search_keywords, cells,
        content='{CONTENT_VIEW}', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, name, description, search_keywords, cells)
        VALUES (new.id, new.name, new.description, new.search_keywords,
                {cells_sql("new.latitude", "new.longitude")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, name, description, search_keywords, cells)
        VALUES ('delete', old.id, old.name, old.description, old.search_keywords,
                {cells_sql("old.latitude", "old.longitude")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au
        AFTER UPDATE OF name, description, search_keywords, latitude, longitude ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, name, description, search_keywords, cells)
        VALUES ('delete', old.id, old.name, old.description, old.search_keywords,
                {cells_sql("old.latitude", "old.longitude")});
        INSERT INTO {FTS}(rowid, name, description, search_keywords, cells)
        VALUES (new.id, new.name, new.description, new.search_keywords,
                {cells_sql("new.latitude", "new.longitude")});
    END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    f"CREATE INDEX IF NOT EXISTS asset_near ON {TABLE} (grid_row, longitude, {NEAR_COLUMNS})",
]
# Back to migration 0002's FTS table (no cells).
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS asset_near",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TABLE IF EXISTS {FTS}",
    f"DROP VIEW IF EXISTS {CONTENT_VIEW}",
]
TEXT_VECTOR = (
    "to_tsvector('english'::regconfig, coalesce(name, '') || ' ' || coalesce(description, '')"
    " || ' ' || coalesce(search_keywords, ''))"
)
# floor(), not ::int (which rounds), to match Python's math.floor.
PG_CELLS = ", ".join(
    f"'c{n}x' || floor((lat + 90) * {n})::int || 'y' || floor((lon + 180) * {n})::int || 'w'"
    for n in CELLS_PER_DEGREE
)
POSTGRES_FORWARD = [
    f"""CREATE OR REPLACE FUNCTION assets_registry_cell_words(doc tsvector, lat double precision,
            lon double precision) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        -- Costly per row (it re-parses the text): without this the planner may test it on
        -- every row in the box (300 ms in Edinburgh) instead of asking the index (2 ms).
        COST 1000 AS $$
        SELECT coalesce(array_to_tsvector(array_agg(cell || lexeme)), ''::tsvector)
        FROM unnest(tsvector_to_array(doc)) AS lexeme, unnest(ARRAY[{PG_CELLS}]) AS cell
        WHERE lat IS NOT NULL AND lon IS NOT NULL
        $$""",
    f"""CREATE INDEX IF NOT EXISTS asset_cell_words_gin ON {TABLE}
        USING gin (assets_registry_cell_words({TEXT_VECTOR}, latitude, longitude))""",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS asset_cell_words_gin",
    "DROP FUNCTION IF EXISTS assets_registry_cell_words(tsvector, double precision, double precision)",
]


def run(statements_by_vendor, then=None):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
        if then:
            then(apps, schema_editor)

    return apply


def restore_0002(apps, schema_editor):
    from importlib import import_module

    text_index = import_module("assets_registry.migrations.0002_text_index")
    if schema_editor.connection.vendor == "sqlite":
        for statement in text_index.SQLITE_FORWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("assets_registry", "0004_area_approval_task")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}, then=restore_0002),
        )
    ]
