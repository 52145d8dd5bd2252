"""Relevance of the one search: hits@3 and MRR of the judged queries, per backend.

    .venv/bin/python -m bench.relevance                                   # SQLite
    .venv/bin/python -m bench.relevance --database-url postgres://cph:cph@127.0.0.1:5432/cph \\
        --elasticsearch-url http://127.0.0.1:9200 --write-docs           # all three

The judged set is tests/search/relevance.yaml over the corpus of tests/search/corpus.py: this
runs its test (tests/search/test_relevance.py) once per backend, in a test database of its own,
and reads the scores the test reports (``CPH_RELEVANCE_REPORT``): hits@3 (a relevant result among
the first three a visitor meets) and MRR (1 / the rank of the first relevant one, in the top ten).
The test itself asserts hits@3 >= 0.95 and the strict first-result judgements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.harness import ROOT, command_line, write_docs
from bench.machine import describe as machine

TEST = "tests/search/test_relevance.py::test_judged_queries_rank_the_right_result_first"


def smoke_args(workdir: Path) -> list[str]:
    """SQLite only (the judged set is small: the smoke run is the real one)."""
    return []


def run_backend(name: str, *, database_url: str = "", elasticsearch_url: str = "") -> dict:
    """Scores of one backend: ``name`` is sqlite, postgresql or elasticsearch."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "scores.jsonl"
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ELASTICSEARCH_URL")}
        env |= {"CPH_RELEVANCE_REPORT": str(report), "CI": ""}
        if database_url:
            env["DATABASE_URL"] = database_url
        if elasticsearch_url:
            env["ELASTICSEARCH_URL"] = elasticsearch_url
        param = "elasticsearch" if name == "elasticsearch" else "database"
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--create-db",
            f"{TEST}[{param}]",
        ]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        lines = report.read_text().splitlines() if report.exists() else []
        if not lines:
            print(done.stdout[-3000:], done.stderr[-2000:], file=sys.stderr)
            raise SystemExit(f"{name}: the relevance test reported no scores")
        scores = json.loads(lines[-1])
        scores["test"] = "passed" if done.returncode == 0 else "FAILED"
        return scores


def report(rows: list[tuple[str, dict]]) -> str:
    lines = [f"{'backend':<14} {'queries':>7} {'hits@3':>7} {'MRR':>6}  test"]
    for name, s in rows:
        lines.append(f"{name:<14} {s['queries']:>7} {s['hits@3']:>7.3f} {s['mrr']:>6.3f}  {s['test']}")
    for name, s in rows:
        for miss in s["misses"]:
            lines.append(f"  {name} miss: {miss}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="", help="also PostgreSQL (a postgres:// URL)")
    parser.add_argument("--elasticsearch-url", default="", help="also Elasticsearch")
    parser.add_argument("--write-docs", action="store_true", help="record the results in docs/benchmarks.md")
    args = parser.parse_args(argv)

    rows = [("sqlite", run_backend("sqlite"))]
    if args.database_url:
        rows.append(("postgresql", run_backend("postgresql", database_url=args.database_url)))
    if args.elasticsearch_url:
        rows.append(("elasticsearch", run_backend("elasticsearch", elasticsearch_url=args.elasticsearch_url)))
    text = report(rows)
    print(text)
    if args.write_docs:
        write_docs(
            "relevance",
            "Search relevance: hits@3 and MRR of the judged queries, per backend",
            [
                f"Machine: {machine(load=False)}",
                "Data: tests/search/corpus.py (12 toolkits, 9 case studies, 14 spaces of which one "
                "draft and one closed), judgements tests/search/relevance.yaml",
                f"Command: `{command_line('bench.relevance', argv)}`",
                f"Date: {dt.date.today().isoformat()}",
            ],
            text,
        )
    return 0 if all(s["test"] == "passed" for _n, s in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
