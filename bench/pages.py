"""Pages: server CPU per request and req/s for every public template, on gunicorn (uncached).

Builds a database of its own (a SQLite file under var/bench/ unless ``--database-url``) with the
demo (``manage.py load_demo``) and, with ``--scale N``, N times the demo's toolkits, case studies
and spaces on top (bench.search's generators; new spaces placed in the atlas's areas), serves it
with gunicorn (production settings over plain HTTP on localhost, ``--workers`` sync workers),
warms every page, then in ``--rounds`` rounds measures each public page in turn (the order
rotates each round so machine noise spreads evenly):

* ``--sequential`` requests one after another: req/s and the median latency;
* ``--concurrent`` requests from ``--threads`` threads at once: req/s;
* server CPU per request over both: the CPU time gunicorn's processes spent (Linux /proc)
  divided by the requests, so the client's own CPU is not counted.

Each figure is the median over the rounds. ``--compare-ref REF`` also serves a ``git worktree``
of REF (same virtualenv, its own database built by its own code) and measures it alternately with
this tree, page by page, printing the ratio this tree / REF. ``--write-docs`` records the table,
the load average before and after and the command in docs/benchmarks.md.

    .venv/bin/python -m bench.pages --write-docs
    .venv/bin/python -m bench.pages --compare-ref e8e2019
    .venv/bin/python -m bench.pages --scale 10 --database-url postgres://cph:cph@127.0.0.1:5432/cph_bench_pages

Target (issue 18): every content and index page <= 15 ms server CPU per request at the demo's size.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib import error, request

from bench import harness
from bench.harness import (
    PLAIN_HTTP_PRODUCTION_SETTINGS,
    ROOT,
    Site,
    command_line,
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
    """The demo plus 1 x its content on SQLite; 3 + 6 requests per page, one round."""
    return sqlite_smoke_args(
        workdir, "pages", "--sequential=3 --concurrent=6 --threads=3 --rounds=1 --scale=1"
    )


# --- the database ---------------------------------------------------------------------------


def served_env(root: Path, settings_dir: Path, database_url: str) -> dict:
    """The environment gunicorn and manage.py run with: production settings, offline geocoding,
    no Elasticsearch (uncached pages on the database backend)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(root), str(root / "site")]),
        "DJANGO_SETTINGS_MODULE": "pages_settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-pages-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "GEOCODER_ONLINE": "",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("ELASTICSEARCH_URL", None)
    return env


def run(args: list, root: Path, env: dict) -> None:
    """Run a command quietly; show its output only if it fails."""
    done = subprocess.run(
        args, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if done.returncode:
        print(done.stdout)
        raise SystemExit(f"{' '.join(map(str, args))} failed (exit {done.returncode})")


def build(root: Path, env: dict, database_url: str, scale: int) -> None:
    """A fresh SQLite file (PostgreSQL: migrated in place) with the demo and ``scale`` x its content."""
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    started = time.perf_counter()
    run([sys.executable, "manage.py", "migrate", "-v0"], root, env)
    run([sys.executable, "manage.py", "load_demo"], root, env)
    if scale:
        # This tree's generators, in a process of their own (Django set up on that database).
        run(
            [sys.executable, "-m", "bench.pages", f"--database-url={database_url}", f"--add-scale={scale}"],
            ROOT,
            dict(os.environ),
        )
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


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
        lines.append(f"(each pair: this tree / {ref.name}; CPU ratio below 1: this tree spends less)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="", help="default: a SQLite file under var/bench/")
    parser.add_argument("--scale", type=int, default=0, help="add N x the demo's content (0: the demo)")
    parser.add_argument("--skip-build", action="store_true", help="use the database as it is")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--sequential", type=int, default=30, help="requests in a row per page and round")
    parser.add_argument("--concurrent", type=int, default=60, help="requests at once per page and round")
    parser.add_argument("--threads", type=int, default=8, help="client threads for --concurrent (8)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--compare-ref", default="", metavar="REF", help="also measure this git ref, alternately"
    )
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--add-scale", type=int, default=0, help=argparse.SUPPRESS)  # build's own step
    args = parser.parse_args(argv)
    database_url = args.database_url or harness.default_sqlite_url("pages")
    if args.add_scale:
        add_scale(database_url, args.add_scale)
        return 0
    if args.compare_ref and not database_url.startswith("sqlite:///"):
        parser.error("--compare-ref builds a second database: SQLite only")

    with ExitStack() as stack:
        settings_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cph-pages-")))
        (settings_dir / "pages_settings.py").write_text(PLAIN_HTTP_PRODUCTION_SETTINGS)
        roots = [("this tree", ROOT, database_url)]
        if args.compare_ref:
            ref_root = stack.enter_context(ref_worktree(args.compare_ref))
            ref_url = database_url.removesuffix(".sqlite3") + "-ref.sqlite3"
            roots.append((args.compare_ref, ref_root, ref_url))
        trees = []
        for name, root, url in roots:
            env = served_env(root, settings_dir, url)
            if not args.skip_build:
                print(f"Building {name}'s database (demo, scale {args.scale}) ...", flush=True)
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
        load_after = os.getloadavg()

    report = table(trees)
    bad = [(tree.name, path, status) for tree in trees for path, status in tree.bad]
    over = [label for label in labels if trees[0].median(label, "cpu_ms") > CPU_TARGET_MS]
    report += "\n\n" + "\n".join(
        [
            "pages: " + ", ".join(f"{label} {path}" for label, path in trees[0].paths.items()),
            *(
                f"{tree.name} differs: " + ", ".join(f"{label} {path}" for label, path in differ.items())
                for tree in trees[1:]
                if (differ := {k: v for k, v in tree.paths.items() if trees[0].paths.get(k) != v})
            ),
            f"load average (1 min) before / after: {load_before[0]:.1f} / {load_after[0]:.1f}",
            f"over the {CPU_TARGET_MS} ms CPU target: {', '.join(over) or 'none'}",
            f"answers other than 200: {bad or 'none'}",
        ]
    )
    print(report)
    if args.write_docs:
        write_docs(
            "pages",
            "bench.pages: server CPU per request and req/s for every public page, uncached, on gunicorn",
            [
                describe_machine(),
                f"gunicorn, {args.workers} sync workers, production settings, "
                + ("SQLite file" if database_url.startswith("sqlite") else "PostgreSQL")
                + ", no page cache, database search backend",
                "data: the demo (`manage.py load_demo`)"
                + (f" + {args.scale} x its toolkits, case studies and spaces" if args.scale else ""),
                f"per page and round: {args.sequential} requests in a row, then {args.concurrent} from "
                f"{args.threads} threads (urllib on the same machine); {args.rounds} rounds, the page order "
                "rotating; figures are medians over the rounds; CPU = gunicorn's processes' CPU time "
                "(/proc) / requests",
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
    return 1 if any(status >= 500 for _, _, status in bad) else 0


if __name__ == "__main__":
    raise SystemExit(main())
