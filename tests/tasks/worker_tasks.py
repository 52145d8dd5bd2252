"""Test-only tasks for a real worker process (imported by path, like the site's own tasks).

Each leaves its trace in files under ``folder`` (shared by the test and the worker): ``runs`` gets
a line per run with its time, so a test sees how many runs there were and when.
"""

import time
from pathlib import Path

from django_tasks import task

RELEASE_WAIT = 60


def _note_run(folder: str) -> int:
    runs = Path(folder) / "runs"
    with runs.open("a") as out:
        out.write(f"{time.time()}\n")
    return len(runs.read_text().splitlines())


@task()
def note_run(folder: str, seconds: float = 0) -> int:
    run = _note_run(folder)
    time.sleep(seconds)  # long enough for another worker to claim the next task meanwhile
    return run


@task()
def fail_until(folder: str, succeed_on: int) -> int:
    run = _note_run(folder)
    if run < succeed_on:
        raise RuntimeError(f"planned failure on run {run}")
    return run


@task()
def wait_for_release(folder: str) -> int:
    """Says it started, waits for the test's ``release`` file, then makes its one effect: an
    ``effect`` file created only if absent (idempotent, as the site's tasks are)."""
    run = _note_run(folder)
    (Path(folder) / f"started-{run}").touch()
    deadline = time.monotonic() + RELEASE_WAIT
    while not (Path(folder) / "release").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("never released")
        time.sleep(0.05)
    try:
        with (Path(folder) / "effect").open("x") as out:
            out.write(f"made by run {run}\n")
    except FileExistsError:
        pass
    return run
