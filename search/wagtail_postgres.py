"""Wagtail's PostgreSQL search backend, with results also given as rows (see
``search.wagtail_backend``)."""

from __future__ import annotations

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchResults

from django.db import ProgrammingError


class RowsPostgresSearchResults(PostgresSearchResults):
    def rows(self, *fields: str) -> list[tuple]:
        """(pk, *fields) of each result, in order: Wagtail's own ranked query, as values."""
        if self._results_cache is not None:
            return [(obj.pk, *(getattr(obj, name) for name in fields)) for obj in self._results_cache]
        try:
            return list(self.get_queryset().values_list("pk", *fields))
        except ProgrammingError as error:
            self._handle_missing_postgres_extension(error)
            raise


class RowsPostgresSearchBackend(PostgresSearchBackend):
    results_class = RowsPostgresSearchResults
