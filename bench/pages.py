"""Pages: server CPU per request and req/s for every public template, on gunicorn.

Builds a database of its own (a SQLite file under var/bench/ unless ``--database-url``) with the
demo (``manage.py load_demo``) and, with ``--scale N``, N times the demo's toolkits, case studies
and spaces on top (bench.search's generators; new spaces placed in the atlas's areas), or with
``--pages P --spaces S`` the data set at scale (bench.scale_data: built once, then reused, in
``var/bench/pages-<P>p-<S>s.sqlite3`` or the PostgreSQL database given), serves it with gunicorn
(production settings over plain HTTP on localhost, ``--workers`` sync workers; with
``--elasticsearch-url`` the site's Elasticsearch backends, index prefix ``--index-prefix``),
warms every page, then in ``--rounds`` rounds measures each public page in turn (the order
rotates each round so machine noise spreads evenly):

* ``--sequential`` requests one after another: req/s and the median latency;
* ``--concurrent`` requests from ``--threads`` threads at once: req/s;
* server CPU per request over both: the CPU time gunicorn's processes spent (Linux /proc)
  divided by the requests, so the client's own CPU is not counted.

Each figure is the median over the rounds. ``--compare-ref REF`` also serves a ``git worktree``
of REF (same virtualenv, its own database built by its own code) and measures it alternately with
this tree, page by page, printing the ratio this tree / REF. ``--cached`` instead serves this tree
twice on the same database, with the anonymous page cache and without, alternately.
``--load-seconds N`` then puts ``--connections`` (50) concurrent connections on Find a space,
search and the atlas for N seconds each, alternating the trees: req/s, p50/p99 and errors, with
wrk when it is installed (Debian's ``wrk``), else this module's own threaded client.
``--write-docs`` records the table, the load average before and after and the command in
docs/benchmarks.md (one section per database and data size).

    .venv/bin/python -m bench.pages --write-docs
    .venv/bin/python -m bench.pages --compare-ref e8e2019
    .venv/bin/python -m bench.pages --cached --pages 10000 --spaces 1000000 --workers 3 --load-seconds 15
    .venv/bin/python -m bench.pages --database-url postgres://cph:cph@127.0.0.1:5432/cph_bench_pages \
        --elasticsearch-url http://127.0.0.1:9200 --pages 10000 --spaces 1000000 --workers 3 --load-seconds 15

Targets (issue 18): every content and index page <= 15 ms server CPU per request at the demo's
size; cached pages >= 10 x the uncached throughput, p99 <= 50 ms at 50 connections; uncached
under 50 connections on PostgreSQL + Elasticsearch with 3 workers, p99 <= 1 s on Find a space,
search and the atlas, 0 errors. Timings are reported, never the exit status (only 5xx answers).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib import error, request

from bench import harness, scale_data
from bench.harness import (
    PLAIN_HTTP_PRODUCTION_SETTINGS,
    ROOT,
    Site,
    command_line,
    production_env,
    sqlite_smoke_args,
    write_docs,
)
from bench.machine import describe as describe_machine

CPU_TARGET_MS = 15

# Every public template: (label, address) or (label, (index page, pattern of the link to follow)),
# so a page is found by its link, whatever its slug in the tree under test; the patterns skip feeds
# and --scale's generated pages, so a run with a reference measures the same demo pages in both.
PAGES: list[tuple[str, str | tuple[str, str]]] = [
    ("home", "/"),
    ("toolkit index", "/toolkits/"),
    ("toolkit page", ("/toolkits/", r"/toolkits/(?!feed/|toolkit-\d+/)[\w-]+/")),
    ("case-study index", "/case-studies/"),
    ("case-study page", ("/case-studies/", r"/case-studies/(?!feed/|share/|case-study-\d+/)[\w-]+/")),
    ("themes", "/themes/"),
    ("theme page", ("/themes/", r"/themes/[\w-]+/")),
    ("find a space", "/spaces/"),
    ("find a space near W5 2HL", "/spaces/?location=W5+2HL"),
    ("space page", ("/spaces/", r"/spaces/(?!add/|bench-space-)[\w-]+/")),
    ("search", "/search/?q=bridging"),
    ("atlas", "/atlas/"),
    ("atlas area", ("/atlas/", r"/atlas/(?!places/|search/)[\w-]+/[^/\"?#]+/")),
    ("pilot place", ("/atlas/places/", r"/atlas/places/[\w-]+/")),
]


def smoke_args(workdir: Path) -> list[str]:
    """The demo plus 30 pages and 300 spaces (bench.scale_data) on SQLite, cached and uncached;
    2 + 4 requests per page, one round; 1 s under 4 connections."""
    return sqlite_smoke_args(
        workdir,
        "pages",
        "--sequential=2 --concurrent=4 --threads=2 --rounds=1 --pages=30 --spaces=300 --cached"
        " --load-seconds=1 --connections=4",
    )


# --- the database ---------------------------------------------------------------------------


def served_env(
    root: Path, settings_dir: Path, database_url: str, elasticsearch_url: str = "", index_prefix: str = ""
) -> dict:
    """harness.production_env, with Elasticsearch only if given (else the database backends)."""
    env = production_env(
        root=root, settings_dir=settings_dir, settings_module="pages_settings", database_url=database_url
    )
    if elasticsearch_url:
        env.update(ELASTICSEARCH_URL=elasticsearch_url, ELASTICSEARCH_INDEX_PREFIX=index_prefix)
    return env


def run(args: list, root: Path, env: dict) -> None:
    """Run a command quietly; show its output only if it fails."""
    done = subprocess.run(
        args, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if done.returncode:
        print(done.stdout)
        raise SystemExit(f"{' '.join(map(str, args))} failed (exit {done.returncode})")


def migrate(root: Path, env: dict) -> None:
    """The tables, the database cache's included (production's default cache)."""
    run([sys.executable, "manage.py", "migrate", "-v0"], root, env)
    run([sys.executable, "manage.py", "createcachetable"], root, env)


def build(root: Path, env: dict, database_url: str, scale: int) -> None:
    """A fresh SQLite file (PostgreSQL: migrated in place) with the demo and ``scale`` x its content."""
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    started = time.perf_counter()
    migrate(root, env)
    run([sys.executable, "manage.py", "load_demo"], root, env)
    if scale:
        # This tree's generators, in a process of their own (Django set up on that database).
        run(
            [sys.executable, "-m", "bench.pages", f"--database-url={database_url}", f"--add-scale={scale}"],
            ROOT,
            dict(os.environ),
        )
    elif env.get("ELASTICSEARCH_URL"):  # the demo's pages and spaces into the benchmark's own indexes
        run(scale_data_command(env, database_url, 0, 0), ROOT, dict(os.environ))
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


def scale_data_command(env: dict, database_url: str, pages: int, spaces: int, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "bench.scale_data",
        f"--database-url={database_url}",
        f"--pages={pages}",
        f"--spaces={spaces}",
        f"--elasticsearch-url={env.get('ELASTICSEARCH_URL', '')}",
        f"--index-prefix={env.get('ELASTICSEARCH_INDEX_PREFIX', '')}",
        *extra,
    ]


def build_at_scale(env: dict, database_url: str, pages: int, spaces: int) -> None:
    """The demo plus ``pages`` pages and ``spaces`` spaces, built once: a SQLite file is built
    under another name and renamed when complete; a PostgreSQL database that holds the generated
    content is kept. Either way the database is migrated to this tree's models."""
    started = time.perf_counter()
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        if not path.exists():
            partial = path.with_suffix(".building.sqlite3")
            partial.unlink(missing_ok=True)
            partial_url = f"sqlite:///{partial}"
            partial_env = {**env, "DATABASE_URL": partial_url}
            migrate(ROOT, partial_env)
            run([sys.executable, "manage.py", "load_demo"], ROOT, partial_env)
            run(scale_data_command(env, partial_url, pages, spaces), ROOT, dict(os.environ))
            partial.rename(path)
        migrate(ROOT, env)
    else:
        migrate(ROOT, env)
        kept = subprocess.run(scale_data_command(env, database_url, pages, spaces, "--check"), cwd=ROOT)
        if kept.returncode:
            run([sys.executable, "manage.py", "load_demo"], ROOT, env)
            run(scale_data_command(env, database_url, pages, spaces), ROOT, dict(os.environ))
    print(f"  ready in {time.perf_counter() - started:.0f} s", flush=True)


def add_scale(database_url: str, scale: int) -> None:
    """``scale`` x the demo's toolkits, case studies and spaces, placed in the atlas's areas and indexed."""
    from bench import search as generators

    generators.setup_django(database_url, "")
    from assets_registry.models import Asset
    from atlas.services import assign_assets_to_areas
    from toolkits.models import CaseStudyPage, ToolkitPage

    if Asset.objects.filter(data_source="bench").exists():
        print("  scale content already there (PostgreSQL database kept)")
        return
    rng = random.Random(18)
    pages = ToolkitPage.objects.count() + CaseStudyPage.objects.count()
    spaces = Asset.objects.count()
    generators.build_pages(scale * pages, rng, print)
    generators.build_spaces(scale * spaces, rng, print)
    assign_assets_to_areas()
    generators.index_pages("default", print)
    print(f"  added {scale * pages} pages and {scale * spaces} spaces")


# --- measuring ------------------------------------------------------------------------------


def get(url: str) -> tuple[int, str]:
    try:
        with request.urlopen(url, timeout=120) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except error.HTTPError as answer:
        return answer.code, ""


def resolve(site: Site) -> tuple[dict[str, str], list[tuple[str, int]]]:
    """The address of each page that answers 200 on ``site`` (a fixed one, or the first matching
    link of an index), and the addresses that answered otherwise (left out, and reported)."""
    paths, bad = {}, []
    for label, where in PAGES:
        path = where if isinstance(where, str) else where[0]
        status, html = get(site.url + path)
        if status == 200 and not isinstance(where, str):
            found = re.search(rf'href="({where[1]})"', html)
            if not found:  # at scale the index's first page may list generated pages only
                found = re.search(
                    rf"<loc>https?://[^/<]+({where[1]})</loc>", get(site.url + "/sitemap.xml")[1]
                )
            if not found:
                raise SystemExit(f"{label}: no link matching {where[1]} on {path}")
            path = found.group(1)
            status, _ = get(site.url + path)
        if status == 200:
            paths[label] = path
        else:
            bad.append((path, status))
    return paths, bad


class Tree:
    """One checkout under test: its gunicorn, its pages' addresses and its measurements."""

    def __init__(self, name: str, site: Site):
        self.name, self.site = name, site
        self.paths, self.bad = resolve(site)
        self.rounds: dict[str, list[dict]] = {label: [] for label in self.paths}

    def warm(self, requests_each: int) -> None:
        for path in self.paths.values():
            for _ in range(requests_each):
                status, _ = get(self.site.url + path)
                if status != 200:
                    self.bad.append((path, status))

    def measure(self, label: str, sequential: int, concurrent: int, threads: int) -> None:
        url = self.site.url + self.paths[label]
        cpu_before = self.site.cpu_seconds()
        latencies, statuses = [], []
        started = time.perf_counter()
        for _ in range(sequential):
            began = time.perf_counter()
            statuses.append(get(url)[0])
            latencies.append((time.perf_counter() - began) * 1000)
        sequential_seconds = time.perf_counter() - started
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            statuses += [status for status, _ in pool.map(get, [url] * concurrent)]
        concurrent_seconds = time.perf_counter() - started
        cpu = self.site.cpu_seconds() - cpu_before
        self.bad += [(self.paths[label], s) for s in statuses if s != 200]
        self.rounds[label].append(
            {
                "cpu_ms": cpu / (sequential + concurrent) * 1000,
                "sequential_rps": sequential / sequential_seconds,
                "p50_ms": statistics.median(latencies),
                "concurrent_rps": concurrent / concurrent_seconds,
            }
        )

    def median(self, label: str, key: str) -> float:
        return statistics.median(r[key] for r in self.rounds[label])


# --- 50 connections ---------------------------------------------------------------------------

# The pages the concurrency target names (Find a space, search, the atlas).
LOAD_PAGES = ["find a space", "find a space near W5 2HL", "search", "atlas"]
# Never served from the page cache by design (/search/ is never_cache: every search is counted),
# so the cached targets are judged without it; its figures are still printed.
NEVER_CACHED = {"search"}
WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, seconds: int, connections: int) -> dict:
    """Debian's wrk (C, event loop: the client costs little CPU beside the server), 2 threads; its
    timeout raised so a slow answer counts in the percentiles instead of as an error."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout=60s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(pct: str) -> float:
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * WRK_UNITS[unit]

    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    not_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if re.search(r"\b0 requests in", out):
        print(out, flush=True)  # nothing answered within the run: wrk's own account of it
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": sum(map(int, socket.groups())) if socket else 0,
        "not_ok": int(not_ok.group(1)) if not_ok else 0,
    }


def threaded_load(url: str, seconds: int, connections: int) -> dict:
    """The same measure without wrk: ``connections`` threads requesting in a loop (urllib; the
    client then shares the CPUs with the server, so req/s is a lower bound)."""
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()

    def worker(_):
        latencies, statuses = [], []
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                statuses.append(get(url)[0])
            except OSError:
                statuses.append(0)
            latencies.append((time.perf_counter() - began) * 1000)
        return latencies, statuses

    with ThreadPoolExecutor(connections) as pool:
        results = list(pool.map(worker, range(connections)))
    elapsed = time.perf_counter() - started
    latencies = [ms for lat, _ in results for ms in lat]
    statuses = [code for _, codes in results for code in codes]
    return {
        "requests": len(statuses),
        "rps": len(statuses) / elapsed,
        "p50_ms": harness.percentile(latencies, 50),
        "p99_ms": harness.percentile(latencies, 99),
        "errors": statuses.count(0),
        "not_ok": len([code for code in statuses if code not in (0, 200)]),
    }


def load(tree: Tree, label: str, seconds: int, connections: int) -> dict:
    """One page of ``tree`` under ``connections`` connections for ``seconds``, with the server CPU
    per request."""
    url = tree.site.url + tree.paths[label]
    cpu_before = tree.site.cpu_seconds()
    result = (wrk if shutil.which("wrk") else threaded_load)(url, seconds, connections)
    result["cpu_ms"] = (tree.site.cpu_seconds() - cpu_before) / max(1, result["requests"]) * 1000
    return result


def load_table(trees: list[Tree], results: dict, connections: int) -> str:
    client = "wrk -t2" if shutil.which("wrk") else "threads (urllib)"
    lines = [
        f"{connections} connections ({client}): " + " | ".join(f"{tree.name}" for tree in trees),
        f"{'page':<25} {'tree':<12} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f" {'non-200':>8} {'CPU ms/req':>10}",
    ]
    for label, by_tree in results.items():
        for name, r in by_tree.items():
            lines.append(
                f"{label:<25} {name:<12} {r['rps']:>8.1f} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f}"
                f" {r['errors']:>7} {r['not_ok']:>8} {r['cpu_ms']:>10.1f}"
            )
        if len(by_tree) == 2:
            (a, ra), (b, rb) = by_tree.items()
            ratio = f"{ra['rps'] / rb['rps']:>8.1f}x" if rb["rps"] else "     n/a (none answered in time)"
            lines.append(f"{'':<25} {a + ' / ' + b:<12} {ratio}")
    return "\n".join(lines)


@contextmanager
def ref_worktree(ref: str):
    """A detached ``git worktree`` of ``ref`` in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="cph-pages-ref-") as tmp:
        folder = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(folder), ref], cwd=ROOT, check=True)
        try:
            yield folder
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, check=False)


def checkout() -> str:
    """This tree's commit, and how many files differ from it (a recorded run says what it measured)."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    changed = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
    dirty = len([line for line in changed.stdout.splitlines() if line[3:] != ".venv"])
    return commit.stdout.strip() + (f" with {dirty} files changed or new" if dirty else "")


def table(trees: list[Tree]) -> str:
    """One line per page: this tree's medians, or with a reference, "this / reference" pairs and
    the ratio of server CPU per request."""
    here, ref = trees[0], trees[-1]
    columns = [("cpu_ms", "CPU ms/req"), ("sequential_rps", "seq req/s"), ("p50_ms", "p50 ms")]
    columns.append(("concurrent_rps", "threads req/s"))
    width = 10 if len(trees) == 1 else 15
    lines = [f"{'page':<25}" + "".join(f" {title:>{width}}" for _, title in columns)]
    lines[0] += "" if len(trees) == 1 else f" {'CPU ratio':>9}"
    for label in here.paths:
        if label not in ref.paths:
            continue
        cells = [
            f"{here.median(label, key):.1f}" + ("" if len(trees) == 1 else f" / {ref.median(label, key):.1f}")
            for key, _ in columns
        ]
        line = f"{label:<25}" + "".join(f" {cell:>{width}}" for cell in cells)
        if len(trees) > 1:
            line += f" {here.median(label, 'cpu_ms') / ref.median(label, 'cpu_ms'):>9.2f}"
        lines.append(line)
    if len(trees) > 1:
        lines.append(f"(each pair: {here.name} / {ref.name}; CPU ratio below 1: {here.name} spends less)")
    return "\n".join(lines)


def configuration(args, database_url: str) -> tuple[str, str]:
    """(section key, words) naming the database and data a run measured, for docs/benchmarks.md."""
    engine = "sqlite" if database_url.startswith("sqlite") else "postgres"
    words = "SQLite file" if engine == "sqlite" else "PostgreSQL"
    if args.elasticsearch_url:
        engine, words = engine + "-es", words + " + Elasticsearch"
    if args.pages or args.spaces:
        return (
            f"{engine}-{args.pages}p-{args.spaces}s",
            f"{words}; the demo + {args.pages:,} pages + {args.spaces:,} spaces",
        )
    if args.scale:
        return (
            f"{engine}-scale{args.scale}",
            f"{words}; the demo + {args.scale} x its toolkits, case studies and spaces",
        )
    return f"{engine}-demo", f"{words}; the demo (`manage.py load_demo`)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="", help="default: a SQLite file under var/bench/")
    parser.add_argument("--elasticsearch-url", default="", help="serve with Elasticsearch (default: none)")
    parser.add_argument("--index-prefix", default="cph_bench_pages", help="Elasticsearch index prefix")
    parser.add_argument("--scale", type=int, default=0, help="add N x the demo's content (0: the demo)")
    parser.add_argument("--pages", type=int, default=0, help="with --spaces: the data set at scale")
    parser.add_argument("--spaces", type=int, default=0, help="(bench.scale_data, built once and kept)")
    parser.add_argument("--skip-build", action="store_true", help="use the database as it is")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--sequential", type=int, default=30, help="requests in a row per page and round")
    parser.add_argument("--concurrent", type=int, default=60, help="requests at once per page and round")
    parser.add_argument("--threads", type=int, default=8, help="client threads for --concurrent (8)")
    parser.add_argument("--rounds", type=int, default=3, help="0: the connections run only")
    parser.add_argument(
        "--compare-ref", default="", metavar="REF", help="also measure this git ref, alternately"
    )
    parser.add_argument("--cached", action="store_true", help="measure with the page cache and without")
    parser.add_argument("--load-seconds", type=int, default=0, help="seconds per page under --connections")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--add-scale", type=int, default=0, help=argparse.SUPPRESS)  # build's own step
    args = parser.parse_args(argv)
    at_scale = bool(args.pages or args.spaces)
    database_url = args.database_url or (
        scale_data.sqlite_url(args.pages, args.spaces) if at_scale else harness.default_sqlite_url("pages")
    )
    if args.add_scale:
        add_scale(database_url, args.add_scale)
        return 0
    if args.compare_ref and not database_url.startswith("sqlite:///"):
        parser.error("--compare-ref builds a second database: SQLite only")
    if args.compare_ref and (args.cached or at_scale):
        parser.error("--compare-ref measures the demo, uncached")
    if at_scale and args.scale:
        parser.error("--scale or --pages/--spaces, not both")

    with ExitStack() as stack:
        settings_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cph-pages-")))
        (settings_dir / "pages_settings.py").write_text(PLAIN_HTTP_PRODUCTION_SETTINGS)
        # (name, checkout, database, page cache seconds): 0 turns helper C's page cache off.
        roots = [("uncached" if args.cached else "this tree", ROOT, database_url, "0")]
        if args.cached:
            roots.insert(0, ("cached", ROOT, database_url, "600"))
        if args.compare_ref:
            ref_root = stack.enter_context(ref_worktree(args.compare_ref))
            ref_url = database_url.removesuffix(".sqlite3") + "-ref.sqlite3"
            roots.append((args.compare_ref, ref_root, ref_url, "0"))
        trees, built = [], set()
        for name, root, url, cache_seconds in roots:
            env = served_env(root, settings_dir, url, args.elasticsearch_url, args.index_prefix)
            env["PAGE_CACHE_SECONDS"] = cache_seconds
            if not args.skip_build and (root, url) not in built:
                built.add((root, url))
                print(f"Building {name}'s database ({configuration(args, url)[1]}) ...", flush=True)
                if at_scale:
                    build_at_scale(env, url, args.pages, args.spaces)
                else:
                    build(root, env, url, args.scale if root == ROOT else 0)
            site = Site(env, args.workers, root)
            stack.callback(site.stop)
            trees.append(Tree(name, site))
        code = checkout()  # as gunicorn loaded it
        for tree in trees:
            tree.warm(2 * args.workers)
        load_before = os.getloadavg()
        labels = list(trees[0].paths)
        for n in range(args.rounds):
            print(f"Round {n + 1} of {args.rounds} ...", flush=True)
            for label in labels[n % len(labels) :] + labels[: n % len(labels)]:
                for tree in trees if n % 2 == 0 else trees[::-1]:
                    if label in tree.paths:  # a page the reference has not got is measured here only
                        tree.measure(label, args.sequential, args.concurrent, args.threads)
        loaded: dict[str, dict] = {}
        if args.load_seconds:
            print(f"{args.connections} connections, {args.load_seconds} s per page ...", flush=True)
            for n, label in enumerate(label for label in LOAD_PAGES if label in trees[0].paths):
                loaded[label] = {}
                for tree in trees if n % 2 == 0 else trees[::-1]:
                    if label in tree.paths:
                        loaded[label][tree.name] = load(tree, label, args.load_seconds, args.connections)
                loaded[label] = {
                    tree.name: loaded[label][tree.name] for tree in trees if tree.name in loaded[label]
                }
        load_after = os.getloadavg()

    bad = [(tree.name, path, status) for tree in trees for path, status in tree.bad]
    lines = [
        "pages: " + ", ".join(f"{label} {path}" for label, path in trees[0].paths.items()),
        *(
            f"{tree.name} differs: " + ", ".join(f"{label} {path}" for label, path in differ.items())
            for tree in trees[1:]
            if (differ := {k: v for k, v in tree.paths.items() if trees[0].paths.get(k) != v})
        ),
        f"load average (1 min) before / after: {load_before[0]:.1f} / {load_after[0]:.1f}",
    ]
    report = ""
    if args.rounds:
        report = table(trees) + "\n\n"
        uncached = trees[-1] if args.cached else trees[0]
        over = [label for label in labels if uncached.median(label, "cpu_ms") > CPU_TARGET_MS]
        lines.append(f"over the {CPU_TARGET_MS} ms CPU target ({uncached.name}): {', '.join(over) or 'none'}")
    if loaded:
        report += load_table(trees, loaded, args.connections) + "\n\n"
        lines += load_targets(trees, loaded, args.cached)
    lines.append(f"answers other than 200: {bad or 'none'}")
    report += "\n".join(lines)
    print(report)
    if args.write_docs:
        key, data = configuration(args, database_url)
        size = f"{args.pages:,} pages + {args.spaces:,} spaces" if at_scale else "demo"
        write_docs(
            "pages" if args.compare_ref else f"pages:{key}",
            "bench.pages: server CPU per request and req/s for every public page, on gunicorn"
            + (", uncached" if args.compare_ref else f" ({data.split(';')[0]}, {size})"),
            [
                describe_machine(),
                f"gunicorn, {args.workers} sync workers, production settings, "
                + ("Elasticsearch search backends" if args.elasticsearch_url else "database search backend")
                + (
                    "; the anonymous page cache on (cached) and off (uncached), alternately"
                    if args.cached
                    else ", no page cache"
                ),
                f"data: {data.split('; ', 1)[1]} on {data.split(';')[0]}",
                f"per page and round: {args.sequential} requests in a row, then {args.concurrent} from "
                f"{args.threads} threads (urllib on the same machine); {args.rounds} rounds, the page order "
                "rotating; figures are medians over the rounds; CPU = gunicorn's processes' CPU time "
                "(/proc) / requests"
                + (
                    f"; then {args.connections} connections for {args.load_seconds} s per page "
                    "(wrk 4.1, Debian's package, on the same machine), the trees alternating"
                    if loaded
                    else ""
                ),
                f"code: {code}"
                + (
                    f"; reference: {args.compare_ref} (a git worktree, its own demo database), measured "
                    "alternately page by page"
                    if args.compare_ref
                    else ""
                ),
                f"command: `{command_line('bench.pages', argv)}`",
            ],
            report,
        )
    five_hundreds = any(status >= 500 for _, _, status in bad)
    return 1 if five_hundreds else 0


def load_targets(trees: list[Tree], loaded: dict, cached: bool) -> list[str]:
    """The issue's targets for the connections run, met or not (reported, never the exit status)."""
    lines = []
    uncached = trees[-1].name if cached else trees[0].name
    # A page none of whose requests finished within the run is the worst, whatever its p99 says.
    worst = max(
        (r["p99_ms"] if r["requests"] else float("inf"), label)
        for label, by in loaded.items()
        for name, r in by.items()
        if name == uncached
    )
    errors = sum(r["errors"] + r["not_ok"] for by in loaded.values() for r in by.values())
    lines.append(
        f"target p99 <= 1000 ms uncached: worst {worst[0]:.0f} ms ({worst[1]}): {met(worst[0] <= 1000)}"
    )
    if cached:
        cacheable = {label: by for label, by in loaded.items() if label not in NEVER_CACHED}
        p99 = max(by["cached"]["p99_ms"] for by in cacheable.values())
        ratio = min(by["cached"]["rps"] / max(by[uncached]["rps"], 0.01) for by in cacheable.values())
        judged = f"(pages the cache serves: {', '.join(cacheable)})"
        lines.append(f"target cached p99 <= 50 ms {judged}: worst {p99:.0f} ms: {met(p99 <= 50)}")
        lines.append(f"target cached >= 10 x uncached req/s: lowest {ratio:.1f} x: {met(ratio >= 10)}")
    lines.append(f"target 0 errors: {errors}: {met(errors == 0)}")
    return lines


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


if __name__ == "__main__":
    raise SystemExit(main())
