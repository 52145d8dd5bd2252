"""Wagtail's search index for the spaces a trusted import inserted in bulk.

On SQLite (FTS5) the index rows are built from the values just inserted and written with the
same prepared statement as the spaces (``bulk.RowInserter``): Wagtail's ``add_bulk`` builds an
``ObjectIndexer`` per space that walks the search fields once for each of title, autocomplete and
body (about 70 µs a space, a sixth of a large import). The text is what modelsearch's SQLite
indexer writes, field by field in the same order (``tests/open_data/test_bulk_import.py``
compares the two). Any other backend (PostgreSQL, Elasticsearch), or search fields that are not
plain text columns, gets Wagtail's own ``add_bulk`` on the spaces loaded back from the database.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist

from wagtail.search import index as wagtail_index

from assets_registry.importers.bulk import RowInserter
from assets_registry.models import Asset

CHUNK = 1000
TEXT_TYPES = ("CharField", "TextField")
SQLITE_INDEX_MODULE = "modelsearch.backends.database.sqlite.sqlite"


def index_new_assets(rows: dict[int, dict[str, Any]]) -> None:
    """Index new spaces (pk -> the column values inserted) in every auto-updated backend."""
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        search_index = backend.get_index_for_model(Asset)
        plan = sqlite_plan(search_index)
        if plan is not None:
            _add_sqlite_entries(search_index, plan, rows)
            continue
        ids = list(rows)
        for start in range(0, len(ids), CHUNK):
            backend.add_bulk(Asset, list(Asset.objects.filter(pk__in=ids[start : start + CHUNK])))


def sqlite_plan(search_index) -> list[tuple[str, str]] | None:
    """[(part, column)] for modelsearch's own SQLite index (part: title, autocomplete or body),
    or None when the fast path does not apply."""
    # Exactly modelsearch's own SQLite index (a subclass may index differently). Compared by
    # name: importing that module on another database fails (its FTS model needs SQLite).
    kind = type(search_index)
    if (kind.__module__, kind.__qualname__) != (SQLITE_INDEX_MODULE, "SQLiteIndex"):
        return None
    plan = []
    for field in Asset.get_search_fields():
        if isinstance(field, wagtail_index.FilterField):
            continue  # not part of the text index
        if type(field) not in (wagtail_index.SearchField, wagtail_index.AutocompleteField):
            return None
        try:
            column = Asset._meta.get_field(field.field_name)
        except FieldDoesNotExist:
            return None
        if column.get_internal_type() not in TEXT_TYPES or column.null:
            return None
        if isinstance(field, wagtail_index.AutocompleteField):
            part = "autocomplete"
        else:
            part = "title" if field.field_name == "title" else "body"
        plan.append((part, column.attname))
    return plan


def entry_texts(plan: list[tuple[str, str]], row: dict[str, Any]) -> dict[str, str]:
    texts: dict[str, list[str]] = {"title": [], "autocomplete": [], "body": []}
    for part, column in plan:
        texts[part].append(row[column])
    return {part: " ".join(values) for part, values in texts.items()}


def _add_sqlite_entries(search_index, plan, rows: dict[int, dict[str, Any]]) -> None:
    from modelsearch.utils import get_content_type_pk

    connection = search_index.write_connection
    content_type = get_content_type_pk(Asset)
    object_ids = [str(pk) for pk in rows]
    entries = search_index.entries.using(connection.alias)
    for start in range(0, len(object_ids), CHUNK):
        # Entries left by a deleted space with a reused id would otherwise clash.
        stale = entries.filter(content_type_id=content_type, object_id__in=object_ids[start : start + CHUNK])
        stale._raw_delete(connection.alias)
    inserter = RowInserter(entries.model, connection)
    inserter.insert(
        {"content_type_id": content_type, "object_id": str(pk), **entry_texts(plan, row)}
        for pk, row in rows.items()
    )
    search_index._refresh_title_norms()  # what add_items does after its inserts
