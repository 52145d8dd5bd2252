"""Wagtail's PostgreSQL search backend, with results also given as rows (see
``search.wagtail_backend``) and a join plan that holds at scale.

Wagtail joins its index entries to pages on ``object_id = page.id::varchar``, filtering the
entries with ``(title || body) @@ query``. PostgreSQL has no statistics for that expression, so
it expects one matching entry whatever the query and picks a nested loop that scans every page
once per match: 2,784 matches x 10,000 pages = 28 million comparisons, 7 seconds, for "faith
groups bridging" in bench/search.py. The same query with nested loops ruled out is a hash join:
77 ms, the same rows in the same order. So this backend's searches run with
``enable_nestloop`` off for their own statements only (set, then put back as it was).
"""

from __future__ import annotations

from contextlib import contextmanager

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchResults

from django.db import DatabaseError, ProgrammingError, connections
from django.db.models import Count, Q, Window


@contextmanager
def no_nested_loops(alias: str):
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_nestloop'), set_config('enable_nestloop', 'off', false)"
        )
        previous = "off" if cursor.fetchone()[0] == "off" else "on"
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT set_config('enable_nestloop', '{previous}', false)")
        except DatabaseError:
            pass  # an aborted transaction: its rollback puts the setting back


class RowsPostgresSearchResults(PostgresSearchResults):
    def _alias(self) -> str:
        return self.query_compiler.queryset.db

    def _do_search(self):
        with no_nested_loops(self._alias()):
            return super()._do_search()

    def _do_count(self):
        with no_nested_loops(self._alias()):
            return super()._do_count()

    def rows(self, *fields: str) -> list[tuple]:
        """(pk, *fields) of each result, in order: Wagtail's own ranked query, as values."""
        if self._results_cache is not None:
            return [(obj.pk, *(getattr(obj, name) for name in fields)) for obj in self._results_cache]
        return self._values(self.get_queryset().values_list("pk", *fields))

    def rows_and_counts(self, field: str, values) -> tuple[list[tuple], dict]:
        """``rows(field)``, and how many of all the matches (not only this slice) have each of
        ``values`` in ``field``: in one statement, as window counts over the ranked matches,
        where ``facet(field)`` would run the whole search again (26 ms of 55 for "library" over
        10,000 pages)."""
        counts = {
            f"_count_{i}": Window(Count("pk", filter=Q(**{field: value}))) for i, value in enumerate(values)
        }
        found = self._values(self.get_queryset().annotate(**counts).values_list("pk", field, *counts))
        rows = [row[:2] for row in found]
        totals = dict(zip(values, found[0][2:], strict=True)) if found else dict.fromkeys(values, 0)
        return rows, totals

    def _values(self, queryset) -> list[tuple]:
        """The rows of one of this search's own statements, run as ``_do_search`` runs them."""
        try:
            with no_nested_loops(self._alias()):
                return list(queryset)
        except ProgrammingError as error:
            self._handle_missing_postgres_extension(error)
            raise


class RowsPostgresSearchBackend(PostgresSearchBackend):
    results_class = RowsPostgresSearchResults
