"""Reads for the atlas pages: the table and map of one indicator, an area's page, search,
related toolkits and case studies, and pilot places."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import (
    Count,
    F,
    FilteredRelation,
    Max,
    Q,
    QuerySet,
)
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from atlas import rules
from atlas.models import (
    KIND_COUNTRIES,
    KIND_PLURALS,
    Area,
    AreaAsset,
    AreaKind,
    Indicator,
    IndicatorValue,
    PilotPlace,
)
from atlas.sources import AREA_NOUNS, NEED_MEASURES

DEFAULT_KIND = AreaKind.US_COUNTY
MAP_CACHE_SECONDS = 60 * 60
# ColorBrewer "YlGnBu", 5 classes: sequential and safe for colour-blind readers (light = low).
PALETTE = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
NO_DATA_COLOUR = "#ffffff"
CLASS_NAMES = ["Lowest fifth", "Second fifth", "Middle fifth", "Fourth fifth", "Highest fifth"]
SORTS = {
    "name": "name",
    "region": "region",
    "value": "value",
    "percentile": "percentile",
    "spaces": "spaces",
    "density": "density",
    "population": "population",
}

# A London borough and the local authority with the same GSS code are the same place:
# indicators published for one are shown on the other's page.
TWIN_KINDS = {AreaKind.LONDON_BOROUGH: AreaKind.UK_LAD, AreaKind.UK_LAD: AreaKind.LONDON_BOROUGH}


# --- kinds and indicators -------------------------------------------------------------------


def kinds_in_use() -> list[tuple[str, str, int]]:
    """(kind, label, number of areas) for kinds that have areas, in AreaKind order."""
    counts = dict(Area.objects.values_list("kind").annotate(n=Count("pk")))
    return [(k.value, KIND_PLURALS[k], counts[k.value]) for k in AreaKind if counts.get(k.value)]


def indicators_for_kind(kind: str) -> QuerySet[Indicator]:
    """Indicators with at least one value for this kind of area (the choices on /atlas/)."""
    with_values = IndicatorValue.objects.filter(area__kind=kind).values("indicator_id").distinct()
    return Indicator.objects.filter(pk__in=with_values).order_by("sort_order", "name")


def default_indicator(kind: str) -> Indicator | None:
    """The country's measure of need (economic connectedness first), else the first measure."""
    indicators = {i.slug: i for i in indicators_for_kind(kind)}
    for spec in NEED_MEASURES.get(KIND_COUNTRIES.get(kind, ""), []):
        if spec.slug in indicators:
            return indicators[spec.slug]
    return next(iter(indicators.values()), None)


# --- legend ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegendClass:
    index: int
    name: str
    low: float
    high: float
    colour: str


@dataclass(frozen=True)
class Legend:
    indicator: Indicator
    classes: list[LegendClass]
    no_data_colour: str = NO_DATA_COLOUR

    def class_for(self, value: float | None) -> LegendClass | None:
        if value is None or not self.classes:
            return None
        for legend_class in self.classes:
            if value <= legend_class.high:
                return legend_class
        return self.classes[-1]

    def as_dict(self) -> dict:
        return {
            "breaks": [c.high for c in self.classes],
            "colours": [c.colour for c in self.classes],
            "noData": self.no_data_colour,
        }


def legend_for(*, indicator: Indicator, kind: str) -> Legend:
    """Quintile classes of the indicator's values across the country's areas of this kind."""
    key = f"atlas:legend:{kind}:{indicator.slug}:{data_version(kind=kind, indicator=indicator)}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    values = sorted(
        IndicatorValue.objects.filter(indicator=indicator, area__kind=kind).values_list("value", flat=True)
    )
    classes: list[LegendClass] = []
    if values:
        n = len(values)
        edges = [values[min(n - 1, (n * q) // 5)] for q in range(1, 5)] + [values[-1]]
        low = values[0]
        for index, high in enumerate(edges):
            if classes and high <= classes[-1].high:  # ties: skip empty classes
                continue
            classes.append(LegendClass(index, CLASS_NAMES[index], low, high, PALETTE[index]))
            low = high
    legend = Legend(indicator=indicator, classes=classes)
    cache.set(key, legend, MAP_CACHE_SECONDS)
    return legend


def data_version(*, kind: str, indicator: Indicator) -> str:
    """Changes whenever areas of this kind or the indicator's values change (cache keys, ETags)."""
    latest_area = Area.objects.filter(kind=kind).aggregate(m=Max("updated_at"))["m"]
    stamp = latest_area.timestamp() if latest_area else 0
    return f"{stamp:.6f}-{indicator.updated_at.timestamp():.6f}"


# --- the table ---------------------------------------------------------------------------------


def areas_with_indicator(*, kind: str, indicator: Indicator | None) -> QuerySet[Area]:
    """Areas of a kind with the indicator's value, standard error and percentile (None when
    the area has no estimate), without their boundaries."""
    areas = Area.objects.filter(kind=kind).defer("boundary")
    if indicator is None:
        return areas
    return areas.annotate(
        chosen=FilteredRelation("values", condition=Q(values__indicator=indicator)),
    ).annotate(
        value=F("chosen__value"),
        standard_error=F("chosen__standard_error"),
        percentile=F("chosen__percentile"),
    )


COUNT_SORTS = {"spaces", "density"}


def atlas_table(
    *, kind: str, indicator: Indicator | None, sort: str = "name", descending: bool = False, query: str = ""
) -> QuerySet[Area] | list[Area]:
    """The table's rows, sorted. Sorting by an indicator, name or population happens in SQL and
    ``fill_space_counts`` later counts spaces for the page's rows only; sorting by spaces or
    density counts them for every area in one grouped query and sorts in Python (a few
    thousand rows), which is far cheaper than aggregating through the area table."""
    column = SORTS.get(sort, "name")
    if column in {"value", "percentile"} and indicator is None:
        column = "name"
    areas = areas_with_indicator(kind=kind, indicator=indicator)
    if query:
        areas = areas.filter(
            Q(name__icontains=query) | Q(code__iexact=query.strip()) | Q(region__iexact=query.strip())
        )
    if column not in COUNT_SORTS:
        expression = F(column).desc(nulls_last=True) if descending else F(column).asc(nulls_last=True)
        return areas.order_by(expression, "name", "code")
    rows = list(areas)
    fill_space_counts(rows, kind=kind)
    rows.sort(key=lambda a: (a.name, a.code))
    present = [a for a in rows if getattr(a, column) is not None]
    present.sort(key=lambda a: getattr(a, column), reverse=descending)  # stable: ties stay by name
    return present + [a for a in rows if getattr(a, column) is None]


def space_counts(*, area_ids=None, kind: str | None = None) -> tuple[dict[int, int], dict[int, int]]:
    """({area id: open public spaces}, {area id: open third spaces}), in one grouped query."""
    links = AreaAsset.objects.filter(is_open=True)  # links exist only for public spaces
    if area_ids is not None:
        links = links.filter(area_id__in=area_ids)
    elif kind:
        links = links.filter(area__kind=kind)
    spaces, third = {}, {}
    rows = (
        links.values_list("area_id")
        .annotate(n=Count("pk"), t=Count("pk", filter=Q(is_third_space=True)))
        .order_by()
    )
    for area_id, n, t in rows:
        spaces[area_id], third[area_id] = n, t
    return spaces, third


def fill_space_counts(areas: list[Area], *, kind: str | None = None) -> None:
    """Set ``spaces``, ``third_spaces`` and ``density`` on areas that lack them.

    With ``kind``, counts every area of that kind at once (for sorting a whole table)."""
    missing = [a for a in areas if not hasattr(a, "spaces")]
    if not missing:
        return
    spaces, third = space_counts(kind=kind) if kind else space_counts(area_ids=[a.pk for a in missing])
    for area in missing:
        area.spaces = spaces.get(area.pk, 0)
        area.third_spaces = third.get(area.pk, 0)
        area.density = rules.per_10k(area.third_spaces, area.population)


# --- the map --------------------------------------------------------------------------------


def map_geojson(*, kind: str, indicator: Indicator | None) -> tuple[bytes, str]:
    """(GeoJSON bytes, version) of every area of a kind with its value and class.

    Built by joining the stored (already simplified) GeoJSON text without parsing it, and
    cached per data version, so the map for all US counties costs one cache read. Areas with
    no boundary (ZIPs) are drawn as points at their centroid.
    """
    version = data_version(kind=kind, indicator=indicator) if indicator else "none"
    key = f"atlas:map:{kind}:{indicator.slug if indicator else '-'}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return cached, version
    legend = legend_for(indicator=indicator, kind=kind) if indicator else None
    values = (
        dict(
            IndicatorValue.objects.filter(indicator=indicator, area__kind=kind).values_list(
                "area_id", "value"
            )
        )
        if indicator
        else {}
    )
    parts = []
    rows = Area.objects.filter(kind=kind).values_list(
        "pk", "code", "name", "boundary", "centroid_lat", "centroid_lon"
    )
    for pk, code, name, boundary, lat, lon in rows.iterator(chunk_size=2000):
        if boundary:
            geometry = boundary
        elif lat is not None and lon is not None:
            geometry = json.dumps({"type": "Point", "coordinates": [lon, lat]})
        else:
            continue
        value = values.get(pk)
        legend_class = legend.class_for(value) if legend else None
        properties = {
            "code": code,
            "name": name,
            "value": value,
            "class": legend_class.index if legend_class else None,
            "url": f"/atlas/{kind}/{code}/",
        }
        parts.append(
            f'{{"type":"Feature","id":{json.dumps(code)},"properties":{json.dumps(properties)},"geometry":{geometry}}}'
        )
    boundary_sources = (
        Area.objects.filter(kind=kind).exclude(boundary_source="").values_list("boundary_source", flat=True)
    )
    credits = ([indicator.source] if indicator else []) + sorted(set(boundary_sources))
    meta = {
        "kind": kind,
        "indicator": indicator.slug if indicator else None,
        "legend": legend.as_dict() if legend else None,
        "attribution": "; ".join(credits),
    }
    body = (
        f'{{"type":"FeatureCollection","atlas":{json.dumps(meta)},"features":[' + ",".join(parts) + "]}"
    ).encode()
    cache.set(key, body, MAP_CACHE_SECONDS)
    return body, version


@dataclass(frozen=True)
class MapSummary:
    """What the map shows, in numbers a sentence can carry (the map's text alternative)."""

    areas: int  # areas of the kind drawn on the map (with a boundary or a centre)
    with_value: int  # of those, areas with a published estimate
    low: float | None
    high: float | None

    @property
    def without_value(self) -> int:
        return self.areas - self.with_value


def map_summary(*, kind: str, indicator: Indicator | None, legend: Legend | None) -> MapSummary:
    drawn = Area.objects.filter(kind=kind).filter(~Q(boundary="") | Q(centroid_lat__isnull=False))
    with_value = (
        IndicatorValue.objects.filter(indicator=indicator, area__in=drawn).count() if indicator else 0
    )
    classes = legend.classes if legend else []
    return MapSummary(
        areas=drawn.count(),
        with_value=with_value,
        low=classes[0].low if classes else None,
        high=classes[-1].high if classes else None,
    )


# --- an area's page ----------------------------------------------------------------------------


def area_get(*, kind: str, code: str) -> Area | None:
    return Area.objects.filter(kind=kind, code=code).first()


def twin_area(area: Area) -> Area | None:
    twin_kind = TWIN_KINDS.get(area.kind)
    return Area.objects.filter(kind=twin_kind, code=area.code).first() if twin_kind else None


@dataclass
class IndicatorRow:
    indicator: Indicator
    value: float | None = None
    standard_error: float | None = None
    percentile: float | None = None
    published_for: Area | None = None  # the twin area when the value is the twin's
    kind_plural: str = ""

    @property
    def has_value(self) -> bool:
        return self.value is not None

    @property
    def reading(self) -> str:
        """The percentile in plain words, with the indicator's direction."""
        if self.percentile is None:
            return "No estimate is published for this area."
        lower = round(self.percentile)
        if lower < 1:
            text = f"Lower than, or level with, almost all {self.kind_plural}."
        elif lower > 99:
            text = f"Higher than in almost all {self.kind_plural}."
        else:
            text = f"Higher than in {lower}% of {self.kind_plural}."
        direction = self.indicator.direction
        if (
            direction == Indicator.Direction.HIGHER_IS_BETTER
            and self.percentile <= rules.LOW_CONNECTEDNESS_PERCENTILE
        ):
            text += " Among the lowest quarter: a weakness."
        elif direction == Indicator.Direction.HIGHER_IS_BETTER and self.percentile >= 75:
            text += " Among the highest quarter: a strength."
        elif direction == Indicator.Direction.LOWER_IS_BETTER and self.percentile >= 75:
            text += " Among the highest quarter, and lower is better: a weakness."
        elif direction == Indicator.Direction.LOWER_IS_BETTER and self.percentile <= 25:
            text += " Among the lowest quarter, and lower is better: a strength."
        return text


def _indicator_applies(indicator: Indicator, kind: str) -> bool:
    columns = indicator.source_columns or {}
    return kind in columns or ("uk" in columns and KIND_COUNTRIES.get(kind) == "GB")


def area_indicator_rows(area: Area) -> list[IndicatorRow]:
    """Every indicator of the area's country that applies to its kind, with its value and
    national percentile, or an empty row when no estimate is published ("missing data")."""
    own = {v.indicator_id: v for v in IndicatorValue.objects.filter(area=area).select_related("indicator")}
    twin = twin_area(area)
    twin_values = (
        {v.indicator_id: v for v in IndicatorValue.objects.filter(area=twin).select_related("indicator")}
        if twin
        else {}
    )
    indicators = Indicator.objects.filter(country=area.country).order_by("sort_order", "name")
    rows = []
    for indicator in indicators:
        value = own.get(indicator.pk)
        source_area = area
        if value is None and indicator.pk in twin_values:
            value, source_area = twin_values[indicator.pk], twin
        if value is None and not _indicator_applies(indicator, area.kind):
            continue
        rows.append(
            IndicatorRow(
                indicator=indicator,
                value=value.value if value else None,
                standard_error=value.standard_error if value else None,
                percentile=value.percentile if value else None,
                published_for=source_area if value and source_area is not area else None,
                kind_plural=(
                    AREA_NOUNS.get(indicator.slug) or KIND_PLURALS.get(source_area.kind, "areas")
                    if value
                    else ""
                ),
            )
        )
    return rows


@dataclass
class SpacesSummary:
    total: int = 0
    open: int = 0
    third_spaces: int = 0
    by_type: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, count)
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_category: list[tuple[str, int]] = field(default_factory=list)
    closed: int = 0
    temporarily_closed: int = 0
    stale: int = 0  # open, last confirmed before the strain rule's cut-off
    not_checked: int = 0  # open, never confirmed
    per_10k: float | None = None
    third_per_10k: float | None = None
    examples: list = field(default_factory=list)

    @property
    def strain(self) -> rules.StrainVerdict:
        return rules.strain(
            total=self.total,
            closed=self.closed,
            temporarily_closed=self.temporarily_closed,
            stale=self.stale,
            not_checked=self.not_checked,
        )


def area_spaces(area: Area, *, today: dt.date | None = None, examples: int = 12) -> SpacesSummary:
    """Counts of the public spaces in an area by third-space type, kind and category; density;
    and the counts the strain rule reads (closed; open but confirmed before
    ``rules.CONFIRMED_WITHIN_DAYS``; open and never confirmed)."""
    from assets_registry.taxonomy import CATEGORIES, KINDS, THIRD_SPACE_TYPES

    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=rules.CONFIRMED_WITHIN_DAYS)
    links = (
        AreaAsset.objects.filter(area=area, asset__live=True).select_related("asset").order_by("asset__name")
    )
    summary = SpacesSummary()
    types, kinds, categories = Counter(), Counter(), Counter()
    for link in links:
        asset = link.asset
        summary.total += 1
        if asset.status == "closed":
            summary.closed += 1
        elif asset.status == "temporarily_closed":
            summary.temporarily_closed += 1
        elif asset.last_verified is None:
            summary.not_checked += 1
        elif asset.last_verified < cutoff:
            summary.stale += 1
        if asset.status == "closed":
            continue
        summary.open += 1
        summary.third_spaces += bool(asset.third_space_types)
        types.update(asset.third_space_types or [])
        if asset.kind:
            kinds[KINDS.label_for(asset.kind)] += 1
        categories.update(CATEGORIES.label_for(c) for c in asset.categories or [])
        if len(summary.examples) < examples:
            summary.examples.append(asset)
    summary.by_type = [(t.value, t.label, types.get(t.value, 0)) for t in THIRD_SPACE_TYPES.terms]
    summary.by_kind = kinds.most_common()
    summary.by_category = categories.most_common()
    summary.per_10k = rules.per_10k(summary.open, area.population)
    summary.third_per_10k = rules.per_10k(summary.third_spaces, area.population)
    return summary


def need_row(area: Area, rows: list[IndicatorRow]) -> tuple[IndicatorRow | None, rules.NeedMeasure | None]:
    """The area's measure of need: the first of its country's ``NEED_MEASURES`` with a value."""
    for spec in NEED_MEASURES.get(area.country, []):
        row = next((r for r in rows if r.indicator.slug == spec.slug and r.has_value), None)
        if row is not None and row.percentile is not None:
            return row, rules.NeedMeasure(
                label=spec.label,
                percentile=row.percentile,
                need_when_high=spec.need_when_high,
                area_noun=row.kind_plural or "areas",
            )
    return None, None


def area_sparse_verdict(area: Area, rows: list[IndicatorRow], spaces: SpacesSummary) -> rules.SparseVerdict:
    _row, need = need_row(area, rows)
    labels = [spec.label for spec in NEED_MEASURES.get(area.country, [])] or ["economic connectedness"]
    return rules.sparse_relative_to_need(
        need=need,
        third_spaces=spaces.third_spaces,
        population=area.population,
        missing=" or ".join(labels),
    )


def find_spaces_url(area: Area) -> str:
    """The registry's find-a-space list for this area, where its filters can express it."""
    try:
        base = reverse("assets_registry:find")
    except NoReverseMatch:
        return ""
    if area.kind in {AreaKind.LONDON_BOROUGH, AreaKind.UK_LAD}:
        return f"{base}?district={area.code}&include_closed=1"
    if area.kind == AreaKind.US_COUNTY:
        return f"{base}?county={area.code}&include_closed=1"
    if area.kind in {AreaKind.US_ZIP, AreaKind.UK_POSTCODE_DISTRICT}:
        return f"{base}?location={area.code}"
    return ""


# Where the registry's spaces come from, for the attribution under an area's spaces.
SPACE_SOURCE_ATTRIBUTIONS = {
    "gla-cim": "Greater London Authority, Cultural Infrastructure Map, London Datastore (OGL v3)",
    "osm": "© OpenStreetMap contributors (ODbL)",
}


def space_attributions(area: Area) -> list[str]:
    sources = (
        AreaAsset.objects.filter(area=area, asset__live=True)
        .values_list("asset__data_source", flat=True)
        .distinct()
    )
    return sorted({SPACE_SOURCE_ATTRIBUTIONS[s] for s in sources if s in SPACE_SOURCE_ATTRIBUTIONS})


# --- search ----------------------------------------------------------------------------------

US_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.IGNORECASE)
UK_OUTWARD = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$", re.IGNORECASE)


@dataclass
class AreaSearchResult:
    query: str
    areas: list[Area] = field(default_factory=list)
    located_at: str = ""  # what the postcode/ZIP was found as
    error: str = ""


def areas_containing(*, latitude: float, longitude: float) -> list[Area]:
    """Areas whose boundary contains the point: bbox prefilter in SQL, then shapely."""
    import shapely

    candidates = list(
        Area.objects.exclude(boundary="").filter(
            min_lat__lte=latitude, max_lat__gte=latitude, min_lon__lte=longitude, max_lon__gte=longitude
        )
    )
    point = shapely.Point(longitude, latitude)
    return [a for a in candidates if shapely.from_geojson(a.boundary).intersects(point)]


def area_search(query: str, *, limit: int = 25) -> AreaSearchResult:
    """Areas by name, code, postcode or ZIP code.

    A US ZIP or UK postcode is geocoded (the registry's offline gazetteer first) and the point
    is placed in the areas whose boundaries contain it, plus the ZIP or postcode district area
    itself when the atlas has one. Names match anywhere in the area name.
    """
    text = " ".join((query or "").split())
    result = AreaSearchResult(query=text)
    if not text:
        return result
    if len(text) > 100:
        result.error = "That is too long for a place name, postcode or ZIP code."
        return result
    found: list[Area] = []
    looks_like_code = US_ZIP.match(text) or UK_POSTCODE.match(text) or UK_OUTWARD.match(text)
    if looks_like_code:
        code = text.upper()
        direct = Area.objects.filter(
            Q(kind=AreaKind.US_ZIP, code=code[:5])
            | Q(kind=AreaKind.UK_POSTCODE_DISTRICT, code=code.split()[0])
        )
        found.extend(direct)
        geocoded = _geocode(text)
        if isinstance(geocoded, str):
            result.error = geocoded if not found else ""
        elif geocoded is not None:
            result.located_at = geocoded.label
            found.extend(areas_containing(latitude=geocoded.latitude, longitude=geocoded.longitude))
            codes = {geocoded.admin_district_code, geocoded.admin_county_code} - {""}
            if codes:  # the gazetteer's own admin codes, when the simplified boundary missed the point
                found.extend(
                    Area.objects.filter(
                        code__in=codes,
                        kind__in=[AreaKind.US_COUNTY, AreaKind.UK_LAD, AreaKind.LONDON_BOROUGH],
                    )
                )
    else:
        found.extend(_named_place_areas(text))
    # A ZIP code is not a county's FIPS code: "21201" is Baltimore, not Robertson County, Kentucky.
    named = Q(name__icontains=text) if US_ZIP.match(text) else Q(name__icontains=text) | Q(code__iexact=text)
    found.extend(Area.objects.filter(named).order_by("kind", "name")[:limit])
    unique = _distinct_areas(found)
    result.areas = unique[:limit]
    if not unique and not result.error:
        result.error = (
            f"No area matches “{text}”. Try a county, borough or local authority name, "
            "a ZIP code or a postcode."
        )
    return result


LOCAL_AUTHORITY_KINDS = (AreaKind.UK_LAD, AreaKind.LONDON_BOROUGH, AreaKind.US_COUNTY)


def _named_place_areas(text: str) -> list[Area]:
    """The atlas areas of every place the name could be, in the geocoder's order: "Essex" gives
    Essex's districts (England), then Baltimore County (Essex, Maryland lies in it), and so on."""
    try:
        from geocoding.services import GeocodingUnavailable, InvalidLocation, districts_in, resolve
    except ImportError:
        return []
    try:
        candidates = resolve(text).candidates
    except (InvalidLocation, GeocodingUnavailable):
        return []
    codes: list[str] = []
    for candidate in candidates:
        result = candidate.result
        if result.admin_district_code:
            codes.append(result.admin_district_code)
        elif result.admin_county_code:  # a GB county: the atlas has its districts
            codes.extend(districts_in(result.admin_county_code))
    order = {code: i for i, code in reversed(list(enumerate(codes)))}
    areas = Area.objects.filter(code__in=order, kind__in=LOCAL_AUTHORITY_KINDS)
    return sorted(areas, key=lambda a: (order[a.code], a.name))


def _distinct_areas(areas: list[Area]) -> list[Area]:
    """One entry per area, first-found order: a London borough is also a local authority of the same
    code and name, and the one with more measures (then the local authority) stands for both."""
    counts = dict(
        IndicatorValue.objects.filter(area__in=areas)
        .values("area")
        .annotate(n=Count("id"))
        .values_list("area", "n")
    )
    best: dict[tuple[str, str], tuple[tuple, Area]] = {}
    for area in areas:
        key, rank = (area.code, area.name), (counts.get(area.pk, 0), area.kind == AreaKind.UK_LAD)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, area)
    return [best[key][1] for key in dict.fromkeys((a.code, a.name) for a in areas)]


def _geocode(text: str):
    """A GeocodeResult, None when nothing matched, or an error message."""
    try:
        from geocoding.services import GeocodingUnavailable, InvalidLocation, geocode
    except ImportError:
        return None
    try:
        return geocode(text)
    except InvalidLocation as error:
        return str(error) or "That postcode or ZIP code is not valid."
    except GeocodingUnavailable:
        return "We could not look that up just now. Try the area's name instead."


# --- toolkits and case studies ---------------------------------------------------------------

STAGES = [
    ("mapping", "Mapping the opportunity"),
    ("convening", "Convening the coalition"),
    ("demonstrating", "Demonstrating collective impact"),
]
RELATED_THEMES = ["economic-connectedness", "third-spaces", "bridging-capital", "community-assets"]


@dataclass
class StageLink:
    value: str
    label: str
    url: str
    toolkits: list = field(default_factory=list)


@dataclass
class Related:
    stages: list[StageLink]
    case_studies: list
    case_studies_url: str
    from_knowledge_hub: bool  # False: the toolkits app is not there, links are plain filters


def related_resources(
    *, country: str, place_names: list[str], sparse: bool = False, per_stage: int = 3
) -> Related:
    """Toolkits by programme stage and case studies that fit a place: case studies from the same
    place first (by its name), then the same country; toolkits on connectedness and third
    spaces first. When the knowledge hub is not installed, labelled links to its filters."""
    stages = [StageLink(value, label, f"/toolkits/?stage={value}") for value, label in STAGES]
    case_studies_url = f"/case-studies/?country={country}" if country else "/case-studies/"
    try:
        from toolkits import selectors as hub
    except ImportError:
        return Related(
            stages=stages, case_studies=[], case_studies_url=case_studies_url, from_knowledge_hub=False
        )
    toolkits = list(hub.listed_toolkits().prefetch_related("themes"))

    def score(toolkit) -> int:
        return sum(1 for theme in toolkit.themes.all() if theme.slug in RELATED_THEMES)

    toolkits.sort(key=lambda t: (-score(t), t.title))
    for stage in stages:
        stage.toolkits = [t for t in toolkits if stage.value in (t.stages or [])][:per_stage]
    if sparse:  # mapping comes first where spaces are sparse: find what is there
        stages.sort(key=lambda s: s.value != "mapping")
    names = [n.lower() for n in place_names if n]
    case_studies = list(hub.listed_case_studies().filter(country=country)) if country else []

    def place_match(case_study) -> bool:
        text = f"{case_study.area} {case_study.place_name}".lower()
        return any(name in text or (case_study.area and case_study.area.lower() in name) for name in names)

    case_studies.sort(key=lambda c: (not place_match(c), c.title))
    return Related(
        stages=stages,
        case_studies=case_studies[:4],
        case_studies_url=case_studies_url,
        from_knowledge_hub=True,
    )


# --- pilot places ------------------------------------------------------------------------------


def pilot_places() -> QuerySet[PilotPlace]:
    return PilotPlace.objects.all()


@dataclass
class PilotArea:
    area: Area
    need: IndicatorRow | None  # the measure the rule read (economic connectedness, or deprivation)
    spaces: SpacesSummary
    sparse: rules.SparseVerdict


def pilot_place_areas(place: PilotPlace) -> list[PilotArea]:
    result = []
    for area in place.areas.order_by("kind", "name"):
        rows = area_indicator_rows(area)
        spaces = area_spaces(area, examples=0)
        row, _need = need_row(area, rows)
        result.append(PilotArea(area, row, spaces, area_sparse_verdict(area, rows, spaces)))
    return result


@dataclass(frozen=True)
class PilotTotals:
    spaces: int
    open: int
    third_spaces: int
    by_type: list[tuple[str, str, int]]
    strain: rules.StrainVerdict
    population: int | None  # None unless every area's population is known

    @property
    def third_per_10k(self) -> float | None:
        return rules.per_10k(self.third_spaces, self.population)


def pilot_totals(areas: list[PilotArea]) -> PilotTotals:
    """Totals over a place's areas. Areas of different kinds can overlap (a London borough and
    its local authority), so a place should list one kind per country; counts are summed."""
    by_type = Counter()
    labels = {}
    for p in areas:
        for value, label, count in p.spaces.by_type:
            by_type[value] += count
            labels[value] = label
    populations = [p.area.population for p in areas]
    return PilotTotals(
        spaces=sum(p.spaces.total for p in areas),
        open=sum(p.spaces.open for p in areas),
        third_spaces=sum(p.spaces.third_spaces for p in areas),
        by_type=[(v, labels[v], by_type[v]) for v in labels],
        strain=rules.strain(
            total=sum(p.spaces.total for p in areas),
            closed=sum(p.spaces.closed for p in areas),
            temporarily_closed=sum(p.spaces.temporarily_closed for p in areas),
            stale=sum(p.spaces.stale for p in areas),
            not_checked=sum(p.spaces.not_checked for p in areas),
        ),
        population=sum(populations) if populations and all(populations) else None,
    )


def coverage_gaps(areas: list[PilotArea]) -> list[str]:
    """Plain-words gaps in the registry's coverage of a place."""
    from assets_registry.taxonomy import THIRD_SPACE_TYPES

    gaps = []
    empty = [p.area.name for p in areas if p.spaces.total == 0]
    if empty:
        gaps.append(f"No spaces recorded yet in {', '.join(empty)}.")
    totals = Counter()
    for p in areas:
        totals.update({value: count for value, _label, count in p.spaces.by_type})
    for term in THIRD_SPACE_TYPES.terms:
        if not totals.get(term.value):
            gaps.append(f"No {term.label.lower()} spaces recorded ({term.description[:-1].lower()}).")
    strain = pilot_totals(areas).strain
    if strain.not_checked:
        gaps.append(
            f"{strain.not_checked} of {strain.total} recorded spaces have never been confirmed: "
            "check they are still running."
        )
    if strain.stale:
        gaps.append(
            f"{strain.stale} of {strain.total} recorded spaces were last confirmed more than "
            f"{rules.CONFIRMED_WITHIN_WORDS} ago: check they are still running."
        )
    return gaps
