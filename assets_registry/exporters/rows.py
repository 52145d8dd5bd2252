"""The public face of a space as a plain dict, streamed in chunks.

``public_fields.PUBLIC_FIELDS`` is the one list of model fields that may leave the site (pages
aside): the API, GeoJSON, CSV and HSDS exports all build on it. The moderation state is
deliberately absent (a submitter's e-mail is not on a space at all); only published spaces
(``selectors.public_assets()``) are read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.urls import reverse

from assets_registry.models import Asset, OpeningHours
from assets_registry.public_fields import PUBLIC_FIELDS
from assets_registry.selectors import MAX_PER_PAGE, AssetFilters, asset_search, public_assets

DEFAULT_CHUNK_SIZE = 2000
_SLUG_PLACEHOLDER = "slug-placeholder"


def page_url_prefix(base_url: str = "") -> tuple[str, str]:
    """(before, after) around the slug in a space's page URL: one reverse() per export, not per row."""
    path = reverse("assets_registry:detail", kwargs={"slug": _SLUG_PLACEHOLDER})
    before, after = path.split(_SLUG_PLACEHOLDER)
    return base_url.rstrip("/") + before, after


def _iso(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _hours_by_asset(ids: Iterable[int]) -> dict[int, list[dict]]:
    hours: dict[int, list[dict]] = defaultdict(list)
    rows = (
        OpeningHours.objects.filter(asset_id__in=list(ids))
        .order_by("asset_id", "sort_order", "weekday", "opens", "pk")
        .values_list("asset_id", "weekday", "opens", "closes")
    )
    for asset_id, weekday, opens, closes in rows:
        hours[asset_id].append(
            {"weekday": weekday, "opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}
        )
    return hours


def _finish(rows: list[dict], url: tuple[str, str], *, opening_hours: bool = True) -> list[dict]:
    """Add the page URL, opening hours (one query per chunk) and ISO dates, to the fields present."""
    hours = _hours_by_asset(row["id"] for row in rows) if opening_hours else {}
    for row in rows:
        row["url"] = f"{url[0]}{row['slug']}{url[1]}"
        if opening_hours:
            row["opening_hours"] = hours.get(row["id"], [])
        for name in ("last_verified", "created_at", "updated_at"):
            if name in row:
                row[name] = _iso(row[name])
        for name in ("categories", "third_space_types"):
            if name in row:
                row[name] = list(row[name] or [])
    return rows


def asset_row(asset: Asset, *, base_url: str = "", distance_m: float | None = None) -> dict:
    """One space's public dict (for a single-object response)."""
    return hit_rows([(asset, distance_m)], url=page_url_prefix(base_url))[0]


def hit_rows(
    hits: Iterable[tuple[Asset, float | None]],
    *,
    url: tuple[str, str] | None = None,
    fields: tuple[str, ...] = PUBLIC_FIELDS,
) -> list[dict]:
    """Public rows of search hits ((asset, distance) pairs), with ``distance_m`` when searching near
    a place: what the API and the exports show of a page of find-a-space (all public fields and
    opening hours), or the map of it (``fields=MAP_FIELDS``)."""
    hits = list(hits)
    rows = _finish(
        [{name: getattr(asset, name) for name in fields} for asset, _d in hits],
        url or page_url_prefix(),
        opening_hours=fields == PUBLIC_FIELDS,
    )
    for row, (_asset, distance) in zip(rows, hits, strict=True):
        if distance is not None:
            row["distance_m"] = round(distance, 1)
    return rows


def public_row_chunks(
    filters: AssetFilters | None = None, *, base_url: str = "", chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Iterator[list[dict]]:
    """Chunks of public rows.

    ``filters=None``: every published space, closed ones included (the full download), in id order,
    read with keyset pagination so neither database holds a growing cursor or offset.
    With filters: exactly what find-a-space shows for them (``selectors.asset_search``, any
    backend), page after page, in the list's order, with ``distance_m`` when searching near a place.
    """
    url = page_url_prefix(base_url)
    if filters is None:
        last_id = 0
        queryset = public_assets().order_by("id").values(*PUBLIC_FIELDS)
        while True:
            rows = list(queryset.filter(id__gt=last_id)[:chunk_size])
            if not rows:
                return
            last_id = rows[-1]["id"]
            yield _finish(rows, url)
        return
    page, per_page = 1, min(chunk_size, MAX_PER_PAGE)
    while True:
        result = asset_search(filters=filters, page=page, per_page=per_page)
        if not result.hits:
            return
        yield hit_rows(result.hits, url=url)
        if not result.has_next:
            return
        page += 1


def public_rows(
    filters: AssetFilters | None = None, *, base_url: str = "", chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Iterator[dict]:
    """Public rows one by one (see ``public_row_chunks``)."""
    for chunk in public_row_chunks(filters, base_url=base_url, chunk_size=chunk_size):
        yield from chunk
