"""Wagtail's database search backend, with relevance ranking on SQLite that scales.

``WAGTAILSEARCH_BACKENDS`` points at this module instead of ``wagtail.search.backends.database``.
It picks the same backend for each database (PostgreSQL, MySQL, the fallback) and changes one
thing on SQLite with FTS5: how results are ordered by relevance.

Wagtail's SQLite compiler scores each candidate row with a correlated subquery that runs the
FTS5 ``MATCH`` again for that row, so a query matching 2,000 of 10,000 pages runs 2,000
full-text searches (5 to 10 seconds in bench/search.py). Here the ``MATCH`` runs once: every
match's bm25 score comes back in one query, the source queryset's own filters (live, public,
page types) keep the ones that qualify, they are ordered in Python (score, then newest first,
as Wagtail orders them) and only the requested slice is loaded, with its scores annotated.
Results, counts, facets, autocomplete and ``annotate_score`` behave as before.

Every backend here (and ``search.wagtail_elasticsearch``) also gives its results as rows:
``results[:200].rows("content_type_id")`` -> ``[(pk, content_type_id), ...]`` in relevance
order, from the same search, without instantiating 200 pages (Wagtail's Page and modelcluster
constructors: about 20 ms for 200, against 3 ms for their values).
"""

from __future__ import annotations

from modelsearch.backends.database import SearchBackend as _database_backend


def SearchBackend(params):
    backend = _database_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":  # SQLite with FTS5 (not the fallback)
        from search.wagtail_sqlite import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    if type(backend).__name__ == "PostgresSearchBackend":
        from search.wagtail_postgres import RowsPostgresSearchBackend

        return RowsPostgresSearchBackend(params)
    return backend
