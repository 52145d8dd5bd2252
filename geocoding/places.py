"""Places by what people mean: every gazetteer place or area a name could be, ranked and told apart.

"Essex" is a county in England and a town in Maryland; "Kent" a county and several US towns. A name
gives `Candidate`s from GeoNames places (`Place`) and from counties and districts (`AreaPlace`):

* a town that shares its name with the area it lies in (Southend-on-Sea, Ealing) is that area;
* the site's pilot areas rank first (`GEOCODER_PILOT_AREAS`), then its home countries in order
  (`GEOCODER_HOME_COUNTRIES`), then areas before towns, larger towns first;
* no two candidates read the same: a repeated title gets its county, then repeats are dropped.

`services.resolve` adds what the resident chose (`?place=<Candidate.id>`) and the online fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.conf import settings

from .models import AreaPlace, Place
from .parsers import place_key
from .results import GeocodeResult
from .selectors import COUNTRY_WORDS, area_name, place_result, place_words

DEFAULT_HOME_COUNTRIES = ("GB", "US")
KIND_LABELS = {
    "county": "county",
    "district": "local authority area",
    "london_borough": "London borough",
    "us_county": "county",
    "place": "town or city",
    "area": "area",
    "postcode": "postcode",
    "postcode_district": "postcode district",
    "zip": "ZIP code",
    "address": "address",
    "point": "named place",
}
GEONAMES_PREFIX = "gn-"
US_COUNTY_PREFIX = "us-"


@dataclass(frozen=True)
class Candidate:
    """One thing a name could mean. `id` goes in URLs (`?place=`): a GSS code (E10000012), a US
    county's FIPS with a prefix (us-24510), or a GeoNames id with a prefix (gn-4354428)."""

    id: str
    title: str  # "Essex, England", "Essex, Maryland": what a list of choices shows
    kind: str  # county, district, london_borough, us_county, place; or a single answer's precision
    within: str  # the larger area a town or district lies in ("Baltimore County"), or ""
    result: GeocodeResult
    population: int | None = None
    pilot: bool = False

    @property
    def is_area(self) -> bool:
        return self.result.precision == "area"

    @property
    def kind_label(self) -> str:
        label = KIND_LABELS.get(self.kind, self.kind)
        return f"{label} in {self.within}" if self.within else label

    @classmethod
    def from_result(cls, result: GeocodeResult) -> Candidate:
        """The one candidate of a postcode, ZIP code or online answer."""
        return cls(
            id=result.place_id,
            title=result.label,
            kind=result.precision,
            within="",
            result=result,
        )

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "label": self.result.label,
            "country": self.result.country,
            "latitude": self.result.latitude,
            "longitude": self.result.longitude,
        }


@dataclass(frozen=True)
class Resolution:
    """What a location query resolved to: its candidates best first, and the one the person chose."""

    query: str
    candidates: tuple[Candidate, ...] = ()
    choice: str = ""  # a candidate's id, only when the person chose it

    @property
    def best(self) -> Candidate | None:
        for candidate in self.candidates:
            if candidate.id == self.choice:
                return candidate
        return self.candidates[0] if self.candidates else None

    @property
    def result(self) -> GeocodeResult | None:
        return self.best.result if self.best else None

    @property
    def needs_choice(self) -> bool:
        """Several places share the name and the person has not said which: pages ask."""
        return len(self.candidates) > 1 and not self.choice

    @classmethod
    def of(cls, query: str, candidates: list[Candidate], choice: str = "") -> Resolution:
        choice = (choice or "").strip()
        chosen = next((c.id for c in candidates if c.id.lower() == choice.lower()), "")
        return cls(query=query, candidates=tuple(candidates), choice=chosen)


def home_countries() -> tuple[str, ...]:
    countries = getattr(settings, "GEOCODER_HOME_COUNTRIES", DEFAULT_HOME_COUNTRIES)
    return tuple(c.strip().upper() for c in countries if c.strip())


def pilot_areas() -> frozenset[str]:
    return frozenset(getattr(settings, "GEOCODER_PILOT_AREAS", ()) or ())


def place_candidates(text: str, *, country: str | None = None, limit: int = 8) -> list[Candidate]:
    """Candidates for a place name, best first. Text after a comma narrows them ("Essex, England",
    "Kent, WA", "Boston, UK"), as for places before."""
    name, *qualifiers = [part for part in (p.strip() for p in text.split(",")) if part] or [""]
    key = place_key(name)
    if not key:
        return []
    areas = AreaPlace.objects.filter(key=key)
    places = Place.objects.filter(key=key)
    if country:
        areas, places = areas.filter(country=country.upper()), places.filter(country=country.upper())
    areas, places = list(areas), list(places)
    area_codes = {(a.country, a.code) for a in areas}
    # A town named as the area it lies in is that area (Southend-on-Sea the town, the borough).
    places = [
        p
        for p in places
        if not {(p.country, p.admin_district_code), (p.country, p.admin_county_code)} & area_codes
    ]
    words = [place_key(q) for q in qualifiers]
    found = [_area_candidate(a) for a in areas if all(w in _area_words(a) for w in words)]
    found += [_town_candidate(p) for p in places if all(w in place_words(p) for w in words)]
    return _distinct(sorted(found, key=_rank))[:limit]


def districts_in(county_code: str) -> list[str]:
    """The local authority districts of a GB county (E10000012: Essex's twelve), for callers that
    hold data by district."""
    return list(
        AreaPlace.objects.filter(county_code=county_code).order_by("code").values_list("code", flat=True)
    )


def _rank(candidate: Candidate) -> tuple:
    homes = home_countries()
    country = candidate.result.country
    return (
        not candidate.pilot,
        homes.index(country) if country in homes else len(homes),
        not candidate.is_area,
        -(candidate.population or 0),
        candidate.title,
        candidate.id,
    )


def _distinct(candidates: list[Candidate]) -> list[Candidate]:
    """No two entries read the same: a shared title gets its larger area, and exact repeats go."""
    titles = [c.title for c in candidates]
    out, seen = [], set()
    for candidate in candidates:
        if titles.count(candidate.title) > 1 and candidate.within:
            candidate = replace(candidate, title=f"{candidate.title} ({candidate.within})")
        if candidate.title not in seen:
            seen.add(candidate.title)
            out.append(candidate)
    return out


def _is_pilot(*codes: str) -> bool:
    return bool(pilot_areas() & {c for c in codes if c})


def _area_words(area: AreaPlace) -> set[str]:
    words = {place_key(area.region), place_key(area.region_code), place_key(area_name(area.county_code))}
    words |= COUNTRY_WORDS.get(area.country, set()) | {area.country.lower()}
    if area.code.startswith("E09"):
        words.add("london")  # London boroughs: "Ealing, London"
    return words - {""}


def _area_candidate(area: AreaPlace) -> Candidate:
    county_name = area_name(area.county_code)
    if area.country == "US":
        region = area.region_code
        district_code = county_code = area.code
        district_name = county_name = area.name
        place_id = US_COUNTY_PREFIX + area.code
    else:
        region = area.region
        district_code = area.code if area.kind == "district" else ""
        district_name = area.name if district_code else ""
        county_code = area.code if area.kind == "county" else area.county_code
        county_name = area.name if area.kind == "county" else county_name
        place_id = area.code
    within = area_name(area.county_code) if area.country == "GB" else ""
    label = ", ".join(part for part in (area.name, within, region) if part)
    result = GeocodeResult(
        latitude=area.latitude,
        longitude=area.longitude,
        label=label,
        precision="area",
        source="gazetteer",
        country=area.country,
        admin_district_code=district_code,
        admin_district_name=district_name,
        admin_county_code=county_code,
        admin_county_name=county_name,
        region=region,
        place_id=place_id,
    )
    kind = "london_borough" if area.code.startswith("E09") else area.kind
    return Candidate(
        id=place_id,
        title=f"{_us_city_name(area.name)}, {area.region or area.country}",
        kind=kind,
        within=within,
        result=result,
        pilot=_is_pilot(area.code, area.county_code),
    )


def _us_city_name(name: str) -> str:
    """Census "Baltimore city" (an independent city) reads "Baltimore City" in a list."""
    return name[: -len(" city")] + " City" if name.endswith(" city") else name


def _town_candidate(place: Place) -> Candidate:
    result = replace(place_result(place), place_id=f"{GEONAMES_PREFIX}{place.geonameid}")
    within = result.admin_district_name if place.country == "GB" else _us_city_name(place.admin2)
    if within == place.name:
        within = ""
    return Candidate(
        id=result.place_id,
        title=f"{place.name}, {place.admin1 or place.admin1_code or place.country}",
        kind="place",
        within=within,
        result=result,
        population=place.population,
        pilot=_is_pilot(place.admin_district_code, place.admin_county_code),
    )
