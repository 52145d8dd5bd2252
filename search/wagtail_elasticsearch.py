"""Wagtail's ``elasticsearch8`` backend, answering a search page in one request.

``WAGTAILSEARCH_BACKENDS`` names this module instead of ``wagtail.search.backends.elasticsearch8``
when ``ELASTICSEARCH_URL`` is set. Two things change, nothing in what comes back:

* A slice of more than 100 results (the search page takes the best 200) is one ``from``/``size``
  request, as long as it fits in Elasticsearch's result window; Wagtail opens a scroll context
  for it instead: three round trips (search, scroll, clear) and a context for the node to keep.
* That request also carries the ``content_type_id`` terms aggregation, exactly as ``facet()``
  would send it, and ``facet("content_type_id")`` on the same search (or any slice of it) reads
  it from there: the page's per-type counts cost no second request.

And while Elasticsearch is down (``elasticsearch_outage``: a connection error, a timeout, or the
circuit breaker open after a few of them), nothing fails:

* a search (results, count, facets, rows; the admin's too) is answered by the ``database``
  backend of ``WAGTAILSEARCH_BACKENDS`` with the same query, and the page says so;
* an index write (``add``, ``add_bulk``, ``delete``) is kept in ``PendingIndexUpdate`` for
  ``search.index_updates.replay``, where Wagtail would only log it. A write that succeeds while
  updates are waiting queues the replay.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend, Elasticsearch8SearchResults

from django.conf import settings
from django.db import transaction

from assets_registry.search_backends.elasticsearch_outage import answered, guarded, is_outage
from search import index_updates
from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)

RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
PREFETCHED_FACETS = ("content_type_id",)


class OneRequestSearchResults(Elasticsearch8SearchResults):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shared by every slice of one search (they run the same query): {field name: counts}.
        self._facets: dict[str, OrderedDict] = {}

    def _clone(self):
        new = super()._clone()
        new._facets = self._facets
        return new

    def _aggregations(self) -> dict:
        aggregations = {}
        for field_name in PREFETCHED_FACETS:
            field = self.query_compiler._get_filterable_field(field_name)
            if field is not None:
                column = self.query_compiler.mapping.get_field_column_name(field)
                aggregations[field_name] = {"terms": {"field": column, "missing": 0}}
        return aggregations

    def _one_request_hits(self) -> list | None:
        """The hits of this slice from one request (facets kept aside); None when Wagtail's own
        path applies (no limit, at most 100, or past the result window)."""
        limit = None if self.stop is None else self.stop - self.start
        if limit is None or limit <= 100 or self.start + limit > RESULT_WINDOW:
            return None
        body = self._get_es_body()
        aggregations = self._aggregations()
        if aggregations:
            body["aggregations"] = aggregations
        response = self._backend_do_search(
            body,
            index=self.backend.get_index_for_model(self.query_compiler.queryset.model).name,
            _source=False,
            from_=self.start,
            size=limit,
            **{self.fields_param_name: "pk"},
        )
        for field_name in aggregations:
            self._facets[field_name] = OrderedDict(
                (bucket["key"] if bucket["key"] != 0 else None, bucket["doc_count"])
                for bucket in response["aggregations"][field_name]["buckets"]
            )
        return response["hits"]["hits"]

    def _do_search(self):
        return answered(self._search_hits, lambda: list(self._on_database()), what="Search")

    def _search_hits(self) -> list:
        hits = self._one_request_hits()
        if hits is None:
            return list(super()._do_search())
        return list(self._get_results_from_hits(hits))

    def _do_count(self):
        return answered(super()._do_count, lambda: self._on_database().count(), what="Search")

    def rows(self, *fields: str) -> list[tuple]:
        """(pk, *fields) of each result, in order, without making model instances (200 pages
        take 20 ms to instantiate, their values 3 ms)."""
        if self._results_cache is not None:
            return [(obj.pk, *(getattr(obj, name) for name in fields)) for obj in self]
        return answered(lambda: self._rows(fields), lambda: self._on_database().rows(*fields), what="Search")

    def _rows(self, fields) -> list[tuple]:
        hits = self._one_request_hits()
        if hits is None:
            return [(obj.pk, *(getattr(obj, name) for name in fields)) for obj in self]
        pks = [hit["fields"]["pk"][0] for hit in hits]
        found = {
            str(row[0]): row
            for row in self.query_compiler.queryset.filter(pk__in=pks).values_list("pk", *fields)
        }
        return [found[str(pk)] for pk in pks if str(pk) in found]

    def facet(self, field_name):
        if field_name in self._facets:
            return OrderedDict(self._facets[field_name])
        return answered(
            lambda: super(OneRequestSearchResults, self).facet(field_name),
            lambda: self._on_database().facet(field_name),
            what="Search",
        )

    def _on_database(self):
        """The same search, slice and score annotation on the ``database`` backend; raises the
        outage again when there is none to fall back on."""
        from wagtail.search.backends import get_search_backend

        if "database" not in settings.WAGTAILSEARCH_BACKENDS:
            raise RuntimeError("Elasticsearch is unavailable and no 'database' search backend is configured")
        compiler = self.query_compiler
        backend = get_search_backend("database")
        autocomplete = isinstance(compiler, self.backend.autocomplete_query_compiler_class)
        search = backend.autocomplete if autocomplete else backend.search
        results = search(
            compiler.query,
            compiler.queryset,
            fields=compiler.fields,
            order_by_relevance=compiler.order_by_relevance,
        )
        if self._score_field:
            results = results.annotate_score(self._score_field)
        return results[self.start : self.stop]


class OneRequestElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    results_class = OneRequestSearchResults
    keeps_missed_updates = True  # search.index_updates replays through this backend

    def add(self, obj):
        self._write(lambda: super(OneRequestElasticsearch8SearchBackend, self).add(obj), type(obj), [obj.pk])

    def add_bulk(self, model, obj_list):
        obj_list = list(obj_list)
        self._write(
            lambda: super(OneRequestElasticsearch8SearchBackend, self).add_bulk(model, obj_list),
            model,
            [obj.pk for obj in obj_list],
        )

    def delete(self, obj):
        self._write(
            lambda: super(OneRequestElasticsearch8SearchBackend, self).delete(obj), type(obj), [obj.pk]
        )

    def _write(self, write, model, ids) -> None:
        try:
            guarded(write)
        except Exception as error:
            if not is_outage(error) or index_updates.replaying():
                raise
            kept = index_updates.keep(target=PendingIndexUpdate.Target.WAGTAIL, model=model, ids=ids)
            logger.warning("Elasticsearch is unavailable (%s): %s index updates kept for later", error, kept)
            return
        if not index_updates.replaying():
            replay_if_waiting()


def replay_if_waiting() -> None:
    """After a successful write: queue the replay if updates are waiting (once this transaction
    commits, so the replay sees what it wrote)."""
    if index_updates.waiting():
        from search.tasks import replay_index_updates

        transaction.on_commit(replay_index_updates.enqueue, robust=True)


SearchBackend = OneRequestElasticsearch8SearchBackend
