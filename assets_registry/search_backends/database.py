"""Find-a-space on the site's own database (SQLite or PostgreSQL), without GeoDjango.

How a query runs (see docs/registry.md for the measurements):

1. SQL narrows to public rows matching the cheap, selective filters: text (SQLite FTS5 table /
   PostgreSQL GIN tsvector index, both made by migration 0002), booleans, area, dates, and, with
   a location, the bounding box of the circle via the ``(grid_row, longitude)`` index: one short
   index range per 0.01° latitude band instead of one long latitude range.
2. With a location, Python gets only narrow tuples for those candidates, computes the exact
   great-circle distance (geopy's formula), drops the corners of the box, applies the facet
   filters and counts facets in one pass, sorts and slices the page.
   Without a location, the database groups rows by their facet columns (a few hundred
   combinations at most) for the counts, and orders and slices the page itself.
3. Only the page's assets are loaded as model instances.

Facets are bit masks (categories, third-space types) and short indexed columns (kind,
setting), so counting needs no joins on either database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
import zoneinfo
from collections import Counter

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from assets_registry.models import GRID_ROWS_PER_DEGREE, Asset, OpeningHours
from assets_registry.search_backends import postgres_newest, sqlite_newest
from assets_registry.search_backends.base import EARTH_RADIUS_M, bounding_box, great_circle_m
from assets_registry.search_backends.hints import facet_counts_wanted, total_limit
from assets_registry.selectors import FEATURE_FACETS, AssetFilters, AssetSearchPage, public_assets
from assets_registry.taxonomy import CATEGORIES, THIRD_SPACE_TYPES

FTS_TABLE = sqlite_newest.FTS_TABLE
# Must match the expression of the (cell, word) GIN index of migration 0005 for PostgreSQL to use it.
TEXT_VECTOR_SQL = (
    "to_tsvector('english'::regconfig, coalesce({t}.name, '') || ' ' || coalesce({t}.description, '')"
    " || ' ' || coalesce({t}.search_keywords, ''))"
)
MAX_TEXT_WORDS = 8
TIMEZONES_CACHE_KEY = "assets_registry:timezones"


# Map cells (migration 0005): cells per degree, finest first. A search near a place names the
# cells under its box, so the text index answers "this word, here" instead of "this word, anywhere".
CELLS_PER_DEGREE = (50, 10, 2)
MAX_BOX_CELLS = 150  # beyond this (radius over ~200 km, or near a pole) search without cells
TSQUERY_TERM = re.compile(r"'((?:[^']|'')*)':\*")


# Order of the list without a location (distance needs one: name instead).
ORDER_BY = {
    "name": ("name", "id"),
    "distance": ("name", "id"),
    "recent": ("-updated_at", "-id"),
    "newest": ("-id",),
}


def text_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())[:MAX_TEXT_WORDS]


def box_cells(min_lat: float, max_lat: float, lon_ranges: list[tuple[float, float]]) -> list[str] | None:
    """Tokens of the cells covering the box, at the finest size needing at most MAX_BOX_CELLS.

    The same expressions as the index (floor((lat + 90) * n)) and floor is monotonic, so every
    point inside the box lies in one of these cells."""
    for n in CELLS_PER_DEGREE:
        rows = range(math.floor((min_lat + 90) * n), math.floor((max_lat + 90) * n) + 1)
        columns = [
            column
            for lo, hi in lon_ranges
            for column in range(math.floor((lo + 180) * n), math.floor((hi + 180) * n) + 1)
        ]
        if len(rows) * len(columns) <= MAX_BOX_CELLS:
            return [f"c{n}x{row}y{column}" for row in rows for column in columns]
    return None


def filter_text(queryset: QuerySet, text: str, cells: list[str] | None = None) -> QuerySet:
    """Every word must match (stemmed), the last one also as the start of a word: "commun choi"
    finds "Community Choir". On PostgreSQL every word is matched as a prefix, because its English
    stemmer does not always stem a word's start as it stems the whole word ("commun" /
    "communiti"); SQLite's Porter stemmer and Elasticsearch's do.

    With ``cells`` (``box_cells`` of the search box; the caller still keeps only the rows inside
    the circle) the text index is asked only for matches in those cells."""
    words = text_words(text)
    if not words:
        return queryset
    table = connection.ops.quote_name(Asset._meta.db_table)
    if connection.vendor == "postgresql":
        tsquery = postgres_newest.prefix_tsquery(words)
        vector = TEXT_VECTOR_SQL.format(t=table)
        cell_query = cells and postgres_cell_query(tsquery, cells)
        if cell_query:
            # Implies the plain condition below: every (cell, lexeme) pair comes from that tsvector.
            return queryset.extra(
                where=[
                    f"assets_registry_cell_words({vector}, {table}.latitude, {table}.longitude)"
                    " @@ %s::tsquery"
                ],
                params=[cell_query],
            )
        # The stored vector (migration 0006): rows rechecked are not re-parsed.
        return postgres_newest.text_vector_matches(queryset, tsquery)
    if connection.vendor == "sqlite":
        match = sqlite_text_match(words)
        if cells:
            # "+" keeps the box's covering index as the outer loop; FTS5 gives the few ids here.
            match += f" AND cells: ({' OR '.join(cells)})"
            where = f"+{table}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        else:
            where = f"{table}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        return queryset.extra(where=[where], params=[match])
    # Any other database: plain substring matching (slow at scale, but correct).
    for word in words:
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(search_keywords__icontains=word)
        )
    return queryset


def sqlite_text_match(words: list[str]) -> str:
    """Every word, stemmed; the last one also as the start of a word, as it may still be being
    typed ("commun choi" finds "Community Choir"), the way Elasticsearch matches them. FTS5 lists
    every match of a prefix before combining it with the other words (90 ms for "and"* among a
    million spaces), while a whole word's matches it skips through."""
    *whole, last = words
    phrases = " ".join([f'"{word}"' for word in whole] + [f'"{last}"*'])
    return f"{{name description search_keywords}}: ({phrases})"  # not the cells column


def postgres_cell_index_answers(text: str, cells: list[str] | None) -> bool:
    """Whether ``filter_text`` asks PostgreSQL's (cell, word) index for ``text`` in ``cells``."""
    words = text_words(text)
    return bool(cells and words and postgres_cell_query(postgres_newest.prefix_tsquery(words), cells))


@functools.lru_cache(maxsize=1024)
def postgres_parsed_tsquery(tsquery: str) -> str:
    """How PostgreSQL stems the words (one round trip per distinct query, then remembered)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsquery('english'::regconfig, %s)::text", [tsquery])
        return cursor.fetchone()[0]


def postgres_cell_query(tsquery: str, cells: list[str]) -> str | None:
    """``'club':* & 'choir':*`` (as PostgreSQL stems it) -> ``('c50x..wclub':* | ...) & (...)``,
    for migration 0005's (cell, lexeme) index; None when the query is not a plain AND of prefix
    terms (stop words only, a word the parser splits), so the caller keeps the plain condition."""
    parsed = postgres_parsed_tsquery(tsquery)
    terms = TSQUERY_TERM.findall(parsed)
    if not terms or TSQUERY_TERM.sub("", parsed).replace("&", "").strip():
        return None
    return " & ".join("(" + " | ".join(f"'{cell}w{term}':*" for cell in cells) + ")" for term in terms)


def postgres_short_lookup(cursor, sql: str, params) -> list[tuple]:
    """Run a (cell, word) index lookup without parallel workers or JIT compilation.

    PostgreSQL estimates a tsquery of many cell terms at ~2,000 times its real rows (62,783 for
    28), so it would start two workers and JIT-compile the query: 25-40 ms of set-up for a 1 ms
    lookup. The settings are changed for this statement only and put back afterwards, also
    inside a caller's transaction."""
    with transaction.atomic(using=cursor.db.alias):
        cursor.execute(
            "SELECT current_setting('max_parallel_workers_per_gather'), current_setting('jit'),"
            " set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)"
        )
        workers, jit = cursor.fetchone()[:2]
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT set_config('max_parallel_workers_per_gather', %s, true), set_config('jit', %s, true)",
            [workers, jit],
        )
    return rows


def known_timezones() -> list[str]:
    zones = cache.get(TIMEZONES_CACHE_KEY)
    if zones is None:
        zones = sorted(set(Asset.objects.exclude(timezone="").values_list("timezone", flat=True).distinct()))
        cache.set(TIMEZONES_CACHE_KEY, zones, 600)
    return zones


def open_now_q(at: dt.datetime | None = None) -> Q:
    """Spaces open at ``at`` in their own time zone (periods past midnight included)."""
    now = at or timezone.now()
    condition = Q(pk__in=[])
    for name in known_timezones():
        try:
            local = now.astimezone(zoneinfo.ZoneInfo(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        day, time, yesterday = local.weekday(), local.time(), (local.weekday() - 1) % 7
        periods = OpeningHours.objects.filter(asset=OuterRef("pk")).filter(
            Q(weekday=day, opens__lte=time, closes__gt=time)
            | Q(weekday=day, opens__lte=time, closes__lte=F("opens"))
            | Q(weekday=yesterday, closes__gt=time, closes__lte=F("opens"))
        )
        condition |= Q(timezone=name) & Exists(periods)
    return condition & Q(status="active")


class DatabaseAssetSearch:
    """The default ``ASSET_SEARCH_BACKEND``. Implements ``base.AssetSearchBackend``."""

    def search(self, filters: AssetFilters, *, page: int, per_page: int) -> AssetSearchPage:
        lower_bound = False
        if filters.near:
            hits, total, counts = self._search_near(filters, page, per_page)
        elif not facet_counts_wanted():
            hits, total, lower_bound = self._list_everywhere(filters, page, per_page)
            counts = FacetMatcher(filters).counts()  # all empty: nobody asked
        else:
            queryset = self.prefiltered(filters)
            hits, total, counts = self._search_everywhere(queryset, filters, page, per_page)
        return AssetSearchPage(
            hits=hits,
            total=total,
            page=page,
            per_page=per_page,
            facet_counts=counts,
            filters=filters,
            total_is_lower_bound=lower_bound,
        )

    # --- step 1: SQL filters that are not facets -------------------------------------------

    def prefiltered(self, filters: AssetFilters, cells: list[str] | None = None) -> QuerySet:
        queryset = public_assets()
        if not filters.include_closed:
            queryset = queryset.exclude(status="closed")
        for name in ("free", "step_free", "open_to_all", "mixed_ages"):
            if getattr(filters, name):
                queryset = queryset.filter(**{name: True})
        if filters.country:
            queryset = queryset.filter(country=filters.country)
        if filters.admin_district_code:
            queryset = queryset.filter(admin_district_code=filters.admin_district_code)
        if filters.admin_county_code:
            queryset = queryset.filter(admin_county_code=filters.admin_county_code)
        if filters.modified_after:
            queryset = queryset.filter(updated_at__gt=filters.modified_after)
        if filters.open_now:
            queryset = queryset.filter(open_now_q(filters.at))
        return filter_text(queryset, filters.text, cells)

    # --- step 2a: with a location ----------------------------------------------------------

    def _search_near(self, filters, page, per_page):
        lat, lon = filters.near
        radius = filters.effective_radius_m
        min_lat, max_lat, lon_ranges = bounding_box(lat, lon, radius)
        cells = box_cells(min_lat, max_lat, lon_ranges)
        queryset = self.prefiltered(filters, cells)
        # On PostgreSQL the (cell, word) index alone gives the few matches around the place, and
        # the circle test below is exact: a box condition would only tempt the planner (which
        # expects ~100 rows in any box) into the box index, recomputing every row's tsvector
        # (6,000 rows in Glasgow: 400 ms against 2 ms).
        short_lookup = connection.vendor == "postgresql" and postgres_cell_index_answers(filters.text, cells)
        if not short_lookup:
            rows_in_box = range(
                math.floor(min_lat * GRID_ROWS_PER_DEGREE), math.floor(max_lat * GRID_ROWS_PER_DEGREE) + 1
            )
            in_lon = Q()
            for lo, hi in lon_ranges:
                in_lon |= Q(longitude__gte=lo, longitude__lte=hi)
            queryset = queryset.filter(
                in_lon, grid_row__in=list(rows_in_box), latitude__range=(min_lat, max_lat)
            )

        columns = ["id", "latitude", "longitude", "category_mask", "third_space_mask", "kind", "setting"]
        columns += list(FEATURE_FACETS)
        sort = filters.effective_sort
        if sort == "name":
            columns.append("name")
        elif sort == "recent":
            columns.append("updated_at")
        # One pass over narrow tuples (5,000-25,000 of them in a dense city): a cheap haversine
        # term decides inside/outside (exact great-circle only within 1e-9 of the edge) and
        # orders the hits (it grows with the distance); facets are tested once per distinct
        # combination of facet values, not once per row.
        cos_lat, edge = math.cos(math.radians(lat)), math.sin(radius / (2 * EARTH_RADIUS_M)) ** 2
        surely_in, surely_out = edge * (1 - 1e-9), edge * (1 + 1e-9)
        inside = []
        sql, params = queryset.values_list(*columns).order_by().query.sql_with_params()
        with connection.cursor() as cursor:
            if short_lookup:
                rows = postgres_short_lookup(cursor, sql, params)
            else:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            for row in rows:
                half = (
                    math.sin(math.radians(row[1] - lat) / 2) ** 2
                    + cos_lat * math.cos(math.radians(row[1])) * math.sin(math.radians(row[2] - lon) / 2) ** 2
                )
                if half <= surely_in or (
                    half <= surely_out and great_circle_m(lat, lon, row[1], row[2]) <= radius
                ):
                    inside.append((row, half))
        matcher = FacetMatcher(filters)
        passes = {
            key: matcher.add(key[0], key[1], key[2], key[3], key[4:], weight=n)
            for key, n in Counter(row[3:11] for row, _half in inside).items()
        }
        kept = [(row, half) for row, half in inside if passes[row[3:11]]]

        if sort == "name":
            kept.sort(key=lambda item: (item[0][11].lower(), item[0][0]))
        elif sort == "recent":
            kept.sort(key=lambda item: (item[0][11], item[0][0]), reverse=True)
        elif sort == "newest":
            kept.sort(key=lambda item: item[0][0], reverse=True)
        else:
            kept.sort(key=lambda item: (item[1], item[0][0]))
        start = (page - 1) * per_page
        page_items = kept[start : start + per_page]
        assets = Asset.objects.in_bulk([row[0] for row, _half in page_items])
        hits = [
            (assets[row[0]], great_circle_m(lat, lon, row[1], row[2]))
            for row, _half in page_items
            if row[0] in assets
        ]
        return hits, len(kept), matcher.counts()

    # --- step 2b: without a location -------------------------------------------------------

    def _search_everywhere(self, queryset, filters, page, per_page):
        facet_columns = ["category_mask", "third_space_mask", "kind", "setting", *FEATURE_FACETS]
        matcher = FacetMatcher(filters)
        for row in (
            queryset.values(*facet_columns)
            .annotate(n=Count("id"))
            .order_by()
            .values_list(*facet_columns, "n")
        ):
            matcher.add(row[0], row[1], row[2], row[3], row[4:8], weight=row[8])

        queryset = self.facet_filtered(queryset, filters).order_by(*ORDER_BY[filters.effective_sort])
        start = (page - 1) * per_page
        hits = [(asset, None) for asset in queryset[start : start + per_page]]
        return hits, matcher.total, matcher.counts()

    def _list_everywhere(self, filters, page, per_page):
        """A page and how many match, without facet counts (``hints``): the search page's
        preview. Counting stops one past ``hints.total_limit()``."""
        limit, start = total_limit(), (page - 1) * per_page
        words = text_words(filters.text)
        newest_by_text = words and filters.effective_sort == "newest"
        if newest_by_text and connection.vendor == "sqlite":
            ids, total = sqlite_newest.newest_matches(
                self._without_text(filters),
                sqlite_text_match(words),
                start=start,
                count=per_page,
                count_up_to=limit,
            )
        elif newest_by_text and connection.vendor == "postgresql" and limit is not None:
            ids, total = postgres_newest.newest_matches(
                self._without_text(filters),
                words,
                start=start,
                count=per_page,
                count_up_to=limit,
            )
        else:
            # No words, another order, or another database: the page and a count up to the limit.
            queryset = self.facet_filtered(self.prefiltered(filters), filters).order_by()
            page_ids = queryset.order_by(*ORDER_BY[filters.effective_sort])[start : start + per_page]
            ids = list(page_ids.values_list("id", flat=True))
            total = queryset.count() if limit is None else queryset.values("id")[: limit + 1].count()
        assets = Asset.objects.in_bulk(ids)
        hits = [(assets[pk], None) for pk in ids if pk in assets]
        lower_bound = limit is not None and total > limit
        return hits, limit if lower_bound else total, lower_bound

    def _without_text(self, filters: AssetFilters) -> QuerySet:
        return self.facet_filtered(self.prefiltered(dataclasses.replace(filters, text="")), filters)

    @staticmethod
    def facet_filtered(queryset: QuerySet, filters: AssetFilters) -> QuerySet:
        if filters.categories:
            queryset = queryset.alias(
                _cat=F("category_mask").bitand(CATEGORIES.mask(filters.categories))
            ).exclude(_cat=0)
        if filters.third_space_types:
            queryset = queryset.alias(
                _tst=F("third_space_mask").bitand(THIRD_SPACE_TYPES.mask(filters.third_space_types))
            ).exclude(_tst=0)
        if filters.kinds:
            queryset = queryset.filter(kind__in=filters.kinds)
        if filters.settings:
            queryset = queryset.filter(setting__in=filters.settings)
        return queryset


class FacetMatcher:
    """Applies the facet filters to one row (or one group of identical rows) at a time and
    keeps disjunctive counts: each facet counted with every filter but its own."""

    def __init__(self, filters: AssetFilters):
        self.category_mask = CATEGORIES.mask(filters.categories)
        self.type_mask = THIRD_SPACE_TYPES.mask(filters.third_space_types)
        self.kinds = set(filters.kinds)
        self.settings = set(filters.settings)
        self.total = 0
        self._categories: Counter = Counter()  # by mask, expanded to values in counts()
        self._types: Counter = Counter()
        self._kinds: Counter = Counter()
        self._settings: Counter = Counter()
        self._features: Counter = Counter()

    def add(self, category_mask, type_mask, kind, setting, features, weight: int = 1) -> bool:
        """Count the row; True when it passes every facet filter."""
        ok_category = not self.category_mask or bool(category_mask & self.category_mask)
        ok_type = not self.type_mask or bool(type_mask & self.type_mask)
        ok_kind = not self.kinds or kind in self.kinds
        ok_setting = not self.settings or setting in self.settings
        failures = (not ok_category) + (not ok_type) + (not ok_kind) + (not ok_setting)
        if failures > 1:
            return False
        if ok_type and ok_kind and ok_setting:
            self._categories[category_mask] += weight
        if ok_category and ok_kind and ok_setting:
            self._types[type_mask] += weight
        if ok_category and ok_type and ok_setting:
            self._kinds[kind] += weight
        if ok_category and ok_type and ok_kind:
            self._settings[setting] += weight
        if failures:
            return False
        self.total += weight
        for name, value in zip(FEATURE_FACETS, features, strict=True):
            if value:
                self._features[name] += weight
        return True

    def counts(self) -> dict[str, dict[str, int]]:
        def expand(by_mask: Counter, vocabulary) -> dict[str, int]:
            counts: Counter = Counter()
            for mask, n in by_mask.items():
                for value in vocabulary.values_from_mask(mask):
                    counts[value] += n
            return dict(counts)

        return {
            "third_space_types": expand(self._types, THIRD_SPACE_TYPES),
            "categories": expand(self._categories, CATEGORIES),
            "kinds": {k: n for k, n in self._kinds.items() if k},
            "settings": {k: n for k, n in self._settings.items() if k},
            "features": {name: self._features[name] for name in FEATURE_FACETS},
        }
