"""Rebuild the committed extracts in this folder from the full public files (maintainers only).

    .venv/bin/python atlas/data/build_extracts.py /path/to/shared/data

Never run by the site or the tests: they read only the extracts committed here. Boundaries are
pre-simplified (same shapely simplification as the importer) so the repository stays small;
the importers simplify again at import, which changes nothing on already simplified shapes.
The codebook extract needs `pdftotext` (Debian package poppler-utils).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import shapely
from shapely.geometry import shape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from atlas.geometry import round_coordinates  # noqa: E402

PILOT_COUNTIES = {"24510", "24005", "25025", "25017"}  # Baltimore City/County, Suffolk, Middlesex


def simplified_features(path: Path, tolerance: float, keep: list[str], decimals: int = 4) -> dict:
    source = json.loads(path.read_text(encoding="utf-8"))
    features = []
    for feature in source["features"]:
        geometry = shape(feature["geometry"]).simplify(tolerance, preserve_topology=True)
        geometry = round_coordinates(geometry, decimals)
        out = {
            "type": "Feature",
            "properties": {key: feature["properties"].get(key) for key in keep},
            "geometry": json.loads(shapely.to_geojson(geometry)),
        }
        if "id" in feature:
            out["id"] = feature["id"]
        features.append(out)
    return {"type": "FeatureCollection", "features": features}


def write_geojson(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


def codebook_definitions(pdf: Path, county_csv: Path, zip_csv: Path) -> list[tuple[str, str, str]]:
    """Variable definitions of sections 2.1 and 2.2 of the codebook, one row per column."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    lines = text.stdout.split("\n")
    start = next(i for i, line in enumerate(lines) if "County-Level Data" in line and ". ." not in line)
    end = next(i for i, line in enumerate(lines) if "High School Data" in line and ". ." not in line)
    with county_csv.open() as handle:
        columns = {"county": next(csv.reader(handle))}
    with zip_csv.open() as handle:
        columns["zip"] = next(csv.reader(handle))
    keep_hyphen = {"high", "low", "non", "below", "above", "parental", "within", "cross", "self"}
    level, current, definitions = "county", None, {}
    for line in lines[start:end]:
        if "ZIP Code-Level Data" in line:
            level, current = "zip", None
            continue
        head = re.match(r"^\s{0,3}([a-z0-9][a-z0-9 ]*?)\s{2,}(\S.*)$", line)
        if head and head.group(1).strip().replace(" ", "_") in columns[level]:
            current = (level, head.group(1).strip().replace(" ", "_"))
            definitions[current] = head.group(2).strip()
            continue
        more = re.match(r"^\s{15,}(\S.*)$", line)
        if more and current and not more.group(1).strip().isdigit():
            previous, following = definitions[current], more.group(1).strip()
            stem = re.search(r"(\w+)-$", previous)
            if stem and following[:1].islower():  # a word broken across lines
                joined = previous if stem.group(1).lower() in keep_hyphen else previous[:-1]
                definitions[current] = joined + following
            else:
                definitions[current] = f"{previous} {following}"
        elif line.strip() and not more:
            current = None
    return [(lvl, column, text) for (lvl, column), text in definitions.items()]


def main(shared: Path) -> None:
    sca = shared / "social_capital_atlas_us"
    bounds = shared / "boundaries"
    shutil.copyfile(sca / "social_capital_county.csv", HERE / "us_social_capital_county.csv")
    with (
        (sca / "social_capital_zip.csv").open(newline="") as src,
        (HERE / "us_social_capital_zip_pilots.csv").open("w", newline="") as dst,
    ):
        reader, writer = csv.reader(src), csv.writer(dst)
        header = next(reader)
        writer.writerow(header)
        county = header.index("county")
        writer.writerows(row for row in reader if row[county].zfill(5) in PILOT_COUNTIES)
    with (HERE / "us_social_capital_codebook.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["level", "column", "definition"])
        writer.writerows(
            codebook_definitions(
                sca / "social_capital_codebook_2022-07.pdf",
                sca / "social_capital_county.csv",
                sca / "social_capital_zip.csv",
            )
        )
    write_geojson(
        simplified_features(
            bounds / "us_counties_fips.geojson", 0.004, ["STATE", "NAME", "LSAD"], decimals=3
        ),
        HERE / "us_counties.geojson",
    )
    write_geojson(
        simplified_features(bounds / "london_boroughs_4326.geojson", 0.0002, ["NAME", "GSS_CODE"]),
        HERE / "london_boroughs.geojson",
    )
    write_geojson(
        simplified_features(bounds / "england_lad_2024_buc.geojson", 0.0, ["name", "kind"]),
        HERE / "england_lads.geojson",
    )
    shutil.copyfile(shared / "gazetteer" / "uk_lad_centroids_may2021.csv", HERE / "uk_lad_codes.csv")
    for path in sorted(HERE.glob("*.*")):
        print(f"{path.name:40} {path.stat().st_size:>10,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
