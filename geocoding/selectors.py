"""Reads from the offline gazetteer. Each lookup is one indexed query (plus cached area names)."""

from __future__ import annotations

import math
import threading

from geopy.distance import great_circle

from django.db.models import ExpressionWrapper, F, FloatField, Model, QuerySet, Value

from .models import AdminArea, GazetteerLoad, GBPostcode, GBPostcodeDistrict, Place, USZip
from .parsers import KIND_DISTRICT, KIND_POSTCODE, KIND_ZIP, ParsedQuery, place_key
from .results import GeocodeResult

SOURCE = "gazetteer"
GB_COUNTRY_NAMES = {"E92000001": "England", "S92000003": "Scotland", "W92000004": "Wales"}
# Rough boxes (GB incl. Shetland and Scilly; US incl. Alaska, Hawaii, Puerto Rico) to pick which
# tables a reverse lookup should search.
GB_BOX = (49.8, 61.0, -8.8, 2.0)
US_BOX = (17.5, 71.5, -180.0, -64.5)
KM_PER_DEGREE_LAT = 111.195
# Words after a comma that name a country rather than a region ("Boston, USA").
COUNTRY_WORDS = {
    "GB": {"gb", "uk", "united kingdom", "great britain", "britain"},
    "US": {"us", "usa", "united states", "united states of america", "america"},
}

_names: dict[str, str] = {}
_names_lock = threading.Lock()


def clear_caches() -> None:
    """Forget cached area names (called after the gazetteer is reloaded)."""
    with _names_lock:
        _names.clear()


def area_name(code: str) -> str:
    """Name of an admin area code ("E09000009" -> "Ealing"), cached: there are only a few hundred."""
    if not code:
        return ""
    try:
        return _names[code]
    except KeyError:
        pass
    with _names_lock:
        if not _names:
            _names.update(AdminArea.objects.values_list("code", "name"))
        elif code not in _names:  # loaded since this process cached the names (another process ran the load)
            _names.update(AdminArea.objects.filter(code=code).values_list("code", "name"))
        # Only names found are cached: a code missing now may be loaded later.
        return _names.get(code, "")


def gazetteer_status() -> dict[str, dict]:
    """What is loaded: source -> {version, rows, loaded_at}."""
    return {
        load.source: {"version": load.version, "rows": load.row_count, "loaded_at": load.loaded_at}
        for load in GazetteerLoad.objects.all()
    }


def _country_allows(country: str | None, code: str) -> bool:
    return not country or country.upper() == code


# Forward lookups ----------------------------------------------------------------------------------


def postcode_lookup(postcode: str) -> GeocodeResult | None:
    """A normalised GB postcode ("W5 2HL")."""
    row = (
        GBPostcode.objects.filter(postcode=postcode)
        .values_list("latitude", "longitude", "country_code", "admin_district_code", "admin_county_code")
        .first()
    )
    if row is None:
        return None
    return _gb_result(postcode, "postcode", *row)


def district_lookup(outward: str) -> GeocodeResult | None:
    """A GB postcode district ("W5")."""
    row = (
        GBPostcodeDistrict.objects.filter(outward=outward)
        .values_list("latitude", "longitude", "country_code", "admin_district_code", "admin_county_code")
        .first()
    )
    if row is None:
        return None
    return _gb_result(outward, "postcode_district", *row)


def _gb_result(code, precision, latitude, longitude, country_code, district, county, distance_m=None):
    district_name = area_name(district)
    return GeocodeResult(
        latitude=latitude,
        longitude=longitude,
        label=", ".join(part for part in (code, district_name) if part),
        precision=precision,
        source=SOURCE,
        country="GB",
        postcode=code if precision == "postcode" else "",
        admin_district_code=district,
        admin_district_name=district_name,
        admin_county_code=county,
        admin_county_name=area_name(county),
        region=GB_COUNTRY_NAMES.get(country_code, ""),
        distance_m=distance_m,
    )


def postcodes_loaded_for(district: GeocodeResult) -> bool:
    """Whether the loaded GB postcodes cover a district's area: `load_gazetteer --areas` loads only
    some areas' postcodes, and the load's version records which ("…;areas=E09000009,…")."""
    version = GazetteerLoad.objects.filter(source="gb-postcodes").values_list("version", flat=True).first()
    if version is None:
        return False
    areas = dict(part.partition("=")[::2] for part in version.split(";")).get("areas", "all")
    codes = {district.admin_district_code, district.admin_county_code} - {""}
    return areas == "all" or bool(codes & set(areas.split(",")))


def zip_lookup(zip_code: str) -> GeocodeResult | None:
    """A 5-digit US ZIP code."""
    row = USZip.objects.filter(zip=zip_code).first()
    return _zip_result(row) if row else None


def _zip_result(row: USZip, distance_m=None) -> GeocodeResult:
    return GeocodeResult(
        latitude=row.latitude,
        longitude=row.longitude,
        label=", ".join(part for part in (row.zip, row.city, row.state) if part),
        precision="zip",
        source=SOURCE,
        country="US",
        postcode=row.zip,
        admin_district_code=row.county_fips,
        admin_district_name=row.county_name,
        admin_county_code=row.county_fips,
        admin_county_name=row.county_name,
        region=row.state,
        distance_m=distance_m,
    )


def place_words(place: Place) -> set[str]:
    words = {place_key(place.admin1), place_key(place.admin1_code), place_key(place.admin2)}
    words |= {place_key(area_name(place.admin_county_code))}
    words |= COUNTRY_WORDS.get(place.country, set()) | {place.country.lower()}
    if place.country == "GB" and place.admin_district_code.startswith("E09"):
        words.add("london")  # London boroughs: "Ealing, London"
    return words - {""}


def place_result(place: Place) -> GeocodeResult:
    if place.country == "US":
        district_name = county_name = place.admin2
    else:
        district_name, county_name = area_name(place.admin_district_code), area_name(place.admin_county_code)
    region = place.admin1_code if place.country == "US" else place.admin1
    label_parts = [place.name]
    for part in (district_name, county_name, region):
        if part and part not in label_parts:
            label_parts.append(part)
    return GeocodeResult(
        latitude=place.latitude,
        longitude=place.longitude,
        label=", ".join(label_parts),
        precision="place",
        source=SOURCE,
        country=place.country,
        admin_district_code=place.admin_district_code,
        admin_district_name=district_name,
        admin_county_code=place.admin_county_code,
        admin_county_name=county_name,
        region=region,
    )


def lookup(parsed: ParsedQuery, *, country: str | None = None) -> list[GeocodeResult]:
    """The postcode, postcode district or ZIP code a classified query names, if known (place names:
    `places.place_candidates`)."""
    found: GeocodeResult | None = None
    if parsed.kind == KIND_POSTCODE and _country_allows(country, "GB"):
        found = postcode_lookup(parsed.value)
    elif parsed.kind == KIND_DISTRICT and _country_allows(country, "GB"):
        found = district_lookup(parsed.value)
    elif parsed.kind == KIND_ZIP and _country_allows(country, "US"):
        found = zip_lookup(parsed.value)
    return [found] if found else []


# Reverse lookups ----------------------------------------------------------------------------------


def _nearest(
    rows: type[Model] | QuerySet,
    latitude: float,
    longitude: float,
    *,
    steps: tuple[float, ...],
    max_km: float,
):
    """The nearest row by a bounding-box prefilter on the (latitude, longitude) index, widening the box
    until the nearest row found is provably the nearest (it lies within the box's half-width)."""
    scale = max(math.cos(math.radians(latitude)), 0.01)
    # Squared equirectangular distance: orders candidates exactly enough at these scales.
    dlat = F("latitude") - Value(latitude)
    dlon = (F("longitude") - Value(longitude)) * Value(scale)
    distance2 = ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField())
    best = None
    for half in steps:
        half_lon = half / scale
        best = (
            (rows.objects.all() if isinstance(rows, type) else rows)
            .filter(
                latitude__range=(latitude - half, latitude + half),
                longitude__range=(longitude - half_lon, longitude + half_lon),
            )
            .annotate(distance2=distance2)
            .order_by("distance2")
            .first()
        )
        if best is not None and math.sqrt(best.distance2) <= half:
            break
    if best is None:
        return None, None
    distance_m = great_circle((latitude, longitude), (best.latitude, best.longitude)).meters
    return (best, distance_m) if distance_m <= max_km * 1000 else (None, None)


def _in_box(box, latitude, longitude) -> bool:
    return box[0] <= latitude <= box[1] and box[2] <= longitude <= box[3]


def nearest_postcode(latitude: float, longitude: float, *, max_km: float = 2.0) -> GeocodeResult | None:
    return _nearest_gb(GBPostcode, "postcode", "postcode", latitude, longitude, (0.004, 0.02), max_km)


def nearest_district(latitude: float, longitude: float, *, max_km: float = 30.0) -> GeocodeResult | None:
    return _nearest_gb(
        GBPostcodeDistrict, "outward", "postcode_district", latitude, longitude, (0.05, 0.3), max_km
    )


def _nearest_gb(model, label_field: str, precision: str, latitude, longitude, steps, max_km):
    """The nearest GB postcode or postcode district, as a result carrying its areas."""
    row, distance_m = _nearest(model, latitude, longitude, steps=steps, max_km=max_km)
    if row is None:
        return None
    return _gb_result(
        getattr(row, label_field),
        precision,
        row.latitude,
        row.longitude,
        row.country_code,
        row.admin_district_code,
        row.admin_county_code,
        distance_m=distance_m,
    )


def nearest_zip(latitude: float, longitude: float, *, max_km: float = 50.0) -> GeocodeResult | None:
    """The nearest ZIP by its Census ZCTA point; ZIPs without a ZCTA (PO boxes, single organisations)
    sit on their post office, so they answer only where no ZCTA ZIP is near."""
    for rows in (USZip.objects.filter(zcta=True), USZip.objects.all()):
        row, distance_m = _nearest(rows, latitude, longitude, steps=(0.05, 0.2, 0.5), max_km=max_km)
        if row is not None:
            return _zip_result(row, distance_m=distance_m)
    return None


def nearest(latitude: float, longitude: float) -> GeocodeResult | None:
    """The nearest GB postcode (or, outside the loaded postcodes, postcode district) or US ZIP code."""
    if _in_box(GB_BOX, latitude, longitude):
        found = nearest_postcode(latitude, longitude) or nearest_district(latitude, longitude)
        if found:
            return found
    if _in_box(US_BOX, latitude, longitude):
        return nearest_zip(latitude, longitude)
    return None
