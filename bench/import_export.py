"""Import and export at scale, on a fresh SQLite database (results: docs/benchmarks.md).

    .venv/bin/python -m bench.import_export import [--rows 100000]
    .venv/bin/python -m bench.import_export export [--assets 1000000]
    .venv/bin/python -m bench.import_export all

import: writes a CSV of N rows with coordinates (synthetic names, positions spread over Greater
London, a category each, a website), then times ``manage.py import_csv --trusted --commit`` on it
(the command as a partner runs it: reading, validation, duplicate checks, bulk writes and
search-index updates, in one transaction), and a second run (every row unchanged). The machine
is shared, so the 1-minute load average is recorded before and after, with the CPU time.
Targets: 2,000 rows/s or more for the first run.

export: fills the database with N published spaces (SQL, fast), then fetches
``/spaces/export.geojson`` through Django's test client in a child process that writes the
streamed body to a file and reports its own peak resident memory (``ru_maxrss``) and how much of
that the export added (peak minus the RSS before the request). Target: peak under 300 MB.

Each run uses its own temporary database (DATABASE_URL) and never touches the project's.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import ROOT
from bench.machine import describe

PYTHON = sys.executable
CATEGORIES = [
    "community_centre",
    "library",
    "place_of_worship",
    "sports_club",
    "arts_centre",
    "pub_cafe",
    "park_garden",
]
WORDS = [
    "Oak",
    "Elm",
    "River",
    "Hill",
    "Market",
    "Station",
    "Park",
    "Green",
    "Bridge",
    "Church",
    "Mill",
    "Cross",
]
KINDS = ["Hall", "Club", "Centre", "Library", "Studio", "Garden", "Chapel", "Hub", "Rooms", "House"]


def smoke_args(workdir: Path) -> list[str]:
    """A tiny run: import 200 rows, export 500 spaces, targets reported but not judged."""
    return ["all", "--rows", "200", "--assets", "500", "--ignore-targets"]


def env_for(database: Path) -> dict:
    env = dict(os.environ)
    env["DATABASE_URL"] = f"sqlite:///{database}"
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    env["DEBUG"] = "false"
    env["ELASTICSEARCH_URL"] = ""
    env.pop("ASSET_SEARCH_BACKEND", None)
    return env


def manage(database: Path, *args: str, quiet: bool = True) -> tuple[float, float]:
    """Run a management command; (wall-clock seconds, CPU seconds it used).

    CPU time is reported too because the machines this runs on are shared: under load the
    wall clock measures the neighbours as much as the import (the command is single-threaded,
    so on an idle machine wall time is about its CPU time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env_for(database),
        cwd=database.parent,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "lat", "lon", "category", "website"])
        for i in range(1, rows + 1):
            name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {i}"
            lat = 51.30 + rng.random() * 0.40  # Greater London
            lon = -0.50 + rng.random() * 0.80
            writer.writerow(
                [
                    f"b{i}",
                    name,
                    f"{lat:.6f}",
                    f"{lon:.6f}",
                    rng.choice(CATEGORIES),
                    f"https://example.org/{i}",
                ]
            )


def bench_import(rows: int, workdir: Path) -> dict:
    database = workdir / "import.sqlite3"
    print(f"Migrating a fresh database in {workdir} ...", flush=True)
    manage(database, "migrate", "--no-input")
    source = workdir / "spaces.csv"
    write_csv(source, rows)
    command = [
        "import_csv",
        str(source),
        "--source",
        "bench",
        "--id-column",
        "id",
        "--name-column",
        "name",
        "--lat-column",
        "lat",
        "--lon-column",
        "lon",
        "--category-column",
        "category",
        "--website-column",
        "website",
        "--trusted",
        "--commit",
        "--no-progress",
        "--no-areas",
        "--report",
        str(workdir / "report.csv"),
    ]
    print(f"Importing {rows:,} rows ...", flush=True)
    load_before = os.getloadavg()[0]
    first, first_cpu = manage(database, *command)
    load_after_first = os.getloadavg()[0]
    print(f"Importing the same {rows:,} rows again ...", flush=True)
    second, second_cpu = manage(database, *command)
    result = {
        "rows": rows,
        "load_average_1min_before": round(load_before, 1),
        "load_average_1min_after_first_run": round(load_after_first, 1),
        "first_run_s": round(first, 1),
        "first_run_rows_per_s": round(rows / first),
        "first_run_cpu_s": round(first_cpu, 1),
        "first_run_rows_per_cpu_s": round(rows / first_cpu),
        "second_run_s": round(second, 1),
        "second_run_rows_per_s": round(rows / second),
        "target_rows_per_s": 2000,
    }
    result["ok"] = result["first_run_rows_per_s"] >= 2000
    return result


FILL_SQL = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
INSERT INTO assets_registry_asset (
    name, slug, description, categories, third_space_types, category_mask, third_space_mask,
    setting, kind, audience, free, open_to_all, mixed_ages, step_free, languages,
    accessibility_notes, address, postcode, locality, region, country, latitude, longitude,
    grid_row, location_source, location_precision, location_basis, needs_geocoding, admin_district_code,
    admin_district_name, admin_county_code, admin_county_name, website, phone, public_email,
    opening_hours_notes, timezone, status, data_source, source_id, duplicate_reasons,
    search_keywords, created_at, updated_at, live, has_unpublished_changes, expired, locked
)
SELECT
    'Bench space ' || i, 'bench-space-' || i, 'A community space used to measure exports.',
    '["community_centre"]', '["purpose"]', 1, 4, 'civic', 'physical', 'Everyone', 1, 1, 0, 1,
    'English, Polish', '', i || ' High Street', 'W5 2HL', 'Ealing', 'London', 'GB',
    51.3 + (i % 4000) * 0.0001, -0.5 + (i / 4000) * 0.003,
    CAST((51.3 + (i % 4000) * 0.0001) * 100 AS INTEGER),
    'import', 'address', 'latitude/longitude', 0, 'E09000009', 'Ealing', '', '',
    'https://example.org/' || i, '020 8825 5000', '', 'Open on weekdays', 'Europe/London', 'active',
    'bench', 'b' || i, '',
    'Community centre Ealing', '2025-01-01 00:00:00', '2025-01-01 00:00:00', 1, 0, 0, 0
FROM n
"""

MEASURE = r"""
import os, resource, sys, time
sys.path[:0] = [{root!r}, {site!r}]
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
import django
django.setup()
from django.test import Client

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

client = Client(HTTP_HOST="localhost")
client.get("/spaces/export.geojson?q=warm-up-nothing-matches")  # import everything first
before = rss_mb()
started = time.perf_counter()
response = client.get("/spaces/export.geojson")
size = 0
with open({out!r}, "wb") as handle:
    for piece in response.streaming_content:
        size += len(piece)
        handle.write(piece)
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{elapsed}} {{size}} {{before}} {{peak}}")
"""


def bench_export(assets: int, workdir: Path) -> dict:
    database = workdir / "export.sqlite3"
    print(f"Migrating a fresh database in {workdir} ...", flush=True)
    manage(database, "migrate", "--no-input")
    print(f"Adding {assets:,} published spaces ...", flush=True)
    import sqlite3

    connection = sqlite3.connect(database)
    started = time.perf_counter()
    with connection:
        connection.execute(FILL_SQL.format(count=assets))
    connection.close()
    fill = time.perf_counter() - started
    out = workdir / "spaces.geojson"
    script = MEASURE.format(root=str(ROOT), site=str(ROOT / "site"), out=str(out))
    print("Exporting /spaces/export.geojson ...", flush=True)
    completed = subprocess.run(
        [PYTHON, "-c", script], env=env_for(database), check=True, capture_output=True, text=True
    )
    elapsed, size, before, peak = (float(x) for x in completed.stdout.split()[-4:])
    with out.open(encoding="utf-8") as handle:
        head = handle.read(200)
    features = sum(1 for line in out.open(encoding="utf-8") if line.startswith('{"type": "Feature"'))
    json.loads(head.split(', "features"')[0] + "}")  # the header is valid JSON
    return {
        "assets": assets,
        "fill_s": round(fill, 1),
        "export_s": round(elapsed, 1),
        "features_per_s": round(assets / elapsed),
        "features_written": features,
        "file_mb": round(size / 1024 / 1024, 1),
        "rss_before_export_mb": round(before),
        "peak_rss_mb": round(peak),
        "target_peak_mb": 300,
        "ok": peak < 300 and features == assets,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("which", choices=["import", "export", "all"])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--assets", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder.")
    parser.add_argument(
        "--ignore-targets", action="store_true", help="Exit 0 even when a target is missed (smoke runs)."
    )
    args = parser.parse_args(argv)
    print(f"Machine: {describe(load=False)}, SQLite")
    results = {}
    workdir = Path(tempfile.mkdtemp(prefix="cph-bench-"))
    try:
        if args.which in ("import", "all"):
            results["import"] = bench_import(args.rows, workdir)
            print(json.dumps(results["import"], indent=2), flush=True)
        if args.which in ("export", "all"):
            results["export"] = bench_export(args.assets, workdir)
            print(json.dumps(results["export"], indent=2), flush=True)
    finally:
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if not args.ignore_targets and not all(r["ok"] for r in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
