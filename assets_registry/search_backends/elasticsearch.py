"""Find-a-space on Elasticsearch: the ``ASSET_SEARCH_BACKEND`` used when ELASTICSEARCH_URL is set.

Implements ``assets_registry.search_backends.base.AssetSearchBackend`` (read its rules) with one
elasticsearch-dsl request per page:

* the query holds the filters that are not facets (text, distance, features, area, dates,
  open now, closed spaces);
* a ``post_filter`` holds the facet filters, so each facet's aggregation can apply every facet
  filter but its own (disjunctive counts, as the database backend counts them);
* sorting is ``_geo_distance`` (nearest first), the lower-cased name, or the last update.

Hits are loaded from the database (``public_assets()``), so a document that lags behind an
unpublish can never show a space that is no longer public. While Elasticsearch is down
(``elasticsearch_outage``: a circuit breaker) the database backend answers instead, and the page
says so.
"""

from __future__ import annotations

import contextvars
import functools
import re
import zoneinfo
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from elasticsearch_dsl import A, Q, Search

from django.core.cache import cache
from django.utils import timezone

from assets_registry.search_backends.base import great_circle_m
from assets_registry.search_backends.database import DatabaseAssetSearch
from assets_registry.search_backends.documents import second_of_week
from assets_registry.search_backends.elasticsearch_index import alias_name, get_client
from assets_registry.search_backends.elasticsearch_outage import (
    announce_recovery,
    answered,
    counted,
    fell_back,
    is_outage,
    refuse_while_open,
)
from assets_registry.search_backends.hints import facet_counts_wanted, total_limit
from assets_registry.selectors import (
    FEATURE_FACETS,
    MULTI_FACETS,
    AssetFilters,
    AssetSearchPage,
    public_assets,
)

# Facet name (AssetFilters / facet_counts) -> document field.
FACET_FIELDS = {
    "third_space_types": "third_space_types",
    "categories": "categories",
    "kinds": "kind",
    "settings": "setting",
}
MAX_TEXT_WORDS = 8
# Elasticsearch's default index.max_result_window: deeper pages step through with search_after.
RESULT_WINDOW = 10_000
TIMEZONES_CACHE_SECONDS = 600


def text_words(text: str) -> list[str]:
    """The words of a query, as the database backend splits them."""
    return re.findall(r"\w+", text.lower())[:MAX_TEXT_WORDS]


def text_query(text: str) -> Q | None:
    """Every word must match name, description or keywords (stemmed, accents folded); the last
    one may be the start of a word, matched on the stemmed and on the unstemmed words (a stem is
    not always a prefix of the stem of the longer word: "communit" / "commun")."""
    words = text_words(text)
    if not words:
        return None
    *complete, last = words
    must = []
    if complete:
        must.append(Q("match", all_text={"query": " ".join(complete), "operator": "and"}))
    must.append(
        Q(
            "bool",
            should=[
                Q("match", all_text={"query": last, "zero_terms_query": "all"}),
                Q("match_bool_prefix", all_text={"query": last, "max_expansions": 200}),
                Q("match_bool_prefix", **{"all_text.folded": {"query": last, "max_expansions": 200}}),
            ],
            minimum_should_match=1,
        )
    )
    joined = " ".join(words)
    should = [
        Q("match", name={"query": joined, "operator": "and", "boost": 3}),
        Q("match_phrase", all_text={"query": joined, "boost": 2}),
    ]
    return Q("bool", must=must, should=should)


def known_timezones(client) -> list[str]:
    key = f"search:asset_timezones:{alias_name()}"
    zones = cache.get(key)
    if zones is None:
        response = client.search(
            index=alias_name(), size=0, aggs={"zones": {"terms": {"field": "timezone", "size": 1000}}}
        )
        zones = sorted(bucket["key"] for bucket in response["aggregations"]["zones"]["buckets"])
        cache.set(key, zones, TIMEZONES_CACHE_SECONDS)
    return zones


def open_now_query(client, at=None) -> Q:
    """Spaces open at ``at`` in their own time zone: one range lookup per time zone."""
    now = at or timezone.now()
    clauses = []
    for name in known_timezones(client):
        try:
            local = now.astimezone(zoneinfo.ZoneInfo(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        clauses.append(
            Q("bool", filter=[Q("term", timezone=name), Q("term", open_seconds=second_of_week(local))])
        )
    return Q("bool", filter=[Q("term", status="active"), Q("bool", should=clauses, minimum_should_match=1)])


@functools.cache
def _requests() -> ThreadPoolExecutor:
    """Threads that only wait on Elasticsearch (no database access: that stays in the caller)."""
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="asset-search")


class ElasticsearchAssetSearch:
    """Implements ``assets_registry.search_backends.base.AssetSearchBackend``."""

    def search(self, filters: AssetFilters, *, page: int, per_page: int) -> AssetSearchPage:
        return answered(
            lambda: self._search(filters, page=page, per_page=per_page),
            lambda: DatabaseAssetSearch().search(filters, page=page, per_page=per_page),
            what="Find a space",
        )

    def _search(self, filters: AssetFilters, *, page: int, per_page: int) -> AssetSearchPage:
        client = get_client()
        aggregations = facet_counts_wanted()
        search = self.build(client, filters, aggregations=aggregations)
        start = (page - 1) * per_page
        if start + per_page <= RESULT_WINDOW:
            response = search[start : start + per_page].execute()
            ids = [int(hit.meta.id) for hit in response.hits]
        else:
            response = search[0:0].execute()
            plain = self.build(client, filters, aggregations=False).extra(track_total_hits=False)
            ids = self._deep_page_ids(plain, start, per_page, response.hits.total.value)
        return self._answer(response, ids, filters, page, per_page, aggregations)

    def submit(self, filters: AssetFilters, *, page: int, per_page: int) -> Callable[[], AssetSearchPage]:
        """``search()``, with its request sent now from a worker thread; calling the result waits
        for the answer and loads the hits from the database in the caller's thread (its
        connection and transaction). The search page sends it before it searches the pages."""
        start = (page - 1) * per_page
        # The database answers in the caller's thread, later, with the hints in force now.
        from_database = functools.partial(
            contextvars.copy_context().run,
            DatabaseAssetSearch().search,
            filters,
            page=page,
            per_page=per_page,
        )
        if start + per_page > RESULT_WINDOW:
            return functools.partial(self.search, filters, page=page, per_page=per_page)
        aggregations = facet_counts_wanted()
        try:  # ("open now" asks the node for its time zones)
            refuse_while_open()
            request = self.build(get_client(), filters, aggregations=aggregations)[start : start + per_page]
        except Exception as error:
            if not is_outage(error):
                raise
            fell_back(error, "Find a space")
            return from_database
        future = _requests().submit(counted, request.execute)

        def answer() -> AssetSearchPage:
            try:
                response = future.result()
            except Exception as error:
                announce_recovery()
                if not is_outage(error):
                    raise
                fell_back(error, "Find a space")
                return from_database()
            announce_recovery()  # here, not in the request's thread: receivers use the database
            ids = [int(hit.meta.id) for hit in response.hits]
            return self._answer(response, ids, filters, page, per_page, aggregations)

        return answer

    def _answer(self, response, ids, filters, page, per_page, aggregations) -> AssetSearchPage:
        hits = self._load(ids, filters)
        return AssetSearchPage(
            hits=hits,
            total=response.hits.total.value,
            total_is_lower_bound=response.hits.total.relation == "gte",
            page=page,
            per_page=per_page,
            facet_counts=self._counts(response.aggregations) if aggregations else self._no_counts(),
            filters=filters,
        )

    # --- the request ------------------------------------------------------------------------

    def build(self, client, filters: AssetFilters, *, aggregations: bool = True) -> Search:
        # Count every match, or up to the caller's limit (hints.counting_up_to): then "gte".
        counted = total_limit() or True
        search = Search(using=client, index=alias_name()).extra(track_total_hits=counted).source(False)
        text = text_query(filters.text)
        search = search.query(
            Q("bool", filter=self._base_filters(client, filters), must=[text] if text is not None else [])
        )

        facet_filters = {
            facet: Q("terms", **{FACET_FIELDS[facet]: list(filters.facet_values(facet))})
            for facet in MULTI_FACETS
            if filters.facet_values(facet)
        }
        if facet_filters:
            search = search.post_filter(Q("bool", filter=list(facet_filters.values())))
        if not aggregations:
            return search.sort(*self._sort(filters))
        # Each facet is counted with every facet filter but its own (a filter aggregation round
        # it, only when there is something to filter: an empty wrapper still costs a pass).
        for facet in MULTI_FACETS:
            others = [q for name, q in facet_filters.items() if name != facet]
            terms = A("terms", field=FACET_FIELDS[facet], size=len(MULTI_FACETS[facet][1].terms) + 10)
            if others:
                search.aggs.bucket(facet, "filter", filter=Q("bool", filter=others)).bucket("values", terms)
            else:
                search.aggs.bucket(facet, terms)
        features = A("terms", field="features", size=len(FEATURE_FACETS))
        if facet_filters:
            search.aggs.bucket(
                "features", "filter", filter=Q("bool", filter=list(facet_filters.values()))
            ).bucket("values", features)
        else:
            search.aggs.bucket("features", features)
        return search.sort(*self._sort(filters))

    def _base_filters(self, client, filters: AssetFilters) -> list[Q]:
        clauses = []
        if not filters.include_closed:
            clauses.append(~Q("term", status="closed"))
        for name in ("free", "step_free", "open_to_all", "mixed_ages"):
            if getattr(filters, name):
                clauses.append(Q("term", **{name: True}))
        if filters.country:
            clauses.append(Q("term", country=filters.country))
        if filters.admin_district_code:
            clauses.append(Q("term", admin_district_code=filters.admin_district_code))
        if filters.admin_county_code:
            clauses.append(Q("term", admin_county_code=filters.admin_county_code))
        if filters.modified_after:
            clauses.append(Q("range", updated_at={"gt": filters.modified_after.isoformat()}))
        if filters.open_now:
            clauses.append(open_now_query(client, filters.at))
        if filters.near:
            lat, lon = filters.near
            clauses.append(
                Q(
                    "geo_distance",
                    distance=f"{filters.effective_radius_m}m",
                    distance_type="arc",
                    location={"lat": lat, "lon": lon},
                )
            )
        return clauses

    @staticmethod
    def _sort(filters: AssetFilters) -> list:
        sort = filters.effective_sort
        if sort == "distance":
            lat, lon = filters.near
            return [
                {"_geo_distance": {"location": {"lat": lat, "lon": lon}, "order": "asc", "unit": "m"}},
                {"pk": "asc"},
            ]
        if sort == "recent":
            return [{"updated_at": "desc"}, {"pk": "desc"}]
        if sort == "newest":
            return [{"pk": "desc"}]
        return [{"name_sort": "asc"}, {"pk": "asc"}]

    # --- the response -----------------------------------------------------------------------

    @staticmethod
    def _deep_page_ids(plain: Search, start: int, per_page: int, total: int) -> list[int]:
        """A page past Elasticsearch's result window: step there with search_after (rare: the
        registry's exports and crawlers, not people)."""
        if start >= total:
            return []
        after, seen = None, 0
        while True:
            step = min(RESULT_WINDOW, start - seen) or per_page
            request = plain.extra(size=step)
            if after is not None:
                request = request.extra(search_after=after)
            hits = request.execute().hits
            if not hits:
                return []
            if seen == start:
                return [int(hit.meta.id) for hit in hits[:per_page]]
            seen += len(hits)
            after = list(hits[-1].meta.sort)

    @staticmethod
    def _load(ids: list[int], filters: AssetFilters) -> list:
        assets = public_assets().in_bulk(ids)
        hits = []
        for pk in ids:
            asset = assets.get(pk)
            if asset is None:
                continue
            distance = None
            if filters.near and asset.has_location:
                distance = great_circle_m(filters.near[0], filters.near[1], asset.latitude, asset.longitude)
            hits.append((asset, distance))
        return hits

    @staticmethod
    def _no_counts() -> dict[str, dict[str, int]]:
        """``facet_counts`` when the caller said it would not read them (hints.without_facet_counts)."""
        return {facet: {} for facet in MULTI_FACETS} | {"features": dict.fromkeys(FEATURE_FACETS, 0)}

    @staticmethod
    def _counts(aggregations) -> dict[str, dict[str, int]]:
        def buckets(name):
            aggregation = getattr(aggregations, name)
            return (aggregation["values"] if "values" in aggregation else aggregation).buckets  # noqa: SIM401 (an AttrDict: no .get)

        counts = {
            facet: {b.key: b.doc_count for b in buckets(facet) if b.doc_count} for facet in MULTI_FACETS
        }
        features = {b.key: b.doc_count for b in buckets("features")}
        counts["features"] = {name: features.get(name, 0) for name in FEATURE_FACETS}
        return counts
