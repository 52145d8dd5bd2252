"""Faults: PostgreSQL restarted under load, against the real server (issue 18, item 5).

Starts a throwaway PostgreSQL cluster (``initdb`` and ``pg_ctl`` from ``--pg-bin`` in a temporary
folder, on a free port; as the ``postgres`` user when run as root, since PostgreSQL refuses root),
never the shared one; migrates it, serves the site from it with gunicorn (production settings:
``CONN_MAX_AGE`` 60 and ``CONN_HEALTH_CHECKS`` on, ``--workers`` processes) and loads it with
``--clients`` threads, each searching (``/search/?q=choir``) and submitting a new space (the add
form, every third request). After ``--before`` seconds PostgreSQL is stopped (``pg_ctl stop -m
fast``: open connections are cut), started again ``--down`` seconds later, and the load goes on
for ``--after`` seconds. With ``--no-health-checks`` the same run has ``CONN_HEALTH_CHECKS`` off,
for comparison.

It reports the errors while the database was down and how long those requests took (fail fast),
the time from the restart to the first answer, the errors after that (none with health checks:
each worker's dead connection is noticed before a request uses it), and every submission the site
acknowledged (a redirect to the thanks page) that is not in the database afterwards: "lost". The
exit status is about correctness only: 0 lost, answers again after the restart, no error before
the outage. ``--write-docs`` records the result in docs/benchmarks.md.

    .venv/bin/python -m bench.faults --write-docs
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.abuse import Resident
from bench.harness import (
    PLAIN_HTTP_PRODUCTION_SETTINGS,
    ROOT,
    Site,
    command_line,
    free_port,
    percentile,
    production_env,
    write_docs,
)
from bench.machine import describe as describe_machine

PG_BIN = Path("/usr/lib/postgresql/15/bin")
SEARCH = "/search/?q=choir"


def smoke_args(workdir: Path) -> list[str]:
    """A short run: 2 workers, 3 clients, 2 s before, 2 s down, 3 s after."""
    return ["--workers=2", "--clients=3", "--before=2", "--down=2", "--after=3"]


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own in ``folder``, on a free port, trusting local connections."""

    def __init__(self, folder: Path, pg_bin: Path = PG_BIN):
        self.folder, self.pg_bin = folder, pg_bin
        self.data = folder / "data"
        self.port = free_port()
        self.url = f"postgres://cph@127.0.0.1:{self.port}/faults"
        # PostgreSQL refuses to run as root: then it runs as the postgres user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*self.as_user, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        if done.returncode:
            raise SystemExit(f"{' '.join(args)} failed (exit {done.returncode}):\n{done.stdout}")

    def create(self) -> ThrowawayPostgres:
        if self.as_user:
            shutil.chown(self.folder, user="postgres")
        self._run(
            str(self.pg_bin / "initdb"), "-D", str(self.data), "-U", "cph", "--auth=trust", "-E", "UTF8"
        )
        self.start()
        self._run(
            str(self.pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "cph", "faults"
        )
        return self

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder}"
        self._run(
            str(self.pg_bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        """Fast shutdown: open connections are cut, as in a restart."""
        self._run(str(self.pg_bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(SystemExit):
            self._run(str(self.pg_bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")


def served_env(settings_dir: Path, database_url: str, *, health_checks: bool) -> dict:
    env = production_env(
        root=ROOT, settings_dir=settings_dir, settings_module="faults_settings", database_url=database_url
    )
    env.update(
        CONN_HEALTH_CHECKS="true" if health_checks else "false",
        TRUSTED_PROXY_COUNT="1",  # each client is an X-Forwarded-For address
        ASSET_SUBMISSION_RATE_LIMIT="1000000",  # measured here: the outage, not the limit
    )
    return env


def manage(env: dict, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if done.returncode:
        print(done.stdout)
        raise SystemExit(f"manage.py {' '.join(args)} failed")


@dataclass
class Event:
    started: float
    seconds: float
    kind: str  # "search" or "submit"
    status: int  # HTTP status; 0: no answer (connection refused or reset)


@dataclass
class Load:
    site: Site
    clients: int
    events: list[Event] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> list[threading.Thread]:
        residents = [Resident(self.site, f"10.9.0.{n + 1}") for n in range(self.clients)]
        threads = [threading.Thread(target=self._client, args=(r,), daemon=True) for r in residents]
        for thread in threads:
            thread.start()
        return threads

    def _client(self, resident: Resident) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            kind = "submit" if n % 3 == 0 else "search"
            started = time.monotonic()
            try:
                status = resident.submit(n) if kind == "submit" else resident.get(SEARCH)[0]
            except OSError:
                status = 0
            self.events.append(Event(started, time.monotonic() - started, kind, status))
            if kind == "submit" and status == 302:
                self.acknowledged.append(f"Abuse test hall {resident.address} {n}")
            time.sleep(0.02)


def stored_names(database_url: str) -> set[str]:
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM assets_registry_asset")}


def restart_under_load(args, settings_dir: Path, cluster: ThrowawayPostgres, *, health_checks: bool) -> dict:
    env = served_env(settings_dir, cluster.url, health_checks=health_checks)
    # The outage's tracebacks (one per failed request) go to a file, not the benchmark's output.
    log = ROOT / "var" / "bench" / f"faults-gunicorn-health-checks-{'on' if health_checks else 'off'}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    print(f"server errors during the outage are logged to {log.relative_to(ROOT)}")
    site = Site(env, args.workers, log=log)
    try:
        load = Load(site, args.clients)
        threads = load.run()
        time.sleep(args.before)
        down_at = time.monotonic()
        cluster.stop()
        time.sleep(args.down)
        cluster.start()
        up_at = time.monotonic()
        time.sleep(args.after)
        load.stop.set()
        for thread in threads:
            thread.join(timeout=130)
    finally:
        site.stop()
    events = sorted(load.events, key=lambda e: e.started)
    before = [e for e in events if e.started + e.seconds < down_at]
    during = [e for e in events if down_at <= e.started < up_at]
    after = [e for e in events if e.started >= up_at]
    first_ok = next((e for e in after if e.status < 500 and e.status), None)
    recovered_at = first_ok.started + first_ok.seconds if first_ok else None
    after_recovery = [e for e in after if recovered_at is not None and e.started >= recovered_at]
    failed_during = [e for e in during if e.status == 0 or e.status >= 500]
    lost = sorted(set(load.acknowledged) - stored_names(cluster.url))
    return {
        "health_checks": health_checks,
        "requests": len(events),
        "errors_before_outage": sum(e.status == 0 or e.status >= 500 for e in before),
        "requests_while_down": len(during),
        "errors_while_down": len(failed_during),
        "error_statuses_while_down": sorted({e.status for e in failed_during}),
        "failed_request_ms_while_down_p50_max": [
            round(percentile([e.seconds for e in failed_during], 50) * 1000) if failed_during else None,
            round(max(e.seconds for e in failed_during) * 1000) if failed_during else None,
        ],
        "seconds_from_restart_to_first_answer": round(recovered_at - up_at, 2) if recovered_at else None,
        "errors_after_first_answer": sum(e.status == 0 or e.status >= 500 for e in after_recovery),
        "submissions_acknowledged": len(load.acknowledged),
        "submissions_lost": len(lost),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--before", type=float, default=5, help="seconds of load before the stop")
    parser.add_argument("--down", type=float, default=5, help="seconds PostgreSQL stays down")
    parser.add_argument("--after", type=float, default=8, help="seconds of load after the start")
    parser.add_argument(
        "--no-health-checks", action="store_true", help="also run with CONN_HEALTH_CHECKS off"
    )
    parser.add_argument("--pg-bin", type=Path, default=PG_BIN)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)
    if not (args.pg_bin / "initdb").exists():
        parser.error(
            f"no initdb in {args.pg_bin}: install PostgreSQL 15 (apt-get install postgresql) or pass --pg-bin"
        )

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="cph-faults-") as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)  # the postgres user must reach its data folder inside
        (folder / "faults_settings.py").write_text(PLAIN_HTTP_PRODUCTION_SETTINGS)
        cluster = ThrowawayPostgres(folder / "pg")
        (folder / "pg").mkdir()
        try:
            cluster.create()
            print(f"Migrating a throwaway PostgreSQL on port {cluster.port} ...", flush=True)
            env = served_env(folder, cluster.url, health_checks=True)
            manage(env, "migrate", "-v0")
            manage(env, "createcachetable")
            runs = [restart_under_load(args, folder, cluster, health_checks=True)]
            if args.no_health_checks:
                runs.append(restart_under_load(args, folder, cluster, health_checks=False))
        finally:
            cluster.destroy()
    ok = all(
        run["submissions_lost"] == 0
        and run["seconds_from_restart_to_first_answer"] is not None
        and run["errors_before_outage"] == 0
        for run in runs
    )
    result = {
        "runs": runs,
        "load_average_1min_before_after": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }
    result["ok"] = ok
    report = json.dumps(result, indent=2)
    print(report)
    if args.write_docs:
        write_docs(
            "faults",
            "bench.faults: PostgreSQL restarted under load, on gunicorn",
            [
                describe_machine(),
                f"gunicorn, {args.workers} sync workers, production settings (CONN_MAX_AGE 60), a throwaway "
                "PostgreSQL 15 cluster on this machine, empty but for what the load submits",
                f"{args.clients} clients, each searching /search/?q=choir and submitting a space every third "
                f"request; {args.before} s of load, PostgreSQL stopped (pg_ctl -m fast) for {args.down} s, "
                f"{args.after} s more",
                "lost: a submission acknowledged with the redirect to the thanks page that is not in the "
                "database afterwards",
                f"command: `{command_line('bench.faults', argv)}`",
            ],
            report,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
