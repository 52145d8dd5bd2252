"""Rebuild the demo extracts in this folder from the full source files (developers only; the
product never reads the source files). Usage:

    .venv/bin/python -m assets_registry.data.build_extracts \
        --cultural PATH/london_cultural_infrastructure_combined.csv \
        --worship PATH/london_osm_places_of_worship_2021.csv \
        --boroughs PATH/london_boroughs_4326.geojson

Cultural infrastructure: Ealing's rows (borough_code E09000009); the 2018 and 2023 snapshots
and a venue's several categories are merged per venue (same UPRN, or a like name within 100 m),
keeping the 2023 row, filling a missing 2023 name from 2018 and joining categories with ";".
Each venue keeps its OS grid reference (easting, northing: the position the importer uses) and
the source's latitude/longitude as they are (the 2018 ones sit ~124 m ESE of the grid reference,
a datum slip, which the import report measures); venues are matched by the grid reference.
Places of worship: the points inside Ealing's boundary (shapely).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.prepared import prep

from assets_registry.importers.positions import PositionError, grid_to_latlon

HERE = Path(__file__).resolve().parent
EALING_CODE = "E09000009"
CULTURAL_OUT = HERE / "ealing_cultural_infrastructure.csv"
# Two snapshots of one venue: like names this close (their grid references differ by up to ~85 m
# between 2018 and 2023: "Crown", Greenford).
SAME_VENUE_M = 100
WORSHIP_OUT = HERE / "ealing_places_of_worship.csv"


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def _name_key(name: str) -> str:
    """Loose name key: "The Questors Theatre" and "Questor's Theatre" match."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("'s", "s"))
    return " ".join(w.rstrip("s") for w in words if w not in {"the", "a", "an", "of", "and"})


def _names_match(a: str, b: str) -> bool:
    """One venue's name in two listings: "Castle" and "Castle Inn", "Duke of Kent" and "Duke Of Kent"."""
    short, long = sorted((_name_key(a).split(), _name_key(b).split()), key=len)
    return bool(short) and long[: len(short)] == short


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = (a[0] - b[0]) * 111_195
    dlon = (a[1] - b[1]) * 111_195 * math.cos(math.radians(a[0]))
    return math.hypot(dlat, dlon)


def _grid(row: dict) -> tuple[str, str, tuple[float, float] | None]:
    """The row's grid reference, to the decimetre, and where it is (None when it has none)."""
    try:
        easting, northing = round(float(row["easting"]), 1), round(float(row["northing"]), 1)
        text = [f"{value:.1f}".removesuffix(".0") for value in (easting, northing)]
        return text[0], text[1], grid_to_latlon(easting, northing)
    except (ValueError, PositionError):
        return "", "", None


def extract_cultural(source: Path) -> list[dict]:
    rows = [
        r
        for r in csv.DictReader(source.open(encoding="utf-8"))
        if r["borough_code"].strip() == EALING_CODE or r["borough_name"].strip().lower() == "ealing"
    ]
    rows.sort(key=lambda r: r["year"], reverse=True)  # 2023 first: it wins
    venues: list[dict] = []
    for row in rows:
        source_point = (float(row["latitude"]), float(row["longitude"]))
        easting, northing, grid_point = _grid(row)
        point = grid_point or source_point
        uprn = row["os_addressbase_uprn"].strip()
        uprn = uprn if uprn.isdigit() and uprn != "0" else ""
        match = None
        for venue in venues:
            same_uprn = uprn and uprn == venue["uprn"]
            same_name = (
                row["name"].strip()
                and venue["name"]
                and _names_match(row["name"], venue["name"])
                and _metres(point, venue["point"]) < SAME_VENUE_M
            )
            if same_uprn or same_name:
                match = venue
                break
        if match:
            match["years"] = ",".join(sorted({*match["years"].split(","), row["year"]}))
            if not match["name"] and row["name"].strip():
                match["name"] = row["name"].strip()
            if row["category"].strip() not in match["category"].split(";"):
                match["category"] += ";" + row["category"].strip()
            continue
        venues.append(
            {
                "name": row["name"].strip(),
                "address1": row["address1"].strip(),
                "address2": row["address2"].strip(),
                "address3": row["address3"].strip(),
                "website": row["website"].strip(),
                "uprn": uprn,
                "ward": row["ward_2018_name"].strip(),
                "easting": easting,
                "northing": northing,
                "latitude": source_point[0],
                "longitude": source_point[1],
                "category": row["category"].strip(),
                "years": row["year"],
                "point": point,
            }
        )
    for venue in venues:
        del venue["point"]
        # Keyed on the source's own lat/lon, as before: ids stay those of earlier extracts.
        fallback = f"{_key(venue['name'])[:40]}-{venue['latitude']:.5f}-{venue['longitude']:.5f}"
        venue["source_id"] = venue["uprn"] or fallback
    return sorted(venues, key=lambda v: v["source_id"])


def extract_worship(source: Path, boroughs: Path) -> list[dict]:
    features = json.loads(boroughs.read_text(encoding="utf-8"))["features"]
    ealing = next(f for f in features if f["properties"].get("GSS_CODE") == EALING_CODE)
    inside = prep(shape(ealing["geometry"]))
    places = []
    for row in csv.DictReader(source.open(encoding="utf-8")):
        lat, lon = float(row["lat"]), float(row["lon"])
        if inside.contains(Point(lon, lat)):
            name = row["name"].strip()
            places.append(
                {
                    "name": name,
                    "religion": row["religion"].strip(),
                    "latitude": round(lat, 7),
                    "longitude": round(lon, 7),
                    "source_id": f"{_key(name)[:40]}-{lat:.5f}-{lon:.5f}",
                }
            )
    return sorted(places, key=lambda p: p["source_id"])


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{path.name}: {len(rows)} rows")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cultural", type=Path, required=True)
    parser.add_argument("--worship", type=Path, required=True)
    parser.add_argument("--boroughs", type=Path, required=True)
    args = parser.parse_args()
    write(CULTURAL_OUT, extract_cultural(args.cultural))
    write(WORSHIP_OUT, extract_worship(args.worship, args.boroughs))


if __name__ == "__main__":
    main()
