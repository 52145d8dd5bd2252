"""What every benchmark shares: Django on a database of its own, timing, and recording results.

Each benchmark is a module ``bench.<name>`` with ``main(argv)`` and ``smoke_args(workdir)`` (the
arguments of a tiny run, for ``python -m bench --smoke``); results go to ``docs/benchmarks.md``
between ``<!-- bench.<name>:start -->`` and ``<!-- bench.<name>:end -->`` with ``write_docs``.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib import error, request

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"

# Production settings served over plain HTTP on localhost (the benchmarks that start gunicorn write
# this into a settings module of their own): cookies without the Secure flag, no HTTPS redirect,
# static files without whitenoise's manifest (no collectstatic needed).
PLAIN_HTTP_PRODUCTION_SETTINGS = """
from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""


def default_sqlite_url(name: str) -> str:
    """The benchmark's own SQLite file under var/bench/ (never the dev database)."""
    return f"sqlite:///{ROOT / 'var' / 'bench' / f'{name}.sqlite3'}"


def sqlite_smoke_args(workdir: Path, name: str, sizes: str) -> list[str]:
    """A smoke run's arguments: a SQLite database in ``workdir`` and the tiny ``sizes`` ("--n 500")."""
    return [f"--database-url=sqlite:///{workdir / f'{name}.sqlite3'}", *sizes.split()]


def setup_django(database_url: str, **environ: str) -> None:
    """Configure Django on ``database_url``, offline geocoding only, DEBUG off (as served).

    ``environ`` sets further variables the settings read (e.g. ``ELASTICSEARCH_URL``)."""
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ["DATABASE_URL"] = database_url
    os.environ.update(environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["GEOCODER_ONLINE"] = ""  # the benchmarks measure the gazetteer, never a web service
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no per-query debug logging


def bench_parser(name: str, description: str) -> argparse.ArgumentParser:
    """A benchmark's command line: its docstring as help, ``--database-url`` (its own SQLite file
    under var/bench/ by default) and ``--write-docs``; the benchmark adds its own sizes."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=default_sqlite_url(name))
    parser.add_argument("--write-docs", action="store_true", help="record the results in docs/benchmarks.md")
    return parser


def setup_site(database_url: str) -> None:
    """Django on ``database_url``, migrated, answering the test client's host: for benchmarks
    that request the site's pages in process (``django.test.Client``)."""
    os.environ.setdefault("ALLOWED_HOSTS", "localhost,testserver")
    setup_django(database_url)
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    call_command("migrate", verbosity=0)


def production_env(*, root: Path, settings_dir: Path, settings_module: str, database_url: str) -> dict:
    """The environment a benchmark's gunicorn and manage.py run with: its production settings
    module (in ``settings_dir``), offline geocoding, e-mail kept in memory, and no Elasticsearch
    unless the caller adds it back."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(root), str(root / "site")]),
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url,
        "SECRET_KEY": f"bench-{settings_module}-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "GEOCODER_ONLINE": "",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("ELASTICSEARCH_URL", None)
    return env


class Site:
    """gunicorn serving the site from ``root`` (this checkout unless given) on a free port, with
    the environment ``env`` (its settings module, database...)."""

    def __init__(self, env: dict, workers: int, root: Path = ROOT, log: Path | None = None):
        """``log``: where the server's own error log goes (tracebacks of a deliberate outage
        would otherwise flood the benchmark's output); the terminal when None."""
        self.port = free_port()
        self.log = log.open("w") if log else None
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{self.port}",
                "--timeout=60",
                "--log-level=warning",
            ],
            cwd=root,
            env=env,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                request.urlopen(self.url + "/robots.txt", timeout=2).read()
                return
            except error.HTTPError:  # an answer, if not 200 (older trees had no robots.txt)
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        if self.log:
            self.log.close()

    def cpu_seconds(self) -> float:
        """CPU time of gunicorn's workers so far (Linux /proc)."""
        total = 0.0
        for pid in [self.process.pid, *children(self.process.pid)]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except OSError:
                pass
        return total


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def time_calls(label: str, func: Callable, inputs: list, *, warm_up: int = 50) -> dict:
    """Milliseconds per call of ``func`` over ``inputs`` after ``warm_up`` untimed calls (caches and
    connections); ``misses`` counts the calls that returned None."""
    for item in inputs[:warm_up]:
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


def command_line(module: str, argv: list[str] | None) -> str:
    """The command that produced a result, as the docs quote it."""
    return " ".join([f".venv/bin/python -m {module}", *(argv if argv is not None else sys.argv[1:])])


def write_docs(name: str, title: str, facts: list[str], report: str) -> None:
    """Record ``report`` in docs/benchmarks.md as the section ``bench.<name>``, replacing the
    previous one; ``facts`` are its bullet points (machine, data, command, date...)."""
    start, end = f"<!-- bench.{name}:start -->", f"<!-- bench.{name}:end -->"
    text = (
        DOCS.read_text(encoding="utf-8")
        if DOCS.exists()
        else "# Benchmarks\n\nMachine, data set and command for each result.\n"
    )
    bullets = "".join(f"- {fact}\n" for fact in facts)
    section = f"{start}\n## {title}\n\n{bullets}\n```\n{report}\n```\n{end}\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1].lstrip("\n")
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOCS.write_text(text, encoding="utf-8")
    print(f"Recorded in {DOCS.relative_to(ROOT)}")
