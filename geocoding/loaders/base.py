"""The base of every gazetteer source: versioned, idempotent, whole-table replacement.

A gazetteer table is a copy of a published data set, so a load replaces the table in one
transaction rather than upserting row by row; `GazetteerLoad` records the version loaded, and a
source whose version (data release + area filter + loader schema) is unchanged is skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from tqdm import tqdm

from django.db import connection, models, transaction

from ..models import AdminArea, GazetteerLoad

# Bump when the conversion of any source changes, so existing databases reload.
LOADER_SCHEMA = "1"  # all sources
BATCH_SIZE = 20_000


@dataclass
class LoadReport:
    source: str
    version: str
    rows: int
    skipped: bool
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


@dataclass
class LoadContext:
    """Options for one `load_gazetteer` run, shared by its sources."""

    areas: frozenset[str] = frozenset()  # GSS codes: keep only GB postcodes in these districts/counties
    progress: bool = True
    paths: dict[str, str] = field(default_factory=dict)  # data name -> path: tests point these at fixtures
    shared: dict[str, object] = field(default_factory=dict)  # results one source hands the next


class GazetteerSource:
    """One source: subclasses say which table they fill, their data version and their rows."""

    slug: str = ""
    label: str = ""
    model: type[models.Model]
    columns: Sequence[str] = ()
    schema = "1"  # bump when this source's conversion changes, so existing databases reload it

    def __init__(self, context: LoadContext):
        self.context = context

    def path(self, name: str, default: Callable[[], Path]) -> Path:
        """Where data `name` is: the packaged copy (found lazily) unless the context names a fixture."""
        found = self.context.paths.get(name)
        return Path(found) if found else default()

    def data_version(self) -> str:
        raise NotImplementedError

    @staticmethod
    def derived_from(*sources: str) -> str:
        """The versions of the loads a derived table is built from ("districts=[…];zips=[…]"): a
        reload of either makes this one out of date."""
        versions = dict(GazetteerLoad.objects.filter(source__in=sources).values_list("source", "version"))
        return ";".join(f"{name.split('-')[-1]}=[{versions.get(name, '')}]" for name in sources)

    def version(self) -> str:
        version = f"{self.data_version()};schema={LOADER_SCHEMA}"
        if self.schema != "1":
            version += f".{self.schema}"
        if self.context.paths:  # data read from elsewhere (a newer release, fixtures) is another version
            version += ";data=" + ",".join(
                f"{name}:{path}" for name, path in sorted(self.context.paths.items())
            )
        return version

    def prepare(self) -> None:
        """Read whatever else `rows()` needs from the database. Runs before the insert starts:
        on PostgreSQL the rows stream into a COPY, and the connection can run no other query
        until the COPY ends, so `rows()` itself must not touch the database."""

    def rows(self) -> Iterator[tuple]:
        """Rows as tuples in the order of `columns`. Must not query the database (see `prepare`)."""
        raise NotImplementedError

    def total_hint(self) -> int | None:
        return None

    def admin_areas(self) -> Iterable[AdminArea]:
        """Names for the codes this source's rows use (upserted, never deleted)."""
        return ()

    def is_current(self) -> bool:
        return GazetteerLoad.objects.filter(source=self.slug, version=self.version()).exists()

    def load(self) -> int:
        version = self.version()
        self.prepare()
        with transaction.atomic():
            AdminArea.objects.bulk_create(
                list(self.admin_areas()),
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", "kind"],
            )
            self.model.objects.all().delete()
            rows = self.progress(self.rows())
            count = insert_rows(self.model, self.columns, rows)
            GazetteerLoad.objects.update_or_create(
                source=self.slug,
                defaults={"version": version, "data_version": self.data_version()[:200], "row_count": count},
            )
        return count

    def progress(self, rows: Iterable[tuple]) -> Iterable[tuple]:
        # Progress goes to stderr (tqdm's default) and only on a terminal, so logs stay clean.
        return tqdm(
            rows,
            total=self.total_hint(),
            desc=self.label or self.slug,
            unit=" rows",
            unit_scale=True,
            file=sys.stderr,
            disable=None if self.context.progress else True,
            mininterval=0.5,
        )


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Fast bulk insert without building model instances: COPY on PostgreSQL, executemany elsewhere.

    1.7M postcodes through `bulk_create` spend most of their time building objects; plain
    parameterised inserts in one transaction are several times faster and work on every backend.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    column_sql = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    count = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({column_sql}) FROM STDIN") as copy:
                for row in iterator:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({column_sql}) VALUES ({placeholders})"
        while batch := list(islice(iterator, BATCH_SIZE)):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
