"""Wagtail's ``elasticsearch8`` backend, answering a search page in one request.

``WAGTAILSEARCH_BACKENDS`` names this module instead of ``wagtail.search.backends.elasticsearch8``
when ``ELASTICSEARCH_URL`` is set. Two things change, nothing in what comes back:

* A slice of more than 100 results (the search page takes the best 200) is one ``from``/``size``
  request, as long as it fits in Elasticsearch's result window; Wagtail opens a scroll context
  for it instead: three round trips (search, scroll, clear) and a context for the node to keep.
* That request also carries the ``content_type_id`` terms aggregation, exactly as ``facet()``
  would send it, and ``facet("content_type_id")`` on the same search (or any slice of it) reads
  it from there: the page's per-type counts cost no second request.
"""

from __future__ import annotations

from collections import OrderedDict

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend, Elasticsearch8SearchResults

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
        hits = self._one_request_hits()
        if hits is None:
            yield from super()._do_search()
        else:
            yield from self._get_results_from_hits(hits)

    def rows(self, *fields: str) -> list[tuple]:
        """(pk, *fields) of each result, in order, without making model instances (200 pages
        take 20 ms to instantiate, their values 3 ms)."""
        hits = self._one_request_hits() if self._results_cache is None else None
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
        return super().facet(field_name)


class OneRequestElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    results_class = OneRequestSearchResults


SearchBackend = OneRequestElasticsearch8SearchBackend
