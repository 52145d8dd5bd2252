"""`python -m bench` lists the benchmarks; `python -m bench.<name> --help` shows each one's options.

`python -m bench --smoke` runs every benchmark once on tiny data (each module's ``smoke_args``),
each in its own process on a SQLite database in a temporary folder: nothing is timed against a
target and nothing is written to docs/benchmarks.md. It exits non-zero if any benchmark fails, so
the benchmarks cannot rot unnoticed (CI runs it: .ci/run).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.harness import ROOT

HERE = Path(__file__).parent
NOT_BENCHMARKS = {"harness", "machine", "scale_data"}


def benchmark_names() -> list[str]:
    return [
        m.name
        for m in pkgutil.iter_modules([str(HERE)])
        if not m.name.startswith("_") and m.name not in NOT_BENCHMARKS
    ]


def smoke_one(name: str, workdir: Path) -> tuple[str, int, float, str]:
    """Run ``bench.<name>`` with its tiny arguments; (name, exit status, seconds, its output)."""
    folder = workdir / name
    folder.mkdir()
    args = importlib.import_module(f"bench.{name}").smoke_args(folder)
    env = dict(os.environ)
    # SQLite only: the services' URLs would send a tiny run to the shared PostgreSQL/Elasticsearch.
    env.pop("DATABASE_URL", None)
    env.pop("ELASTICSEARCH_URL", None)
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return name, completed.returncode, time.perf_counter() - started, completed.stdout


def smoke(names: list[str], jobs: int) -> int:
    with tempfile.TemporaryDirectory(prefix="cph-bench-smoke-") as tmp, ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(lambda name: smoke_one(name, Path(tmp)), names))
    failed = 0
    for name, status, seconds, output in results:
        print(f"\n===== bench.{name} ({seconds:.0f} s, exit {status}) =====\n{output.rstrip()}")
    print("\nSmoke run (tiny data, timings not judged):")
    for name, status, seconds, _output in results:
        print(f"  bench.{name:<14} {'ok' if status == 0 else f'FAILED (exit {status})':<18} {seconds:6.1f} s")
        failed += status != 0
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="run every benchmark once on tiny data")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="with --smoke: these benchmarks only")
    parser.add_argument("--jobs", type=int, default=2, help="with --smoke: benchmarks run at once (2)")
    args = parser.parse_args(argv)
    names = benchmark_names()
    if not args.smoke:
        print("Benchmarks (run one with: .venv/bin/python -m bench.<name>):")
        for name in names:
            print(f"  {name}")
        return 0
    unknown = set(args.only or ()) - set(names)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}; choose from {', '.join(names)}")
    return smoke(args.only or names, args.jobs)


if __name__ == "__main__":
    raise SystemExit(main())
