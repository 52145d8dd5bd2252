"""Full-text index for find-a-space, per database (no extra Django model).

SQLite: an external-content FTS5 table kept in step by triggers (porter stemming).
PostgreSQL: a GIN index on the same tsvector expression the search backend queries.
See assets_registry/search_backends/database.py (TEXT_VECTOR_SQL must match the index).
"""

from django.db import migrations

SQLITE_FORWARD = [
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
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS assets_registry_asset_fts_au",
    "DROP TRIGGER IF EXISTS assets_registry_asset_fts_ad",
    "DROP TRIGGER IF EXISTS assets_registry_asset_fts_ai",
    "DROP TABLE IF EXISTS assets_registry_asset_fts",
]
POSTGRES_FORWARD = [
    """CREATE INDEX IF NOT EXISTS asset_text_gin ON assets_registry_asset USING gin ((
        to_tsvector('english'::regconfig,
            coalesce(name, '') || ' ' || coalesce(description, '') || ' ' || coalesce(search_keywords, ''))
    ))""",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS asset_text_gin"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("assets_registry", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
