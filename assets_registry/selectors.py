"""Reads for the registry: the public set, the find-a-space filters and search.

Contract used by the list page, ``/spaces.geojson``, the API and the CSV export:

* ``public_assets()`` - approved, published assets only.
* ``AssetFilters`` - an immutable description of a find-a-space query.
* ``filters_from_params(params)`` - THE parser of query parameters (one place for every view);
  raises ``FilterError`` (with per-parameter messages and the filters that did parse) on bad input.
* ``asset_search(filters=..., page=..., per_page=...)`` - delegates to the backend named in
  ``settings.ASSET_SEARCH_BACKEND`` (see ``search_backends.base.AssetSearchBackend``).

Query parameters (repeat a parameter or separate values with commas for multi-valued ones):

    q              text; "library near W5 2HL" (also "around", "close to") is words and a place
                   when no location is given and the place is found
    location       UK postcode, postcode district, US ZIP code or place name (geocoded)
    place          which of the places sharing the location's name ("Essex": E10000012 or gn-4354428)
    lat, lon       a point instead of ``location`` ("use my location")
    radius         kilometres around the location (default 5, 0.1-200)
    type           third-space types: identity, activity, purpose
    category       categories (see taxonomy.CATEGORIES)
    kind           kinds of asset; setting: social-capital settings
    free, step_free, open_to_all, mixed_ages, open_now    "1"/"true"/"on"
    modified_after ISO 8601 date or date-time
    country        ISO 3166-1 alpha-2; district / county: admin area codes
    include_closed show spaces that have closed too
    sort           distance (default with a location), name, recent
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.module_loading import import_string

from assets_registry import matching
from assets_registry.models import Asset
from assets_registry.taxonomy import CATEGORIES, KINDS, SETTINGS, THIRD_SPACE_TYPES

DEFAULT_RADIUS_KM = 5.0
MAX_RADIUS_KM = 200.0
MIN_RADIUS_KM = 0.1
RADIUS_CHOICES_KM = (1, 2, 5, 10, 25, 50)
SORTS = ("distance", "name", "recent", "newest")
BOOLEAN_FILTERS = ("free", "step_free", "open_to_all", "mixed_ages", "open_now")
TRUE_VALUES = {"1", "true", "on", "yes"}
FALSE_VALUES = {"", "0", "false", "off", "no"}

# Facet name -> (query parameter, vocabulary).
MULTI_FACETS = {
    "third_space_types": ("type", THIRD_SPACE_TYPES),
    "categories": ("category", CATEGORIES),
    "kinds": ("kind", KINDS),
    "settings": ("setting", SETTINGS),
}
FEATURE_FACETS = ("free", "step_free", "open_to_all", "mixed_ages")
# "youth club near CM1", "choirs around Ealing", "faith groups close to 21201": the words, then
# the place (at most 80 characters). The site search reads a query the same way.
NEAR = re.compile(
    r"^(?P<what>.*?)\s*\b(?:near|around|close to)\s+(?P<place>[^\s].{0,79}?)\s*$", re.IGNORECASE
)


def public_assets() -> QuerySet[Asset]:
    """Approved, published assets only: never drafts, submissions awaiting moderation, rejected
    submissions, or unpublished changes (the live row always holds the approved content).

    Closed spaces stay public (their page says so) but find-a-space leaves them out by default.
    """
    return Asset.objects.filter(live=True)


@dataclass(frozen=True)
class AssetFilters:
    text: str = ""
    near: tuple[float, float] | None = None
    radius_m: float | None = None
    location_query: str = ""  # what the resident typed in the location box
    location_label: str = ""  # what it was understood as ("W5 2HL", "Ealing", "your location")
    # Why the location is coarser than typed ("Northern Ireland postcodes are not in …"), for the page.
    location_warning: str = field(default="", compare=False)
    location_place: str = ""  # the place the resident chose among those sharing the name (?place=)
    # An area (county, district, US county): the spaces in it, nearest its centre first; a radius, if
    # given, narrows that. The area's code is in admin_district_code or admin_county_code.
    location_area: bool = False
    # Every place the location's name could be (geocoding Candidates), when there are several.
    location_choices: tuple = field(default=(), compare=False)
    third_space_types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    free: bool = False
    step_free: bool = False
    open_to_all: bool = False
    mixed_ages: bool = False
    open_now: bool = False
    modified_after: dt.datetime | None = None
    country: str = ""
    admin_district_code: str = ""
    admin_county_code: str = ""
    include_closed: bool = False
    sort: str = ""  # "" = distance when near is given, else name
    # Fixed "now" for open_now (tests, cached pages); None = the current time.
    at: dt.datetime | None = field(default=None, compare=False)

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS and (self.sort != "distance" or self.near):
            return self.sort
        return "distance" if self.near else "name"

    @property
    def effective_radius_m(self) -> float | None:
        if self.near is None:
            return None
        if self.radius_m is None and self.location_area:
            return MAX_RADIUS_KM * 1000  # the area's code bounds the search; this only allows distances
        return self.radius_m if self.radius_m is not None else DEFAULT_RADIUS_KM * 1000

    @property
    def is_empty(self) -> bool:
        return self == AssetFilters()

    def search_centre(self) -> dict | None:
        """Where a search near a place was centred, as the API and the map feed report it."""
        if self.near is None:
            return None
        return {
            "latitude": self.near[0],
            "longitude": self.near[1],
            "radius_m": self.effective_radius_m,
            "label": self.location_label,
        }

    def facet_values(self, facet: str) -> tuple[str, ...]:
        return getattr(self, facet)

    def to_params(self) -> dict[str, str | list[str]]:
        """The query parameters that reproduce these filters (for links and the map feed)."""
        params: dict[str, str | list[str]] = {}
        if self.text:
            params["q"] = self.text
        if self.location_query:
            params["location"] = self.location_query
            if self.location_place:
                params["place"] = self.location_place
        elif self.near:
            params["lat"], params["lon"] = f"{self.near[0]:.6f}", f"{self.near[1]:.6f}"
        if self.near and self.radius_m is not None:
            params["radius"] = f"{self.radius_m / 1000:g}"
        for facet, (param, _vocabulary) in MULTI_FACETS.items():
            if getattr(self, facet):
                params[param] = list(getattr(self, facet))
        for name in BOOLEAN_FILTERS:
            if getattr(self, name):
                params[name] = "1"
        if self.modified_after:
            params["modified_after"] = self.modified_after.isoformat()
        if self.country:
            params["country"] = self.country
        if self.admin_district_code:
            params["district"] = self.admin_district_code
        if self.admin_county_code:
            params["county"] = self.admin_county_code
        if self.include_closed:
            params["include_closed"] = "1"
        if self.sort:
            params["sort"] = self.sort
        return params


class FilterError(ValueError):
    """Bad query parameters. ``errors`` maps a parameter to a message a resident can act on;
    ``filters`` holds everything that did parse, so a page can still show results."""

    def __init__(self, errors: dict[str, str], filters: AssetFilters):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
        self.filters = filters


def _get_list(params, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        raw = params.getlist(name)
    else:
        value = params.get(name)
        raw = value if isinstance(value, list | tuple) else ([] if value is None else [value])
    values: list[str] = []
    for item in raw:
        values += [part.strip() for part in str(item).split(",") if part.strip()]
    return values


def _get(params, name: str) -> str:
    """The last value given for ``name`` (commas kept: place names contain them)."""
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name)
        values = list(value) if isinstance(value, list | tuple) else ([] if value is None else [value])
    return str(values[-1]).strip() if values else ""


def _parse_bool(params, name: str, errors: dict[str, str]) -> bool:
    value = _get(params, name).lower()
    if value in TRUE_VALUES:
        return True
    if value not in FALSE_VALUES:
        errors[name] = f"Use 1 or 0 for {name.replace('_', ' ')}."
    return False


def _parse_float(params, name: str, errors: dict[str, str], low: float, high: float) -> float | None:
    value = _get(params, name)
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        errors[name] = f"“{value}” is not a number."
        return None
    if not math.isfinite(number) or not low <= number <= high:
        errors[name] = f"Give a number from {low:g} to {high:g}."
        return None
    return number


def filters_from_params(params: Mapping, *, geocode_location: bool = True) -> AssetFilters:
    """Parse find-a-space query parameters (a QueryDict or a plain dict). See the module docstring.

    The location box goes through the geocoding service. Raises ``FilterError`` on bad input.
    """
    errors: dict[str, str] = {}
    values: dict = {}

    values["text"] = " ".join(_get(params, "q").split())[:200]

    for facet, (param, vocabulary) in MULTI_FACETS.items():
        chosen = []
        for value in _get_list(params, param):
            if value in vocabulary:
                if value not in chosen:
                    chosen.append(value)
            else:
                errors[param] = f"Unknown {vocabulary.label.lower()} “{value}”."
        values[facet] = tuple(chosen)

    for name in BOOLEAN_FILTERS:
        values[name] = _parse_bool(params, name, errors)
    values["include_closed"] = _parse_bool(params, "include_closed", errors)

    modified_after = _get(params, "modified_after")
    if modified_after:
        moment = parse_datetime(modified_after)
        if moment is None and (day := parse_date(modified_after)):
            moment = dt.datetime.combine(day, dt.time.min)
        if moment is None:
            errors["modified_after"] = "Give a date like 2025-01-31 or a date-time like 2025-01-31T12:00:00Z."
        else:
            values["modified_after"] = moment if timezone.is_aware(moment) else timezone.make_aware(moment)

    country = _get(params, "country").upper()
    if country and not (len(country) == 2 and country.isalpha()):
        errors["country"] = "Give a two-letter country code such as GB or US."
    else:
        values["country"] = country
    values["admin_district_code"] = _get(params, "district")[:12]
    values["admin_county_code"] = _get(params, "county")[:12]

    sort = _get(params, "sort")
    if sort and sort not in SORTS:
        errors["sort"] = f"Sort by one of: {', '.join(SORTS)}."
    else:
        values["sort"] = sort

    radius_km = _parse_float(params, "radius", errors, MIN_RADIUS_KM, MAX_RADIUS_KM)
    lat = _parse_float(params, "lat", errors, -90, 90)
    lon = _parse_float(params, "lon", errors, -180, 180)
    location = " ".join(_get(params, "location").split())[:100]
    values["location_query"] = location
    if (lat is None) != (lon is None) and "lat" not in errors and "lon" not in errors:
        errors["lat"] = "Give both lat and lon."
    elif lat is not None and lon is not None:
        values["near"] = (lat, lon)
        values["location_label"] = location or "your location"
        values["location_query"] = location if location else ""
    elif location and geocode_location:
        choice = _get(params, "place")[:24]
        result, message = _geocode_location(location, country=country or None, choice=choice, values=values)
        if result is None:
            errors["location"] = message
        else:
            values["near"] = (result.latitude, result.longitude)
            values["location_label"] = result.label
    elif geocode_location and (match := NEAR.match(values["text"])):
        # A place in the words: searched near it if it is found; otherwise "near" was one of the
        # words ("learning from near misses") and the whole box is searched as text.
        place = match["place"].strip(" ,.")
        found = dict(values)  # a district or county code given keeps precedence over the area's
        result, _message = _geocode_location(place, country=country or None, values=found)
        if result is not None:
            values.update(found, text=match["what"].strip(" ,"), location_query=place)
            values["near"] = (result.latitude, result.longitude)
            values["location_label"] = result.label
    if values.get("near") and radius_km is not None:
        values["radius_m"] = radius_km * 1000

    filters = AssetFilters(**values)
    if errors:
        raise FilterError(errors, filters)
    return filters


def _geocode_location(query: str, *, country: str | None, choice: str = "", values: dict | None = None):
    """(result, None) or (None, message for the resident). Into `values`: the place chosen among
    those sharing the name, the others, and for an area its code (unless a code filter is given)."""
    from geocoding.exceptions import GeocodingPending, GeocodingUnavailable, InvalidLocation
    from geocoding.services import resolve

    values = {} if values is None else values
    try:
        resolution = resolve(query, country=country, choice=choice)
        result = resolution.result
    except InvalidLocation as error:
        return None, error.message
    except GeocodingPending as pending:
        return None, pending.message
    except GeocodingUnavailable:
        return None, (
            f"We can't look up “{query}” right now. Try a full postcode or ZIP code, or use your location."
        )
    if result is None:
        return None, f"We couldn't find “{query}”. Try a postcode, a ZIP code or a town name."
    values["location_place"] = resolution.choice
    values["location_warning"] = result.warning
    if len(resolution.candidates) > 1:
        values["location_choices"] = resolution.candidates
    if result.precision == "area":
        values["location_area"] = True
        if not (values.get("admin_district_code") or values.get("admin_county_code")):
            if result.admin_district_code:  # a GB district or a US county
                values["admin_district_code"] = result.admin_district_code
            else:  # a GB county
                values["admin_county_code"] = result.admin_county_code
    return result, None


@dataclass
class AssetSearchPage:
    """One page of find-a-space results.

    ``hits`` are (asset, distance in metres or None) pairs, nearest first when a location is
    given. ``facet_counts`` maps a facet (third_space_types, categories, kinds, settings,
    features) to {value: count}; each multi-valued facet is counted with every filter applied
    except its own (so ticking one category still shows how many the others would add).
    """

    hits: list[tuple[Asset, float | None]]
    total: int
    page: int
    per_page: int
    facet_counts: dict[str, dict[str, int]]
    filters: AssetFilters
    # True when the backend stopped counting at ``total`` (``hints.counting_up_to``): "N+".
    total_is_lower_bound: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def next_page_number(self) -> int | None:
        return self.page + 1 if self.has_next else None

    @property
    def previous_page_number(self) -> int | None:
        return self.page - 1 if self.has_previous else None

    @property
    def start_index(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.per_page + 1

    @property
    def end_index(self) -> int:
        return min(self.total, self.page * self.per_page)


@cache
def _backend_class(path: str):
    return import_string(path)


def get_search_backend():
    """The configured backend instance (``settings.ASSET_SEARCH_BACKEND``)."""
    path = getattr(
        settings, "ASSET_SEARCH_BACKEND", "assets_registry.search_backends.database.DatabaseAssetSearch"
    )
    return _backend_class(path)()


MAX_PER_PAGE = 5000


MAX_PAGE = 100_000


def asset_search(*, filters: AssetFilters, page: int = 1, per_page: int = 20) -> AssetSearchPage:
    """Find public spaces matching ``filters``. Pages past the end come back empty (total intact);
    a page number past MAX_PAGE is read as MAX_PAGE (an offset beyond a 64-bit integer is an error
    in SQLite, and no list is that long)."""
    page = min(max(1, int(page)), MAX_PAGE)
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    return get_search_backend().search(filters, page=page, per_page=per_page)


def nearby_assets(
    asset: Asset, *, limit: int = 5, radius_m: float = 3000
) -> list[tuple[Asset, float | None]]:
    """Other public spaces near ``asset``, nearest first."""
    if not asset.has_location:
        return []
    filters = AssetFilters(near=(asset.latitude, asset.longitude), radius_m=radius_m)
    result = asset_search(filters=filters, per_page=limit + 1)
    return [(other, distance) for other, distance in result.hits if other.pk != asset.pk][:limit]


def names_look_alike(a: str, b: str) -> bool:
    """Same place by name? (``matching.compare_names``: "St Mary's" / "Saint Marys", word order,
    "Ealing Library" / "Ealing Central Library"; "Acton Mosque" / "Acton Baptist Church" are not.)"""
    names = matching.compare_names(a, b)
    return names.same or names.similarity >= 0.85 or names.contained


def as_place(asset: Asset) -> matching.Place:
    return matching.Place.from_fields({name: getattr(asset, name) for name in matching.PLACE_FIELDS})


def duplicate_matches(asset: Asset) -> list[tuple[Asset, matching.Match]]:
    """Public spaces that ``asset`` may repeat, best first, each with the scored match (its
    reasons, its distance); none when it has no position. The search reaches as far as the two
    positions' precision allows (``matching.search_radius_m``)."""
    if not asset.has_location:
        return []
    place = as_place(asset)
    filters = AssetFilters(
        near=(asset.latitude, asset.longitude),
        radius_m=matching.search_radius_m(place.tolerance_class),
        include_closed=True,
    )
    found = []
    for other, _distance in asset_search(filters=filters, per_page=100).hits:
        if other.pk == asset.pk or not matching.worth_comparing(asset.name, other.name):
            continue
        match = matching.compare(place, as_place(other))
        if match.is_duplicate:
            found.append((other, match))
    return sorted(found, key=lambda pair: -pair[1].score)


def awaiting_moderation() -> QuerySet[Asset]:
    """Drafts in a moderation workflow now: never public, never shown to residents."""
    return Asset.objects.filter(
        live=False, merged_into__isnull=True, workflow_states__status="in_progress"
    ).distinct()


def pending_duplicate_matches(asset: Asset) -> list[tuple[Asset, matching.Match]]:
    """Submissions awaiting moderation that ``asset`` may repeat, best first (for the moderator
    only: what a resident is told must not reveal that they exist)."""
    if not asset.has_location:
        return []
    place = as_place(asset)
    radius_m = matching.search_radius_m(place.tolerance_class)
    dlat = radius_m / 111_320
    dlon = radius_m / (111_320 * max(0.01, math.cos(math.radians(asset.latitude))))
    nearby = awaiting_moderation().filter(
        latitude__range=(asset.latitude - dlat, asset.latitude + dlat),
        longitude__range=(asset.longitude - dlon, asset.longitude + dlon),
    )
    found = []
    for other in nearby.exclude(pk=asset.pk)[:200]:
        if not matching.worth_comparing(asset.name, other.name):
            continue
        match = matching.compare(place, as_place(other))
        if match.is_duplicate:
            found.append((other, match))
    return sorted(found, key=lambda pair: -pair[1].score)
