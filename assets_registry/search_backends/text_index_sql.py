"""The find-a-space text indexes in raw SQL, per database: migrations 0002, 0005 and 0006 run
these statements, and the benchmarks drop and rebuild the indexes around a bulk load with them.

These statements ARE the schema those migrations made: never edit one in place (a database
migrated earlier would differ from a new one). A change is a new constant and a new migration.

SQLite: an FTS5 table kept in step by triggers (porter stemming). Migration 0002 made it over
the asset table; 0005 made it over a view that adds each asset's map-cell tokens (``cells``),
plus a covering index on the box columns. PostgreSQL: a GIN index on the text's tsvector (0002),
a GIN index on every (cell, word) pair (0005) and the tsvector stored in a column (0006).
``search_backends.database`` queries them (its ``TEXT_VECTOR_SQL`` and ``CELLS_PER_DEGREE``
must match ``TEXT_VECTOR`` and ``CELLS_PER_DEGREE`` here).

Map cells at three sizes (1/50, 1/10 and 1/2 degree of latitude and longitude) name the area:
``c50x7073y8990`` is the 1/50-degree cell with floor((lat + 90) * 50) = 7073 and
floor((lon + 180) * 50) = 8990. The cell tokens end in a digit, so the porter stemmer leaves
them alone; on PostgreSQL a (cell, word) pair is ``c50x7073y8990w`` + lexeme.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

TABLE = "assets_registry_asset"
FTS = "assets_registry_asset_fts"
CONTENT_VIEW = "assets_registry_asset_fts_content"
CELLS_PER_DEGREE = (50, 10, 2)

# --- migration 0002: the text index ----------------------------------------------------------

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS assets_registry_asset_fts USING fts5(
        name, description, search_keywords,
        content='assets_registry_asset', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS assets_registry_asset_fts_ai AFTER INSERT ON assets_registry_asset BEGIN
        INSERT INTO assets_registry_asset_fts(rowid, name, description, search_keywords)
        VALUES (new.id, new.name, new.description, new.search_keywords);
    END""",
    """CREATE TRIGGER IF NOT EXISTS assets_registry_asset_fts_ad AFTER DELETE ON assets_registry_asset BEGIN
        INSERT INTO assets_registry_asset_fts(assets_registry_asset_fts, rowid, name, description, search_keywords)
        VALUES ('delete', old.id, old.name, old.description, old.search_keywords);
    END""",
    """CREATE TRIGGER IF NOT EXISTS assets_registry_asset_fts_au
        AFTER UPDATE OF name, description, search_keywords ON assets_registry_asset BEGIN
        INSERT INTO assets_registry_asset_fts(assets_registry_asset_fts, rowid, name, description, search_keywords)
        VALUES ('delete', old.id, old.name, old.description, old.search_keywords);
        INSERT INTO assets_registry_asset_fts(rowid, name, description, search_keywords)
        VALUES (new.id, new.name, new.description, new.search_keywords);
    END""",
    "INSERT INTO assets_registry_asset_fts(assets_registry_asset_fts) VALUES ('rebuild')",
]
SQLITE_DROP_FTS = [
    "DROP TRIGGER IF EXISTS assets_registry_asset_fts_au",
    "DROP TRIGGER IF EXISTS assets_registry_asset_fts_ad",
    "DROP TRIGGER IF EXISTS assets_registry_asset_fts_ai",
    "DROP TABLE IF EXISTS assets_registry_asset_fts",
]
POSTGRES_TEXT_GIN = [
    """CREATE INDEX IF NOT EXISTS asset_text_gin ON assets_registry_asset USING gin ((
        to_tsvector('english'::regconfig,
            coalesce(name, '') || ' ' || coalesce(description, '') || ' ' || coalesce(search_keywords, ''))
    ))""",
]
POSTGRES_DROP_TEXT_GIN = ["DROP INDEX IF EXISTS asset_text_gin"]

# --- migration 0005: the text index by map cell ----------------------------------------------


def cells_sql(lat: str, lon: str) -> str:
    """SQLite: the space-separated cell tokens of the position in columns ``lat``, ``lon``."""
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

# Replaces 0002's FTS table with one whose content view adds the cells; the covering index lets
# the candidates of a box come from the index alone.
SQLITE_NEAR_FTS = [
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
# Drops everything SQLITE_NEAR_FTS made (the FTS table, its triggers, its view, the covering index).
SQLITE_DROP_NEAR_FTS = [
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
POSTGRES_CELL_WORDS = [
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
POSTGRES_DROP_CELL_WORDS = [
    "DROP INDEX IF EXISTS asset_cell_words_gin",
    "DROP FUNCTION IF EXISTS assets_registry_cell_words(tsvector, double precision, double precision)",
]

# --- migration 0006: PostgreSQL's stored text vector -----------------------------------------

POSTGRES_TEXT_VECTOR_COLUMN = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS text_vector tsvector"
    f" GENERATED ALWAYS AS ({TEXT_VECTOR}) STORED",
    f"CREATE INDEX IF NOT EXISTS asset_text_vector_gin ON {TABLE} USING gin (text_vector)",
    f"ANALYZE {TABLE}",
]
POSTGRES_DROP_TEXT_VECTOR_COLUMN = [
    "DROP INDEX IF EXISTS asset_text_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS text_vector",
]

# --- running them ----------------------------------------------------------------------------

# The text indexes a bulk load drops first and builds once at the end (far faster than keeping
# them up to date row by row). The stored vector (0006) is a column: it stays.
_BEFORE_BULK_LOAD = {
    "sqlite": SQLITE_DROP_NEAR_FTS,
    "postgresql": ["DROP INDEX IF EXISTS asset_text_gin", "DROP INDEX IF EXISTS asset_cell_words_gin"],
}
_AFTER_BULK_LOAD = {"sqlite": SQLITE_NEAR_FTS, "postgresql": POSTGRES_TEXT_GIN + POSTGRES_CELL_WORDS}


def migration_step(
    statements_by_vendor: dict[str, list[str]], then: Callable | None = None
) -> Callable[[object, object], None]:
    """A RunPython function running the statements for the migrating database's vendor, then ``then``."""

    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
        if then:
            then(apps, schema_editor)

    return apply


def _execute(cursor, statements: Iterable[str]) -> None:
    for statement in statements:
        cursor.execute(statement)


def drop_for_bulk_load(cursor, vendor: str) -> None:
    """Drop the text indexes (and SQLite's triggers) before inserting many rows at once."""
    _execute(cursor, _BEFORE_BULK_LOAD[vendor])


def build_after_bulk_load(cursor, vendor: str) -> None:
    """Build the text indexes dropped by ``drop_for_bulk_load`` over the rows now in the table."""
    _execute(cursor, _AFTER_BULK_LOAD[vendor])
