"""Find-a-space benchmark: the registry's search at scale on SQLite and PostgreSQL.

    .venv/bin/python -m bench.find_space --n 100000 --db sqlite
    .venv/bin/python -m bench.find_space --n 1000000 --db postgres --write-docs
    .venv/bin/python -m bench.find_space --n 1000000 --db sqlite --skip-build   # re-measure

Builds N published assets in a database of its own (never the dev database: a SQLite file under
var/bench/, or the PostgreSQL database named by --database-url), each at the position of a real
GB postcode drawn at random from OS Code-Point Open (the gazetteer's ``gb-postcodes`` source,
loaded into the same database), so density follows where people live. Names, descriptions,
categories and third-space types come from a fixed set of archetypes ("Choir", "Football Club",
"Mosque", ...), seeded, so runs are repeatable.

Then it times the find-a-space query as the /spaces/ page runs it: ``selectors.filters_from_params``
(the location box geocoded by the offline gazetteer) and ``selectors.asset_search`` with the
configured (database) backend, end to end (SQL, exact distances, facet counts, loading the page's
20 assets), near real postcodes: 5 km, one text word and two facets, the issue's target (p95 <=
50 ms at 1,000,000 on this two-core machine); plus variants for context, and the gazetteer
lookup alone (bench/gazetteer.py measures every kind of lookup).

``--profile`` runs the target query under cProfile and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import statistics
import time
from pathlib import Path

from bench.harness import (
    default_sqlite_url,
    percentile,
    setup_django,
    sqlite_smoke_args,
    time_calls,
    write_docs,
)
from bench.machine import describe, load_average

DEFAULT_URLS = {
    "sqlite": default_sqlite_url("find_space"),
    "postgres": "postgres://cph:cph@127.0.0.1:5432/cph_bench_find_space",
}

# (weight, category, third-space types, setting, kind, name nouns, words for descriptions)
ARCHETYPES = [
    (
        14,
        "pub_cafe",
        ["activity"],
        "hobby_recreational",
        "economic",
        ["Arms", "Tavern", "Café", "Inn"],
        "food drink quiz",
    ),
    (
        8,
        "place_of_worship",
        ["identity"],
        "religious",
        "association",
        ["Church", "Chapel", "Parish Church"],
        "worship prayer choir",
    ),
    (
        3,
        "place_of_worship",
        ["identity"],
        "religious",
        "association",
        ["Mosque", "Islamic Centre"],
        "prayer worship community",
    ),
    (
        2,
        "place_of_worship",
        ["identity"],
        "religious",
        "association",
        ["Gurdwara", "Mandir", "Synagogue"],
        "worship langar community",
    ),
    (
        7,
        "community_centre",
        ["purpose", "activity"],
        "civic",
        "physical",
        ["Community Centre", "Community Hall"],
        "community events classes",
    ),
    (4, "library", ["activity", "purpose"], "civic", "physical", ["Library"], "books reading computers"),
    (
        7,
        "sports_club",
        ["activity"],
        "hobby_recreational",
        "association",
        ["Football Club", "Cricket Club", "Running Club", "Boxing Club"],
        "training matches sport",
    ),
    (
        3,
        "sports_centre",
        ["activity"],
        "hobby_recreational",
        "physical",
        ["Leisure Centre", "Sports Centre"],
        "swimming gym sport",
    ),
    (
        6,
        "arts_club",
        ["activity"],
        "hobby_recreational",
        "association",
        ["Choir", "Art Club", "Drama Group", "Knitting Circle"],
        "singing painting theatre crafts",
    ),
    (
        3,
        "theatre",
        ["activity"],
        "hobby_recreational",
        "cultural",
        ["Theatre", "Playhouse"],
        "plays performance theatre",
    ),
    (
        5,
        "volunteer_group",
        ["purpose"],
        "volunteering",
        "association",
        ["Food Bank", "Volunteers", "Litter Pickers"],
        "volunteering food help",
    ),
    (
        4,
        "civic_group",
        ["purpose"],
        "civic",
        "association",
        ["Residents Association", "Neighbourhood Forum"],
        "meetings local planning",
    ),
    (
        4,
        "park_garden",
        ["activity", "purpose"],
        "hobby_recreational",
        "physical",
        ["Community Garden", "Allotments", "Park"],
        "gardening growing nature",
    ),
    (
        3,
        "youth_club",
        ["activity"],
        "hobby_recreational",
        "association",
        ["Youth Club", "Scouts", "Guides"],
        "young people games",
    ),
    (
        2,
        "makerspace",
        ["activity"],
        "hobby_recreational",
        "economic",
        ["Makerspace", "Repair Cafe"],
        "repair making tools",
    ),
]
PLACE_WORDS = [
    "St Mary's",
    "St John's",
    "Holy Trinity",
    "Riverside",
    "Park View",
    "Northfields",
    "Hillside",
    "Greenway",
    "Station Road",
    "High Street",
    "Victoria",
    "Albert",
    "Castle",
    "Oak Tree",
    "Meadow",
    "Church Lane",
    "Brook",
    "Mill",
    "King's",
    "Queen's",
    "Elm",
    "Willow",
    "Market",
    "Bridge",
    "Hanger Hill",
    "Westfield",
]
# (label, through the page's parameter parser, text, facets): the first is the target.
QUERIES = [
    ("page: postcode + 5 km + text + 2 facets", True, True, True),
    ("near + 5 km + text + 2 facets", False, True, True),
    ("near + 5 km + 2 facets", False, False, True),
    ("near + 5 km only", False, False, False),
]


def smoke_args(workdir: Path) -> list[str]:
    """A tiny run: 500 spaces at the postcodes of one borough (Ealing), 5 timed queries per kind."""
    return sqlite_smoke_args(workdir, "find_space", "--n 500 --runs 5 --areas E09000009")


def ensure_database(url: str) -> None:
    """Create the PostgreSQL bench database if it does not exist yet (setup_django makes SQLite's folder)."""
    if not url.startswith("postgres"):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def postcode_positions(
    sample: int, rng: random.Random, areas: list[str]
) -> list[tuple[float, float, str, str]]:
    """(lat, lon, postcode, district code) of real postcodes (of ``areas`` only, if any), loaded
    into this database once."""
    from geocoding.loaders import load_gazetteer
    from geocoding.models import GBPostcode

    load_gazetteer(only=["gb-postcodes"], areas=areas, progress=True)
    rows = list(
        GBPostcode.objects.order_by("?").values_list(
            "latitude", "longitude", "postcode", "admin_district_code"
        )[:sample]
    )
    rows.sort()
    rng.shuffle(rows)
    return rows


def build(n: int, positions, rng: random.Random) -> float:
    """Bulk-insert N published assets (raw SQL/COPY: the ORM would take far longer)."""
    from tqdm import tqdm

    from django.db import connection
    from django.utils import timezone

    from assets_registry.models import Asset, grid_row_for
    from assets_registry.search_backends import text_index_sql
    from assets_registry.taxonomy import CATEGORIES, SETTINGS, THIRD_SPACE_TYPES

    started = time.perf_counter()
    vendor = connection.vendor
    table = Asset._meta.db_table
    fields = [f for f in Asset._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    template = Asset(name="x", slug="x", live=True, status="active", country="GB", data_source="bench")
    now = timezone.now()
    template.created_at = template.updated_at = template.first_published_at = template.last_published_at = now
    template.timezone = "Europe/London"
    base = {f.column: f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields}
    base["categories"] = base["third_space_types"] = "[]"
    weights = [a[0] for a in ARCHETYPES]

    def rows():
        for i in range(n):
            _w, category, types, setting, kind, nouns, words = rng.choices(ARCHETYPES, weights)[0]
            lat, lon, postcode, district = positions[i % len(positions)]
            lat += rng.uniform(-0.0005, 0.0005)
            lon += rng.uniform(-0.0008, 0.0008)
            name = f"{rng.choice(PLACE_WORDS)} {rng.choice(nouns)}"
            row = dict(base)
            row.update(
                name=name,
                slug=f"bench-{i}",
                description=f"{name}: {words} for everyone nearby.",
                categories=json.dumps([category]),
                third_space_types=json.dumps(types),
                category_mask=CATEGORIES.mask([category]),
                third_space_mask=THIRD_SPACE_TYPES.mask(types),
                setting=setting,
                kind=kind,
                free=rng.random() < 0.3,
                step_free=rng.random() < 0.4,
                latitude=lat,
                longitude=lon,
                grid_row=grid_row_for(lat),
                postcode=postcode,
                admin_district_code=district,
                source_id=str(i),
                search_keywords=f"{CATEGORIES.label_for(category)} {SETTINGS.label_for(setting)} {postcode}",
            )
            yield [row[c] for c in columns]

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        text_index_sql.drop_for_bulk_load(cursor, vendor)  # SQLite: FTS table, triggers, covering index
        if vendor == "sqlite":
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
            batch = []
            for values in tqdm(rows(), total=n, desc="Insert", unit="asset"):
                batch.append(values)
                if len(batch) == 20_000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
            print("Building the FTS5 index and the covering index…")
            text_index_sql.build_after_bulk_load(cursor, vendor)
            cursor.execute("ANALYZE")
        else:
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for values in tqdm(rows(), total=n, desc="COPY", unit="asset"):
                    copy.write_row(values)
            print("Building the GIN text indexes…")
            text_index_sql.build_after_bulk_load(cursor, vendor)
    if vendor == "postgresql":
        with connection.cursor() as cursor:  # autocommit: VACUUM cannot run in a transaction
            cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - started


def make_cases(positions, rng: random.Random, runs: int, with_text: bool, facets: bool) -> list[dict]:
    """Query parameters as the /spaces/ form sends them, near random real postcodes."""
    cases = []
    for _ in range(runs):
        lat, lon, postcode, _district = rng.choice(positions)
        _w, category, types, _s, _k, nouns, _words = rng.choice(ARCHETYPES)
        params = {"location": postcode, "lat": lat, "lon": lon, "radius": "5"}
        if with_text:
            params["q"] = rng.choice(nouns).split()[-1].lower()
        if facets:
            params.update(category=category, type=types[0])
        cases.append(params)
    return cases


def page_query(params: dict):
    """What the /spaces/ view does: parse (geocoding the postcode), then search one page."""
    from assets_registry.selectors import asset_search, filters_from_params
    from assets_registry.views import PER_PAGE

    form = {key: params[key] for key in ("location", "radius", "q", "category", "type") if key in params}
    return asset_search(filters=filters_from_params(form), per_page=PER_PAGE)


def point_query(params: dict):
    """The search alone, at the postcode's position (no geocoding)."""
    from assets_registry.selectors import AssetFilters, asset_search

    facets = {}
    if "category" in params:
        facets = {"categories": (params["category"],), "third_space_types": (params["type"],)}
    filters = AssetFilters(
        text=params.get("q", ""), near=(params["lat"], params["lon"]), radius_m=5000, **facets
    )
    return asset_search(filters=filters, per_page=20)


def measure(positions, rng: random.Random, runs: int) -> list[dict]:
    from geocoding.services import geocode

    results = []
    for label, through_page, with_text, facets in QUERIES:
        cases = make_cases(positions, rng, runs + 20, with_text, facets)
        run = page_query if through_page else point_query
        for params in cases[:20]:  # warm caches and connections
            run(params)
        durations, totals = [], []
        for params in cases[20:]:
            started = time.perf_counter()
            page = run(params)
            durations.append((time.perf_counter() - started) * 1000)
            totals.append(page.total)
        results.append(
            {
                "label": label,
                "p50": statistics.median(durations),
                "p95": percentile(durations, 95),
                "p99": percentile(durations, 99),
                "mean": statistics.fmean(durations),
                "matches": statistics.median(totals),
                "max_matches": max(totals),
            }
        )
    postcodes = [rng.choice(positions)[2] for _ in range(max(runs, 1000))]
    lookup = time_calls("gazetteer: geocode(postcode) alone", geocode, postcodes)
    lookup.update(matches=lookup["n"] - lookup["misses"], max_matches=lookup["n"])
    results.append(lookup)
    return results


def profile(positions, rng: random.Random, runs: int) -> str:
    """cProfile of the target query (through the page's parser), top functions by own time."""
    cases = make_cases(positions, rng, runs, True, True)
    for params in cases[:20]:
        page_query(params)
    profiler = cProfile.Profile()
    profiler.enable()
    for params in cases:
        page_query(params)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
    return out.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000, help="number of assets (default 100,000)")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url", help="override the bench database URL")
    parser.add_argument("--runs", type=int, default=300, help="timed queries per query kind")
    parser.add_argument("--skip-build", action="store_true", help="measure the assets already built")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--areas", default="", help="GSS codes (comma-separated): place spaces at these areas' postcodes only"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the target query instead")
    parser.add_argument("--write-docs", action="store_true", help="record the result in docs/benchmarks.md")
    args = parser.parse_args(argv)

    url = args.database_url or DEFAULT_URLS[args.db]
    ensure_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    from assets_registry.models import Asset

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    positions = postcode_positions(200_000, rng, args.areas.split(","))
    lines = [f"Database: {connection.vendor} ({connection.settings_dict['NAME']})"]
    if not args.skip_build:
        seconds = build(args.n, positions, rng)
        lines.append(f"Built {args.n:,} assets at real postcode positions in {seconds:.0f} s")
    count = Asset.objects.count()
    lines.append(
        f"Assets in the table: {count:,}; {args.runs} timed queries per kind at random real postcodes"
    )
    if args.profile:
        print(profile(positions, random.Random(args.seed + 1), args.runs))
        return 0
    load_before = load_average()
    lines.append(f"{'query':42} {'p50':>7} {'p95':>7} {'p99':>7} {'mean':>7}  matches (median / max)")
    for row in measure(positions, random.Random(args.seed + 1), args.runs):
        lines.append(
            f"{row['label']:42} {row['p50']:7.2f} {row['p95']:7.2f} {row['p99']:7.2f} {row['mean']:7.2f}"
            f"  {row['matches']:,.0f} / {row['max_matches']:,}"
        )
    lines.append(f"(times in ms; load average before {load_before}, after {load_average()})")
    report = "\n".join(lines)
    print(report)
    if args.write_docs:
        write_docs(
            f"find_space:{args.db}",
            f"Find a space ({args.db}, {count:,} assets)",
            [
                f"Machine: {describe(load=False)}",
                "Data: N published assets at the positions of real GB postcodes (OS Code-Point Open "
                "2025.2.0), archetype names and facets (bench/find_space.py)",
                f"Command: `.venv/bin/python -m bench.find_space --n {args.n} --db {args.db}`",
                f"Date: {time.strftime('%Y-%m-%d')}; load average after the run: {load_average()}",
                "Target (issue 4): p95 <= 50 ms for near a postcode + 5 km + a text word + two facets",
            ],
            report,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
