"""A real ``manage.py task_worker`` process against the test database (its URL built from the
test connection), for tests that need ``django_db(transaction=True)``: the worker is another
process and sees committed rows only."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
# Short delays so retries and recovery happen within a test; the worker polls every 0.1 s.
WORKER_ENV = {"TASK_RETRY_ATTEMPTS": "3", "TASK_RETRY_DELAY": "0.5", "TASK_STALE_AFTER": "600"}
WAIT = 60


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    assert connection.vendor == "postgresql", connection.vendor
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}/{db['NAME']}"


class Worker:
    def __init__(self, worker_id: str, log: Path, **env: str):
        self.log = log
        self._out = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "task_worker", "--no-reload", "--no-startup-delay"]
            + ["--interval", "0.1", "--worker-id", worker_id],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "PYTHONUNBUFFERED": "1",  # its log lines reach the test as they are written
                "DATABASE_URL": database_url(),
                "TASKS_BACKEND": DATABASE_BACKEND,
                **WORKER_ENV,
                **env,
            },
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def signal(self, signum: int) -> None:
        self.process.send_signal(signum)

    def wait(self, timeout: float = WAIT) -> int:
        return self.process.wait(timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(WAIT)
        self._out.close()


def wait_until(condition, what: str, timeout: float = WAIT, worker: Worker | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    detail = f"\nworker output:\n{worker.output()}" if worker else ""
    pytest.fail(f"timed out waiting for {what}{detail}")
