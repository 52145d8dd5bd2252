"""Boundary importers: GeoJSON FeatureCollections (WGS84) -> simplified area boundaries.

Each feature gives a code, a name and a polygon; the polygon is simplified with shapely at
import (``atlas.geometry.simplify_boundary``) and stored as GeoJSON text with its centroid and
bounding box. Subclasses say where the code and name are:

* ``USCountyBoundaries`` - US Census counties: feature ``id`` = 5-digit FIPS; ``NAME``, ``LSAD``, ``STATE``.
* ``LondonBoroughBoundaries`` - London Datastore boroughs: ``GSS_CODE``, ``NAME``.
* ``EnglandLADBoundaries`` - ONS local authority districts (May 2024, ultra-generalised), which
  carry only ``name``: joined on name to the ONS LAD codes in ``atlas/data/uk_lad_codes.csv``.
* ``GeoJSONBoundaries`` - any other file, with the kind and property names given.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import shape

from atlas import services
from atlas.geometry import DEFAULT_TOLERANCE, SimplifiedBoundary, simplify_boundary
from atlas.importers.base import BaseImporter
from atlas.importers.us_states import US_STATES
from atlas.models import AreaKind
from importing.readers import ImportFileError
from importing.report import ImportReport
from importing.rows import RowRejected

DATA = Path(__file__).resolve().parents[1] / "data"

# Unitary authorities created in April 2023, after the May 2021 code list: ONS codes.
LAD_CODES_SINCE_2021 = {
    "Cumberland": "E06000063",
    "Westmorland and Furness": "E06000064",
    "North Yorkshire": "E06000065",
    "Somerset": "E06000066",
}


@dataclass
class ParsedBoundary:
    code: str
    name: str
    region: str
    boundary: SimplifiedBoundary


class BoundaryImporter(BaseImporter):
    kind = ""
    boundary_source = ""
    tolerance = DEFAULT_TOLERANCE
    country = ""

    def read_rows(self, path: Path) -> Iterator[dict]:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ImportFileError(f"{path} is not valid JSON: {error}") from None
        if data.get("type") != "FeatureCollection":
            raise ImportFileError(f"{path} is not a GeoJSON FeatureCollection")
        yield from data.get("features", [])

    def code_and_name(self, feature: dict) -> tuple[str, str, str]:
        """(code, name, region) of a feature; raise RowRejected when missing."""
        raise NotImplementedError

    def record_label(self, row: dict) -> str:
        props = row.get("properties") or {}
        return str(row.get("id") or props.get("GSS_CODE") or props.get("name") or props.get("NAME") or "")

    def key(self, parsed: ParsedBoundary):
        return parsed.code

    def parse_row(self, row: dict) -> ParsedBoundary:
        code, name, region = self.code_and_name(row)
        try:
            geometry = shape(row.get("geometry") or {})
        except (AttributeError, KeyError, TypeError, ValueError, IndexError) as error:
            raise RowRejected(f"unreadable geometry: {error}") from None
        try:
            boundary = simplify_boundary(geometry, tolerance=self.tolerance)
        except ValueError as error:
            raise RowRejected(str(error)) from None
        return ParsedBoundary(code=code, name=name, region=region, boundary=boundary)

    def write(self, parsed: list[ParsedBoundary], report: ImportReport, *, commit: bool) -> None:
        rows = [
            services.AreaData(
                code=p.code,
                name=p.name,
                country=self.country,
                region=p.region,
                boundary=p.boundary,
                boundary_source=self.boundary_source,
                overwrite_name=False,  # indicator files have the better names; fill only
            )
            for p in parsed
        ]
        _areas, counts = services.areas_upsert(kind=self.kind, rows=rows, commit=commit)
        report.add("areas", counts)


class USCountyBoundaries(BoundaryImporter):
    source_name = "US Census county boundaries"
    kind = AreaKind.US_COUNTY
    country = "US"
    boundary_source = "US Census Bureau cartographic boundaries (public domain)"

    def code_and_name(self, feature: dict) -> tuple[str, str, str]:
        props = feature.get("properties") or {}
        code = str(feature.get("id") or props.get("GEO_ID", "")[-5:] or "").strip()
        if not (code.isdigit() and len(code) == 5):
            raise RowRejected(f"feature id {code!r} is not a 5-digit FIPS code")
        state = US_STATES.get(code[:2])
        if state is None:
            raise RowRejected(f"FIPS {code}: unknown state code {code[:2]}")
        name = " ".join(p for p in (props.get("NAME"), props.get("LSAD")) if p) or f"County {code}"
        return code, f"{name}, {state[0]}", state[0]


class LondonBoroughBoundaries(BoundaryImporter):
    source_name = "London borough boundaries"
    kind = AreaKind.LONDON_BOROUGH
    country = "GB"
    tolerance = 0.0002  # boroughs are small: ~20 m
    boundary_source = "London Datastore statistical GIS boundaries (OGL v3; contains OS data)"

    def code_and_name(self, feature: dict) -> tuple[str, str, str]:
        props = feature.get("properties") or {}
        code, name = (props.get("GSS_CODE") or "").strip(), (props.get("NAME") or "").strip()
        if not code.startswith("E09") or not name:
            raise RowRejected(f"no London borough GSS code and name (got {code!r}, {name!r})")
        return code, name, "London"


class EnglandLADBoundaries(BoundaryImporter):
    source_name = "England local authority district boundaries"
    kind = AreaKind.UK_LAD
    country = "GB"
    tolerance = 0.0  # already ultra-generalised by ONS
    boundary_source = "ONS local authority districts, May 2024, ultra-generalised (OGL v3)"

    def __init__(self, codes_path: Path | None = None):
        path = codes_path or DATA / "uk_lad_codes.csv"
        with Path(path).open(encoding="utf-8", newline="") as handle:
            self.codes = {row["lad_name"].strip(): row["lad_code"].strip() for row in csv.DictReader(handle)}
        for name, code in LAD_CODES_SINCE_2021.items():
            self.codes.setdefault(name, code)

    def code_and_name(self, feature: dict) -> tuple[str, str, str]:
        name = ((feature.get("properties") or {}).get("name") or "").strip()
        code = self.codes.get(name)
        if code is None:
            raise RowRejected(f"no ONS code for local authority named {name!r}")
        return code, name, "England"


class GeoJSONBoundaries(BoundaryImporter):
    source_name = "GeoJSON boundaries"

    def __init__(self, *, kind: str, code_property: str, name_property: str, source: str = ""):
        if kind not in AreaKind.values:
            raise ValueError(f"kind must be one of {', '.join(AreaKind.values)}")
        from atlas.models import KIND_COUNTRIES

        self.kind, self.country = kind, KIND_COUNTRIES[kind]
        self.code_property, self.name_property = code_property, name_property
        self.boundary_source = source

    def code_and_name(self, feature: dict) -> tuple[str, str, str]:
        props = feature.get("properties") or {}
        code = str(props.get(self.code_property) or feature.get("id") or "").strip()
        if not code:
            raise RowRejected(f"no {self.code_property!r} property or feature id")
        return code, str(props.get(self.name_property) or code).strip(), ""


BOUNDARY_IMPORTERS = {
    "us_counties": USCountyBoundaries,
    "london_boroughs": LondonBoroughBoundaries,
    "england_lads": EnglandLADBoundaries,
}
