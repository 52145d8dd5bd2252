"""Writes for the atlas: areas, indicators and values (used by the importers), percentiles,
the assignment of public spaces to areas, and pilot places."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from atlas.geometry import AreaIndex
from atlas.models import Area, AreaAsset, AreaKind, Indicator, IndicatorValue, PilotPlace
from atlas.sources import IndicatorSpec

BULK_BATCH = 2000

# --- areas ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaData:
    """What an importer knows about one area; ``None`` means "leave as it is"."""

    code: str
    name: str | None = None
    country: str | None = None
    region: str | None = None
    population: int | None = None
    population_source: str | None = None
    centroid: tuple[float, float] | None = None  # (lat, lon), when there is no boundary
    boundary: Any = None  # atlas.geometry.SimplifiedBoundary
    boundary_source: str | None = None
    # Importers whose names are better than the boundary file's (the Social Capital Atlas's
    # "Baltimore City, Maryland" over the Census's "Baltimore city") overwrite; others only fill.
    overwrite_name: bool = True


def _area_changes(area: Area, data: AreaData) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if data.name and (data.overwrite_name or not area.name) and area.name != data.name:
        changes["name"] = data.name
    for field in ("country", "region", "population", "population_source", "boundary_source"):
        value = getattr(data, field)
        if value is not None and getattr(area, field) != value:
            changes[field] = value
    if data.boundary is not None:
        b = data.boundary
        geometry = {
            "boundary": b.geojson,
            "centroid_lat": b.centroid_lat,
            "centroid_lon": b.centroid_lon,
            "min_lat": b.min_lat,
            "max_lat": b.max_lat,
            "min_lon": b.min_lon,
            "max_lon": b.max_lon,
        }
        changes.update({k: v for k, v in geometry.items() if getattr(area, k) != v})
    elif data.centroid is not None and not area.boundary:
        lat, lon = data.centroid
        if (area.centroid_lat, area.centroid_lon) != (lat, lon):
            changes.update(centroid_lat=lat, centroid_lon=lon)
    return changes


def areas_upsert(*, kind: str, rows: Sequence[AreaData], commit: bool = True) -> tuple[dict[str, Area], dict]:
    """Create or update areas of one kind by code; unchanged rows are not written.

    Returns ({code: area}, {"created": n, "updated": n, "unchanged": n}). With ``commit=False``
    nothing is written and new areas come back unsaved (pk None): the counts say what would happen.
    """
    existing = {a.code: a for a in Area.objects.filter(kind=kind, code__in=[r.code for r in rows])}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    to_create: list[Area] = []
    to_update: list[tuple[Area, dict[str, Any]]] = []
    result: dict[str, Area] = {}
    now = timezone.now()
    for data in rows:
        area = existing.get(data.code)
        if area is None:
            area = Area(kind=kind, code=data.code, name=data.name or data.code)
            for field, value in _area_changes(area, data).items():
                setattr(area, field, value)
            area.country = area.country or _kind_country(kind)
            area.updated_at = now
            to_create.append(area)
            counts["created"] += 1
        else:
            changes = _area_changes(area, data)
            if changes:
                for field, value in changes.items():
                    setattr(area, field, value)
                area.updated_at = now
                to_update.append((area, changes))
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        result[data.code] = area
    if commit:
        Area.objects.bulk_create(to_create, batch_size=BULK_BATCH)
        # One UPDATE per changed area: bulk_update's CASE expressions over thousands of long
        # boundary texts are far slower, on SQLite and PostgreSQL alike.
        with transaction.atomic():
            for area, changes in to_update:
                Area.objects.filter(pk=area.pk).update(**changes, updated_at=now)
        if to_create:  # bulk_create sets pks on PostgreSQL and SQLite >= 3.35; be sure anyway
            fresh = dict(
                Area.objects.filter(kind=kind, code__in=[a.code for a in to_create]).values_list("code", "pk")
            )
            for area in to_create:
                area.pk = fresh[area.code]
    return result, counts


def _kind_country(kind: str) -> str:
    from atlas.models import KIND_COUNTRIES

    return KIND_COUNTRIES.get(kind, "")


# --- indicators and values --------------------------------------------------------------------


def indicator_upsert(
    *,
    spec: IndicatorSpec,
    country: str,
    source: str,
    source_url: str,
    vintage: str,
    citation: str,
    licence: str,
    definition: str = "",
    commit: bool = True,
) -> Indicator:
    """Create or update an indicator from its spec (slug is the key)."""
    fields = {
        "name": spec.name,
        "short_name": spec.short_name,
        "description": spec.description,
        "definition": definition,
        "direction": spec.direction,
        "unit": spec.unit,
        "country": country,
        "source": source,
        "source_url": source_url,
        "vintage": vintage,
        "citation": citation,
        "licence": licence,
        "source_columns": spec.columns,
        "sort_order": spec.sort_order,
    }
    indicator = Indicator.objects.filter(slug=spec.slug).first()
    if indicator is None:
        indicator = Indicator(slug=spec.slug, **fields)
    elif any(getattr(indicator, k) != v for k, v in fields.items()):
        for key, value in fields.items():
            setattr(indicator, key, value)
    else:
        return indicator
    if commit:
        indicator.save()
    return indicator


def percentile_ranks(values: Sequence[float]) -> np.ndarray:
    """Percentile rank of each value among all: 100 x (share below + half the share equal).

    The mid-rank convention keeps ties together and the ranks symmetric (a median value gets 50).
    """
    array = np.asarray(values, dtype=float)
    if not len(array):
        return array
    ordered = np.sort(array)
    below = np.searchsorted(ordered, array, side="left")
    not_above = np.searchsorted(ordered, array, side="right")
    return 100.0 * (below + not_above) / (2 * len(array))


def indicator_values_upsert(
    *,
    indicator: Indicator,
    kind: str,
    values: Mapping[int, tuple[float, float | None]],
    missing_area_ids: Iterable[int] = (),
    commit: bool = True,
) -> dict:
    """Set one indicator's values for areas of one kind (by area id), remove the values the
    source no longer has (a blank cell means "no estimate", so a stale one must go), and
    recompute every national percentile of that indicator and kind in the same pass."""
    counts = {"created": 0, "updated": 0, "unchanged": 0, "removed": 0}
    existing: dict[int, tuple[int, float, float | None, float | None]] = {}
    if indicator.pk:
        rows = IndicatorValue.objects.filter(indicator=indicator, area__kind=kind).values_list(
            "area_id", "pk", "value", "standard_error", "percentile"
        )
        existing = {area_id: tuple(rest) for area_id, *rest in rows}
    removed = {area_id for area_id in missing_area_ids if area_id in existing}
    final = {area_id: (row[1], row[2]) for area_id, row in existing.items() if area_id not in removed}
    final.update(values)
    area_ids = list(final)
    ranks = percentile_ranks([final[a][0] for a in area_ids])
    to_create, to_update = [], []
    for area_id, rank in zip(area_ids, ranks, strict=True):
        value, se = final[area_id]
        percentile = round(float(rank), 2)
        current = existing.get(area_id)
        if current is None:
            to_create.append(
                IndicatorValue(
                    area_id=area_id,
                    indicator=indicator,
                    value=value,
                    standard_error=se,
                    percentile=percentile,
                )
            )
            counts["created"] += 1
            continue
        pk, old_value, old_se, old_percentile = current
        from_source = area_id in values
        if from_source:
            counts["updated" if (old_value, old_se) != (value, se) else "unchanged"] += 1
        if (old_value, old_se, old_percentile) != (value, se, percentile):
            to_update.append(IndicatorValue(pk=pk, value=value, standard_error=se, percentile=percentile))
    counts["removed"] = len(removed)
    if commit:
        if removed:
            IndicatorValue.objects.filter(indicator=indicator, area_id__in=removed).delete()
        IndicatorValue.objects.bulk_create(to_create, batch_size=BULK_BATCH)
        IndicatorValue.objects.bulk_update(
            to_update, ["value", "standard_error", "percentile"], batch_size=BULK_BATCH
        )
        if to_create or to_update or removed:
            indicator.save(update_fields=["updated_at"])  # a new key for the cached map
    return counts


def indicator_percentiles_refresh(*, indicator: Indicator, kind: str) -> int:
    """Recompute the national percentiles of ``indicator`` among areas of ``kind``; returns how
    many changed. (Imports do this as they write; this is for repairs.)"""
    before = dict(
        IndicatorValue.objects.filter(indicator=indicator, area__kind=kind).values_list("pk", "percentile")
    )
    indicator_values_upsert(indicator=indicator, kind=kind, values={})
    after = IndicatorValue.objects.filter(indicator=indicator, area__kind=kind).values_list(
        "pk", "percentile"
    )
    return sum(1 for pk, percentile in after if before.get(pk) != percentile)


# --- spaces in areas -------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentResult:
    assets: int
    links: int
    created: int
    removed: int


def _public_located_assets():
    from assets_registry.selectors import public_assets

    return public_assets().filter(latitude__isnull=False, longitude__isnull=False)


class LocatedAsset(NamedTuple):
    """What placing a space needs (plain tuples: instantiating 100,000 snippet models costs more
    than the geometry)."""

    pk: int
    latitude: float
    longitude: float
    country: str
    postcode: str
    status: str
    third_space_mask: int
    location_precision: str
    admin_county_code: str

    @property
    def flags(self) -> tuple[bool, bool]:
        """(open, third space), copied onto its links so counting needs no join."""
        is_open = self.status != "closed"
        return is_open, is_open and bool(self.third_space_mask)


def _located(queryset) -> list[LocatedAsset]:
    rows = queryset.values_list(
        "pk",
        "latitude",
        "longitude",
        "country",
        "postcode",
        "status",
        "third_space_mask",
        "location_precision",
        "admin_county_code",
    )
    return [LocatedAsset(*row) for row in rows]


Link = tuple[int, int, str, bool, bool]  # asset id, area id, method, open, third space


def area_index(*, areas=None) -> AreaIndex:
    """The point-in-polygon index over every area with a boundary, plus ZIP areas."""
    areas = Area.objects.all() if areas is None else areas
    polygons = areas.exclude(boundary="").values_list("pk", "boundary")
    zips = dict(areas.filter(kind=AreaKind.US_ZIP).values_list("code", "pk"))
    return AreaIndex(polygons, zips)


def assign_points(
    *, index: AreaIndex, lons: np.ndarray, lats: np.ndarray, countries: np.ndarray | None = None
) -> list[tuple[int, int, str]]:
    """(point position, area id, method) for every area each point falls in.

    Polygons by point-in-polygon; US ZIPs by nearest ZIP centroid (US points only when
    ``countries`` is given). This is the part the benchmark times.
    """
    links: list[tuple[int, int, str]] = []
    positions, area_ids = index.polygon_hits(lons, lats)
    links.extend(
        zip(positions.tolist(), area_ids.tolist(), [AreaAsset.METHOD_POLYGON] * len(positions), strict=True)
    )
    if index.zip_areas:
        us = np.arange(len(lons)) if countries is None else np.nonzero(countries == "US")[0]
        zip_positions, zip_ids = index.zip_hits(lons[us], lats[us])
        zip_positions = us[zip_positions]
        links.extend(
            zip(
                zip_positions.tolist(),
                zip_ids.tolist(),
                [AreaAsset.METHOD_NEAREST] * len(zip_positions),
                strict=True,
            )
        )
    return links


def _postcode_links(assets: Sequence, *, zip_areas: dict[str, int], district_areas: dict[str, int]):
    """Areas an asset's own postcode names: its US ZIP, its UK postcode district (outward code)."""
    for position, asset in enumerate(assets):
        postcode = (asset.postcode or "").strip().upper()
        if not postcode:
            continue
        if asset.country == "US":
            code = postcode[:5]
            if code.isdigit() and code in zip_areas:
                yield position, zip_areas[code], AreaAsset.METHOD_POSTCODE
        elif asset.country == "GB":
            outward = postcode.split()[0] if " " in postcode else postcode[:-3]
            if outward in district_areas:
                yield position, district_areas[outward], AreaAsset.METHOD_POSTCODE


def _district_areas() -> dict[str, int]:
    return dict(Area.objects.filter(kind=AreaKind.UK_POSTCODE_DISTRICT).values_list("code", "pk"))


def _zip_counties(assets: Sequence[LocatedAsset]) -> tuple[dict[int, int], set[int]]:
    """({position: county area id}, ids of US county areas) for US spaces located only by their ZIP.

    Such a space sits on its ZIP's Census ZCTA internal point, which can lie outside the ZIP's
    county (a ZCTA crossing a county line; counties redrawn since the boundary file): its county
    is the one the Census ZCTA-county relationship gives the ZIP (the gazetteer's county code,
    kept on the space), not the county boundary the point falls in.
    """
    wanted = {
        pos: a.admin_county_code
        for pos, a in enumerate(assets)
        if a.country == "US" and a.location_precision == "postcode" and a.admin_county_code
    }
    if not wanted:
        return {}, set()
    counties = Area.objects.filter(kind=AreaKind.US_COUNTY)
    by_code = dict(counties.filter(code__in=set(wanted.values())).values_list("code", "pk"))
    return (
        {pos: by_code[code] for pos, code in wanted.items() if code in by_code},
        set(counties.values_list("pk", flat=True)),
    )


def _links_for_assets(
    assets: Sequence[LocatedAsset], index: AreaIndex, district_areas: dict[str, int]
) -> set[Link]:
    """(asset id, area id, method, open, third space) for the given assets. A postcode match
    wins over the nearest-centroid guess for ZIPs, and a ZIP's county over the county boundary
    for spaces located only by their ZIP."""
    if not assets:
        return set()
    lons = np.array([a.longitude for a in assets], dtype=float)
    lats = np.array([a.latitude for a in assets], dtype=float)
    countries = np.array([a.country for a in assets])
    zip_areas = index.zip_areas
    by_postcode = list(_postcode_links(assets, zip_areas=zip_areas, district_areas=district_areas))
    zip_ids = set(zip_areas.values())
    zip_by_postcode = {pos for pos, area_id, _ in by_postcode if area_id in zip_ids}
    zip_counties, county_ids = _zip_counties(assets)
    by_postcode += [(pos, area_id, AreaAsset.METHOD_POSTCODE) for pos, area_id in zip_counties.items()]
    links = {(assets[pos].pk, area_id, method, *assets[pos].flags) for pos, area_id, method in by_postcode}
    for pos, area_id, method in assign_points(index=index, lons=lons, lats=lats, countries=countries):
        if method == AreaAsset.METHOD_NEAREST and pos in zip_by_postcode:
            continue
        if pos in zip_counties and area_id in county_ids:
            continue
        links.add((assets[pos].pk, area_id, method, *assets[pos].flags))
    return links


@transaction.atomic
def _replace_links(*, asset_ids: Sequence[int], links: set[Link]) -> tuple[int, int]:
    """Make the given assets' links exactly ``links``; returns (added, removed)."""
    existing = {
        tuple(row[1:]): row[0]
        for row in AreaAsset.objects.filter(asset_id__in=asset_ids).values_list(
            "pk", "asset_id", "area_id", "method", "is_open", "is_third_space"
        )
    }
    stale = [pk for link, pk in existing.items() if link not in links]
    to_add = [link for link in links if link not in existing]
    for start in range(0, len(stale), BULK_BATCH):
        AreaAsset.objects.filter(pk__in=stale[start : start + BULK_BATCH]).delete()
    AreaAsset.objects.bulk_create(
        [AreaAsset(asset_id=a, area_id=b, method=m, is_open=o, is_third_space=t) for a, b, m, o, t in to_add],
        batch_size=BULK_BATCH,
    )
    return len(to_add), len(stale)


PLACE_CHUNK = 10_000


def _place(
    assets: Sequence[LocatedAsset], *, asset_ids: Sequence[int], index, districts
) -> tuple[int, int, int]:
    """Make the links of ``asset_ids`` exactly those of ``assets`` (the public, located ones among
    them), chunk by chunk; returns (links, added, removed)."""
    located = {a.pk: a for a in assets}
    links_total = created = removed = 0
    for start in range(0, len(asset_ids), PLACE_CHUNK):
        chunk = asset_ids[start : start + PLACE_CHUNK]
        links = _links_for_assets([located[pk] for pk in chunk if pk in located], index, districts)
        links_total += len(links)
        c, r = _replace_links(asset_ids=chunk, links=links)
        created, removed = created + c, removed + r
    return links_total, created, removed


def assign_assets_to_areas(*, progress: bool = False, stdout=None) -> AssignmentResult:
    """Place every public, located space in its areas and drop links of spaces that are no
    longer public or have moved. Idempotent; for rebuilding after new boundaries are imported
    (changes to spaces reach ``spaces_areas_refresh`` by themselves)."""
    from tqdm import tqdm

    from importing.progress import progress_stream

    index = area_index()
    public = _public_located_assets()
    assets = _located(public.order_by("pk"))
    districts = _district_areas()
    links_total = created = removed = 0
    for start in tqdm(
        range(0, len(assets), PLACE_CHUNK),
        desc="Assign spaces to areas",
        unit="chunk",
        disable=not progress,
        file=progress_stream(stdout),
    ):
        batch = assets[start : start + PLACE_CHUNK]
        n, c, r = _place(batch, asset_ids=[a.pk for a in batch], index=index, districts=districts)
        links_total, created, removed = links_total + n, created + c, removed + r
    # Spaces that are no longer public (unpublished, deleted) or lost their position.
    gone, _ = AreaAsset.objects.exclude(asset_id__in=public.values("pk")).delete()
    return AssignmentResult(assets=len(assets), links=links_total, created=created, removed=removed + gone)


def spaces_areas_refresh(*, asset_ids: Iterable[int]) -> AssignmentResult:
    """Re-place these spaces after a change (published, unpublished, moved, closed, deleted);
    the atlas's listener of the registry's ``spaces_changed``.

    Reads only these spaces and only the areas their bounding box reaches, and writes only the
    links that differ: a space's edit costs a few small queries, and a bulk import's 100,000 new
    spaces one pass like ``assign_assets_to_areas`` over them. Nothing to do without areas.
    """
    ids = sorted(set(asset_ids))
    if not ids or not Area.objects.exists():  # no areas: no links to make or keep
        return AssignmentResult(assets=0, links=0, created=0, removed=0)
    public = _public_located_assets()
    assets = []
    for start in range(0, len(ids), PLACE_CHUNK):
        assets += _located(public.filter(pk__in=ids[start : start + PLACE_CHUNK]).order_by("pk"))
    index = area_index(areas=_areas_around(assets))
    links, created, removed = _place(assets, asset_ids=ids, index=index, districts=_district_areas())
    return AssignmentResult(assets=len(assets), links=links, created=created, removed=removed)


def _areas_around(assets: Sequence[LocatedAsset]):
    """Areas whose bounding box meets the spaces' (US ZIPs, placed by centroid, always)."""
    if not assets:
        return Area.objects.none()
    lats = [a.latitude for a in assets]
    lons = [a.longitude for a in assets]
    return Area.objects.filter(
        Q(min_lat__lte=max(lats), max_lat__gte=min(lats), min_lon__lte=max(lons), max_lon__gte=min(lons))
        | Q(kind=AreaKind.US_ZIP)
    )


# --- pilot places ----------------------------------------------------------------------------


def pilot_place_upsert(
    *,
    slug: str,
    name: str,
    country: str,
    summary: str,
    areas: Iterable[Area],
    sort_order: int = 100,
) -> PilotPlace:
    place, _ = PilotPlace.objects.update_or_create(
        slug=slug, defaults={"name": name, "country": country, "summary": summary, "sort_order": sort_order}
    )
    place.areas.set(list(areas))
    return place
