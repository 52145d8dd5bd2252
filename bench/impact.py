"""Impact page benchmark: a coalition with 50 measures × 120 observations (issue 19).

    .venv/bin/python -m bench.impact                        # SQLite file under var/bench/
    .venv/bin/python -m bench.impact --requests 100 --write-docs
    .venv/bin/python -m bench.impact --database-url postgres://cph:cph@127.0.0.1:5432/cph_bench

A pilot place (one area) gets a coalition with M recorded measures, each with a baseline, a
target and N live observations a month apart (plus one draft each, which the page must skip),
and a second pilot coalition following the same measures (so every measure has a pilot
comparator). Then the impact page (M server-drawn SVG charts and their tables), the coalition
page and ``impact.csv`` are fetched R times each with Django's test client, DEBUG off, after two
untimed requests. Timings are whole requests: selectors, charts, template and middleware.

Target (issue 19): the impact page's p95 ≤ 100 ms on SQLite with 50 × 120.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

from bench.harness import (
    bench_parser,
    command_line,
    percentile,
    setup_site,
    sqlite_smoke_args,
    write_docs,
)
from bench.machine import describe as machine

TARGET_P95_MS = 100


def smoke_args(workdir: Path) -> list[str]:
    """A tiny run: 5 measures × 12 observations, 3 requests per page."""
    return sqlite_smoke_args(workdir, "impact", "--measures 5 --observations 12 --requests 3")


def make_data(measures: int, observations: int) -> str:
    """The coalitions (replacing a previous run's); returns the impact page's slug."""
    from atlas.models import AreaKind
    from atlas.services import AreaData, areas_upsert, pilot_place_upsert
    from coalitions.models import Coalition, Measure, MeasureKind, Observation

    Coalition.objects.filter(slug__startswith="bench-").delete()
    start = dt.date(2015, 1, 1)
    for i, (slug, code) in enumerate((("bench-one", "B0000001"), ("bench-two", "B0000002"))):
        areas, _ = areas_upsert(
            kind=AreaKind.UK_LAD,
            rows=[AreaData(code=code, name=f"Bench area {i + 1}", country="GB", population=250_000)],
        )
        place = pilot_place_upsert(
            slug=slug, name=f"Bench place {i + 1}", country="GB", summary="", areas=areas.values()
        )
        coalition = Coalition.objects.create(name=f"Bench coalition {i + 1}", slug=slug, pilot_place=place)
        rows = Measure.objects.bulk_create(
            Measure(
                coalition=coalition,
                kind=MeasureKind.RECORDED,
                name=f"Measure {m + 1}",
                definition="People taking part in bridging activities, counted at each event.",
                unit="people",
                valid_min=0,
                baseline_value=100 + m,
                baseline_date=start,
                target_value=400 + m,
                target_date=dt.date(2030, 12, 1),
                headline=m == 0,
                sort_order=m,
            )
            for m in range(measures)
        )
        count = observations if i == 0 else 3
        Observation.objects.bulk_create(
            [
                Observation(
                    measure=measure,
                    value=100 + k * 2 + (k % 5),
                    date=start + dt.timedelta(days=31 * (k + 1)),
                    note="Quarterly count" if k % 3 == 0 else "",
                )
                for measure in rows
                for k in range(count)
            ]
            + [
                Observation(measure=measure, value=999, date=dt.date(2030, 1, 1), live=False)
                for measure in rows
            ]
        )
    return "bench-one"


def time_page(client, url: str, requests: int) -> dict:
    for _ in range(2):  # untimed: caches, connections, template loading
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
    durations, size = [], 0
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        durations.append((time.perf_counter() - started) * 1000)
        size = len(body)
    return {
        "url": url,
        "p50": statistics.median(durations),
        "p95": percentile(durations, 95),
        "max": max(durations),
        "kb": size / 1024,
    }


def main(argv=None) -> int:
    parser = bench_parser("impact", __doc__)
    parser.add_argument("--measures", type=int, default=50, help="measures of the coalition (50)")
    parser.add_argument("--observations", type=int, default=120, help="observations per measure (120)")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (50)")
    args = parser.parse_args(argv)
    setup_site(args.database_url)

    from django.db import connection
    from django.test import Client

    slug = make_data(args.measures, args.observations)
    client = Client()
    results = [
        time_page(client, f"/places/{slug}/coalition/impact/", args.requests),
        time_page(client, f"/places/{slug}/coalition/", args.requests),
        time_page(client, f"/places/{slug}/coalition/impact.csv", args.requests),
    ]
    impact = results[0]
    charts = client.get(results[0]["url"]).content.count(b'role="img"')
    if charts != args.measures:
        print(f"The impact page drew {charts} charts for {args.measures} measures")
        return 1
    lines = [
        f"{args.measures} measures × {args.observations} live observations (+1 draft each), "
        f"{args.requests} timed requests per page ({connection.vendor})",
        f"{'page':<44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'size kB':>8}",
    ]
    lines += [
        f"{r['url']:<44} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f} {r['kb']:8.0f}" for r in results
    ]
    met = impact["p95"] <= TARGET_P95_MS
    lines.append(
        f"Target: impact page p95 ≤ {TARGET_P95_MS} ms on SQLite: {impact['p95']:.0f} ms "
        f"({'met' if met else 'MISSED'})"
    )
    report = "\n".join(lines)
    print(f"Machine: {machine()}")
    print(report)
    if args.write_docs:
        write_docs(
            "impact",
            "Coalitions: the impact page with 50 measures × 120 observations",
            [
                f"Machine: {machine()}",
                "Data: generated (bench/impact.py): one coalition's recorded measures with baselines, "
                "targets and monthly observations, and a second pilot coalition with the same measures",
                f"Command: `{command_line('bench.impact', argv)}`",
                f"Date: {time.strftime('%Y-%m-%d')}",
                "Whole requests through Django's test client (DEBUG off): selectors, comparators, SVG "
                "charts, templates and middleware. A load average above the CPU count means the CPUs "
                "were shared with other jobs, so the times are upper bounds.",
            ],
            report,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
