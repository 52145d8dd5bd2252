"""Fast multi-row inserts for a trusted import's new spaces: one prepared ``INSERT`` run with
``executemany`` over plain tuples, inside the import's transaction.

Why not ``bulk_create``: profiling a 20,000-row import showed that SQLite itself spent about 2.5 s
on the inserts (indexes and the find-a-space FTS trigger included), while Django spent ten times
that compiling ``bulk_create``'s SQL (SQLite's 999-parameter limit makes it 16 rows a statement)
and preparing each of the 56 values of each row, and building the model instances
(``ClusterableModel.__init__``). Here each column's conversion is chosen once: plain Python
values (text, numbers, booleans, None) go to the driver as they are, values that are the same on
every row (defaults, the import's timestamp) are converted once, and the rest (JSON, dates) go
through the field's own ``get_db_prep_save``. No signals are sent, as with ``bulk_create``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from django.db import OperationalError, models

# Internal types whose cleaned Python values the database drivers take unchanged.
PASS_THROUGH = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "FloatField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


class RowInserter:
    """Inserts dicts (attname -> Python value) into ``model``'s table; an absent column takes the
    field's default. Columns that need the field's conversion (JSON, dates, datetimes) are
    converted once per distinct value: an import repeats a few category lists and one timestamp."""

    def __init__(self, model: type[models.Model], connection):
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.attnames = [f.attname for f in fields]
        self.defaults = {f.attname: f.get_default() for f in fields}
        self.conversions = [
            (i, _memoised(f, connection))
            for i, f in enumerate(fields)
            if f.get_internal_type() not in PASS_THROUGH
        ]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
        self.connection = connection

    def values(self, row: dict[str, Any]) -> list:
        full = {**self.defaults, **row}
        values = [full[name] for name in self.attnames]
        for i, convert in self.conversions:
            if values[i] is not None:
                values[i] = convert(values[i])
        return values

    def insert(self, rows: Iterable[dict[str, Any]]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(self.sql, [self.values(row) for row in rows])


def _memoised(field: models.Field, connection) -> Callable[[Any], Any]:
    seen: dict[str, Any] = {}

    def convert(value):
        key = repr(value)  # faithful for what imports hold: lists of strings, dates, datetimes
        if key not in seen:
            seen[key] = field.get_db_prep_save(value, connection=connection)
        return seen[key]

    return convert


# Measured on 100,000 rows (docs/benchmarks.md): SQLite writes a statement journal to a temporary
# file for each INSERT that fires a trigger (the find-a-space and Wagtail FTS5 triggers do), which
# cost 6-7 s of system time; in memory it costs nothing. A bigger page cache for the duration
# keeps the 15 indexes' pages from being spilled and re-read. Durability (journal_mode,
# synchronous) is left exactly as configured.
IMPORT_PRAGMAS = {"temp_store": "MEMORY", "cache_size": "-65536"}  # cache_size in KiB when negative


@contextmanager
def import_pragmas(connection) -> Iterator[None]:
    """Speed-only SQLite settings for this connection while the block runs, then put back.

    SQLite refuses to change temp_store inside a transaction once temporary storage is open (a
    test's wrapping transaction, say): then the import runs with the settings it has."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    previous = {}
    with connection.cursor() as cursor:
        for name, value in IMPORT_PRAGMAS.items():
            cursor.execute(f"PRAGMA {name}")
            before = cursor.fetchone()[0]
            try:
                cursor.execute(f"PRAGMA {name} = {value}")
            except OperationalError:
                continue
            previous[name] = before
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in previous.items():
                with suppress(OperationalError):
                    cursor.execute(f"PRAGMA {name} = {int(value)}")


def select_in(
    model: type[models.Model],
    columns: Sequence[str],
    *,
    column: str,
    values: Sequence[Any],
    equal: dict[str, Any] | None = None,
    connection=None,
    chunk: int = 500,
) -> list[tuple]:
    """``SELECT columns FROM model WHERE column IN values [AND name = value ...]`` in chunks.

    Plain SQL because building a Django filter with a 500-value ``__in`` costs about 2 ms in
    Python (each value is prepared one by one), and a large import asks hundreds of them."""
    from django.db import connection as default_connection

    connection = connection or default_connection
    quote = connection.ops.quote_name
    meta = model._meta
    selected = ", ".join(quote(meta.get_field(name).column) for name in columns)
    conditions = [f"{quote(meta.get_field(name).column)} = %s" for name in equal or {}]
    params = list((equal or {}).values())
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), chunk):
            part = list(values[start : start + chunk])
            where = " AND ".join(
                [*conditions, f"{quote(meta.get_field(column).column)} IN ({', '.join(['%s'] * len(part))})"]
            )
            cursor.execute(f"SELECT {selected} FROM {quote(meta.db_table)} WHERE {where}", [*params, *part])
            found += cursor.fetchall()
    return found
