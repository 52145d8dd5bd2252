"""Atlas fixtures: subsets of the committed extracts (atlas/data/), imported through the real
importers, so tests stay quick and every value is a real published one."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from atlas.importers import LondonBoroughBoundaries, USCountyBoundaries, USCountyImporter, USZipImporter

DATA = Path(__file__).resolve().parents[2] / "atlas" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Maryland and Massachusetts (the US pilots), plus Autauga, Alabama (FIPS 01001: a leading zero).
SUBSET_STATES = ("24", "25")
EXTRA_COUNTIES = ("1001",)


def source_county_rows() -> dict[str, dict]:
    """The committed county file's rows by the code as written there (an integer: '1001')."""
    with (DATA / "us_social_capital_county.csv").open(newline="", encoding="utf-8") as handle:
        return {row["county"]: row for row in csv.DictReader(handle)}


def write_county_subset(path: Path) -> Path:
    with (DATA / "us_social_capital_county.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = [
            r for r in reader if r["county"].zfill(5)[:2] in SUBSET_STATES or r["county"] in EXTRA_COUNTIES
        ]
        fields = reader.fieldnames
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_boundary_subset(path: Path) -> Path:
    data = json.loads((DATA / "us_counties.geojson").read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["id"][:2] in SUBSET_STATES or f["id"] == "01001"]
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def county_subset_csv(tmp_path) -> Path:
    return write_county_subset(tmp_path / "counties.csv")


@pytest.fixture
def us_counties(county_subset_csv, tmp_path):
    """Maryland and Massachusetts counties (+ Autauga, AL) with values and real boundaries."""
    USCountyImporter().run(county_subset_csv, commit=True, progress=False)
    USCountyBoundaries().run(
        write_boundary_subset(tmp_path / "counties.geojson"), commit=True, progress=False
    )


@pytest.fixture
def us_zips():
    USZipImporter().run(DATA / "us_social_capital_zip_pilots.csv", commit=True, progress=False)


@pytest.fixture
def london_boroughs():
    LondonBoroughBoundaries().run(DATA / "london_boroughs.geojson", commit=True, progress=False)
