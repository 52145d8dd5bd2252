"""Stemming for Wagtail's SQLite page index: Wagtail (modelsearch) makes its FTS5 table with the default
unicode61 tokenizer (no stemming: "evaluate" never found "evaluation"). This makes it again with
the Porter stemmer and accent folding, as the registry's own FTS5 table, and copies the entries
back in. Its triggers live on its entry table and name this one, so they carry on.
PostgreSQL (the 'english' configuration) and Elasticsearch (our English analyzer) stem already.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
FTS = "wagtailsearch_indexentry_fts"


def _fts_exists(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS])
        return cursor.fetchone() is not None


def _rebuild(tokenize: str):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite" or not _fts_exists(schema_editor):
            return
        options = f", tokenize='{tokenize}'" if tokenize else ""
        schema_editor.execute(f"DROP TABLE {FTS}")
        schema_editor.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(autocomplete, body, title{options})")
        schema_editor.execute(
            f"INSERT INTO {FTS}(rowid, title, body, autocomplete) SELECT id, title, body, autocomplete FROM {TABLE}"
        )

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_synonym_groups"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(_rebuild("porter unicode61 remove_diacritics 2"), _rebuild("")),
    ]
