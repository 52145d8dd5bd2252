"""The Elasticsearch document for find-a-space (elasticsearch-dsl), and how an asset becomes one.

One document per public (live) asset, id = the asset's primary key. Text goes through an
English analyzer (possessives, lower case, accents folded, stop words, Porter stemming); every
text field is also copied into ``all_text`` so that "every word must match" works across name,
description and keywords, as it does on the database backends. Facets are keywords, the position
a ``geo_point``, and opening hours integer ranges of seconds since Monday 00:00 local time, so
"open now" is one term query per time zone.

The analyzers use the stemmer, asciifolding and stop filters of Elasticsearch's analysis-common
module; the integ-test distribution we run lacks it, and our plugin (es-plugin/) provides them
under the same names (scripts/services.sh installs it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    GeoPoint,
    IntegerRange,
    Keyword,
    Long,
    Text,
    analyzer,
    token_filter,
)

from assets_registry.models import Asset, OpeningHours
from assets_registry.search_backends.document_columns import COLUMNS, FEATURES
from assets_registry.selectors import public_assets
from assets_registry.taxonomy import CATEGORIES, THIRD_SPACE_TYPES

SECONDS_PER_DAY = 86_400
SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY

english = analyzer(
    "cph_english",
    tokenizer="standard",
    filter=[
        token_filter("cph_possessive", type="stemmer", language="possessive_english"),
        "lowercase",
        "asciifolding",
        token_filter("cph_stop", type="stop", stopwords="_english_"),
        token_filter("cph_stemmer", type="stemmer", language="english"),
    ],
)
# Whole words, accents folded, no stemming: the last word typed, matched as a prefix.
folded = analyzer("cph_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])


class AssetDocument(Document):
    pk = Long()
    # The name alone, for ranking names that match above descriptions that do.
    name = Text(analyzer=english, copy_to="all_text")
    # Searched only through all_text: not indexed on their own (half the analysis work).
    description = Text(index=False, copy_to="all_text")
    search_keywords = Text(index=False, copy_to="all_text")
    # Every word must match somewhere in here; "folded" keeps whole words unstemmed for the
    # last word typed as a prefix.
    all_text = Text(analyzer=english, fields={"folded": Text(analyzer=folded)})
    # Lower-cased name: sort by name (the database backends sort the same way).
    name_sort = Keyword(index=False)
    location = GeoPoint()
    categories = Keyword()
    third_space_types = Keyword()
    kind = Keyword()
    setting = Keyword()
    free = Boolean()
    step_free = Boolean()
    open_to_all = Boolean()
    mixed_ages = Boolean()
    # The true ones of the four above, as one keyword list: one terms aggregation counts them all.
    features = Keyword()
    status = Keyword()
    country = Keyword()
    admin_district_code = Keyword()
    admin_county_code = Keyword()
    timezone = Keyword()
    updated_at = Date()
    open_seconds = IntegerRange()

    class Meta:
        # Hits are loaded from the database; keep _source small (no long text).
        source = {"excludes": ["description", "search_keywords"]}


def week_ranges(weekday: int, opens: dt.time, closes: dt.time) -> list[dict[str, int]]:
    """Seconds-of-week ranges for one opening period, with the database backend's rules: a period
    whose closing time is not after its opening time runs past midnight into the next day."""
    start = weekday * SECONDS_PER_DAY + opens.hour * 3600 + opens.minute * 60 + opens.second
    end_of_day = closes.hour * 3600 + closes.minute * 60 + closes.second
    end = weekday * SECONDS_PER_DAY + end_of_day
    if closes <= opens:
        end += SECONDS_PER_DAY
    if end <= SECONDS_PER_WEEK:
        return [{"gte": start, "lt": end}]
    # Sunday night into Monday morning wraps round the week.
    return [{"gte": start, "lt": SECONDS_PER_WEEK}, {"gte": 0, "lt": end - SECONDS_PER_WEEK}]


def second_of_week(moment: dt.datetime) -> int:
    return moment.weekday() * SECONDS_PER_DAY + moment.hour * 3600 + moment.minute * 60 + moment.second


def document_source(row: tuple, hours: Iterable[tuple[int, dt.time, dt.time]] = ()) -> dict:
    """The indexed fields of one asset, from a row of ``COLUMNS``."""
    values = dict(zip(COLUMNS, row, strict=True))
    pk = values.pop("id")
    latitude, longitude = values.pop("latitude"), values.pop("longitude")
    categories = CATEGORIES.values_from_mask(values.pop("category_mask"))
    third_space_types = THIRD_SPACE_TYPES.values_from_mask(values.pop("third_space_mask"))
    source = {
        **values,
        "pk": pk,
        "name_sort": (values["name"] or "").lower(),
        "categories": categories,
        "third_space_types": third_space_types,
        "open_seconds": [r for weekday, opens, closes in hours for r in week_ranges(weekday, opens, closes)],
        "features": [name for name in FEATURES if values[name]],
    }
    if latitude is not None and longitude is not None:
        source["location"] = {"lat": latitude, "lon": longitude}
    return source


def iter_sources(ids: Iterable[int] | None = None, *, batch_size: int = 2000) -> Iterator[tuple[int, dict]]:
    """(pk, document source) for every public asset, or for the public ones among ``ids``, in
    primary-key batches (keyset pagination: constant memory, no OFFSET)."""
    queryset = public_assets().order_by("pk")
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).values_list(*COLUMNS)[:batch_size])
        if not rows:
            return
        hours: dict[int, list] = {}
        for asset_id, weekday, opens, closes in OpeningHours.objects.filter(
            asset_id__in=[row[0] for row in rows]
        ).values_list("asset_id", "weekday", "opens", "closes"):
            hours.setdefault(asset_id, []).append((weekday, opens, closes))
        for row in rows:
            yield row[0], document_source(row, hours.get(row[0], ()))
        last = rows[-1][0]


def asset_document(asset: Asset) -> dict | None:
    """The document of one asset, or None when it must not be in the index (not public)."""
    return next((source for _pk, source in iter_sources([asset.pk])), None)
