"""Survey results benchmark: a survey of 2,000 complete interviews × 8 places each (issue 20).

    .venv/bin/python -m bench.survey_results                      # SQLite file under var/bench/
    .venv/bin/python -m bench.survey_results --write-docs
    .venv/bin/python -m bench.survey_results --database-url postgres://cph:cph@127.0.0.1:5432/cph_bench

Makes ``--spaces`` public registry spaces, a coalition and a survey (age band plus two background
bands), then ``--interviews`` complete interviews, each naming ``--places`` spaces (skewed
popularity, as real answers are), 0–2 of 12 groups, people and ONS4 answers. The rows are
bulk-inserted (the interview services would take minutes to record 2,000 interviews and are not
what is measured). Then ``connections.results.compute_results`` — reading the interviews,
suppression, bridging scores, the networkx network (degree and betweenness), well-being — runs
``--repeats`` times uncached, and the results page is fetched once with an empty cache.

Target (issue 20): computing a survey's results for 2,000 interviews × 8 places in ≤ 2 s.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from pathlib import Path

from bench.harness import bench_parser, command_line, setup_site, sqlite_smoke_args, write_docs
from bench.machine import describe as machine

TARGET_S = 2.0
SLUG = "bench-survey"


def smoke_args(workdir: Path) -> list[str]:
    """A tiny run: 60 interviews × 4 places over 20 spaces, once."""
    return sqlite_smoke_args(workdir, "survey_results", "--interviews 60 --places 4 --spaces 20 --repeats 1")


def make_data(interviews: int, places: int, spaces: int):
    from assets_registry.models import Asset
    from atlas.models import AreaKind
    from atlas.services import AreaData, areas_upsert, pilot_place_upsert
    from coalitions.models import Coalition
    from connections.models import Interview, InterviewPlace, InterviewStatus, Survey

    Survey.objects.filter(slug=SLUG).delete()
    Coalition.objects.filter(slug=SLUG).delete()
    Asset.objects.filter(slug__startswith="bench-survey-space-").delete()
    areas, _ = areas_upsert(
        kind=AreaKind.UK_LAD, rows=[AreaData(code="B9000001", name="Bench survey area", country="GB")]
    )
    place = pilot_place_upsert(
        slug=SLUG, name="Bench survey place", country="GB", summary="", areas=areas.values()
    )
    coalition = Coalition.objects.create(name="Bench survey coalition", slug=SLUG, pilot_place=place)
    assets = Asset.objects.bulk_create(
        Asset(
            name=f"Bench space {n}",
            slug=f"bench-survey-space-{n}",
            live=True,
            country="GB",
            data_source="bench",
        )
        for n in range(spaces)
    )
    survey = Survey.objects.create(
        name="Bench survey",
        slug=SLUG,
        coalition=coalition,
        starts=dt.date(2025, 1, 1),
        ends=dt.date(2025, 6, 30),
        bands=["gender", "tenure"],
        consent_wording="Bench.",
        privacy_notice="Bench.",
        results_published=True,
    )
    rng = random.Random(20)
    popularity = [1 / (rank + 1) ** 0.7 for rank in range(spaces)]
    groups = [f"Bench group {n}" for n in range(12)]
    completed_at = dt.datetime.now(dt.UTC)
    rows = []
    for n in range(interviews):
        rows.append(
            Interview(
                survey=survey,
                respondent_code=f"BEN-{n:05d}",
                consent_given=True,
                status=InterviewStatus.COMPLETE,
                completed_at=completed_at,
                age_band=rng.choice(["16-24", "25-34", "35-49", "50-64", "65-74", "75+", "prefer_not"]),
                bands={
                    "gender": rng.choice(["woman", "man", "prefer_not"]),
                    "tenure": rng.choice(["own", "social_rent", "private_rent"]),
                },
                answers={
                    "people": [
                        {
                            "key": "p1",
                            "relationship": "friend",
                            "frequency": "weekly",
                            "closeness": 1,
                            "like_me": {
                                "age": rng.choice(["like", "unlike"]),
                                "background": "like",
                                "income": "unknown",
                            },
                        }
                    ],
                    "groups": [{"name": g, "kind": "club"} for g in rng.sample(groups, rng.randint(0, 2))],
                },
                life_satisfaction=rng.randint(0, 10),
                worthwhile=rng.randint(0, 10),
                happiness=rng.randint(0, 10),
                anxiety=rng.randint(0, 10),
            )
        )
    created = Interview.objects.bulk_create(rows, batch_size=500)
    links = []
    for interview in created:
        chosen = set()
        while len(chosen) < min(places, spaces):
            chosen.add(rng.choices(range(spaces), weights=popularity)[0])
        links += [InterviewPlace(interview=interview, space=assets[i]) for i in chosen]
    InterviewPlace.objects.bulk_create(links, batch_size=2000)
    return survey


def main(argv=None) -> int:
    parser = bench_parser("survey_results", __doc__)
    parser.add_argument("--interviews", type=int, default=2000, help="complete interviews (2000)")
    parser.add_argument("--places", type=int, default=8, help="places named per interview (8)")
    parser.add_argument("--spaces", type=int, default=200, help="registry spaces they choose from (200)")
    parser.add_argument("--repeats", type=int, default=5, help="timed computations (5)")
    args = parser.parse_args(argv)
    setup_site(args.database_url)

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from connections.results import compute_results

    survey = make_data(args.interviews, args.places, args.spaces)
    load_before = os.getloadavg()
    durations, results = [], None
    for _ in range(args.repeats):
        started = time.perf_counter()
        results = compute_results(survey)
        durations.append(time.perf_counter() - started)
    cache.clear()
    started = time.perf_counter()
    response = Client().get(f"/surveys/{survey.slug}/results/")
    page_s = time.perf_counter() - started
    load_after = os.getloadavg()
    if response.status_code != 200 or not results.enough:
        print(f"The results page answered {response.status_code}")
        return 1
    median = statistics.median(durations)
    network = "exact" if results.network_exact else f"estimated from {results.network_sources} seeded sources"
    report = "\n".join(
        [
            f"compute_results, uncached ({args.repeats} runs): median {median:.2f} s, "
            f"max {max(durations):.2f} s",
            f"results page, empty cache (1 request): {page_s:.2f} s",
            f"target <= {TARGET_S:g} s: {'met' if median <= TARGET_S else 'NOT met'}",
            f"shown: {len(results.places)} places, {len(results.groups)} groups; "
            f"places suppressed: {results.places_not_shown}; betweenness {network}",
            f"load average (1 min): {load_before[0]:.2f} before, {load_after[0]:.2f} after",
        ]
    )
    print(report)
    if args.write_docs:
        write_docs(
            "survey_results",
            f"Connection surveys: results of {args.interviews:,} interviews × {args.places} places",
            [
                f"Machine: {machine()}",
                f"Database: {connection.vendor}",
                f"Data: generated (bench/survey_results.py): {args.interviews:,} complete interviews × "
                f"{args.places} places over {args.spaces} spaces (skewed popularity), 0–2 of 12 groups, "
                "age band and two background bands, ONS4",
                f"Command: `{command_line('bench.survey_results', argv)}`",
                f"Date: {time.strftime('%Y-%m-%d')}",
                "compute_results is the whole computation (reading, suppression, bridging scores, networkx "
                "degree and betweenness, well-being); the page adds the registry's names and the template. "
                "A load average above the CPU count means the CPUs were shared while it ran.",
            ],
            report,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
