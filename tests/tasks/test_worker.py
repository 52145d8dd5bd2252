"""The queued backend with a real worker process: tasks run, failures are retried with backoff
and then shown as failed, and a worker killed mid-task loses nothing (issue 18, item 3).

Runs on whichever database the suite has (SQLite here, PostgreSQL in CI's services pass): the
worker is ``manage.py task_worker`` on the test database."""

import signal
from pathlib import Path

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.tasks import worker_tasks
from tests.tasks.worker_process import WORKER_ENV, wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("queued_backend")]


def runs(folder: Path) -> list[float]:
    path = folder / "runs"
    return [float(line) for line in path.read_text().splitlines()] if path.exists() else []


def finished(result_id: str):
    """The row once it is done for good: succeeded, or failed on its last allowed attempt (an
    earlier failure shows FAILED for a moment before the row is queued again)."""
    row = DBTaskResult.objects.get(pk=result_id)
    attempts_left = len(row.worker_ids) < int(WORKER_ENV["TASK_RETRY_ATTEMPTS"])
    if row.status == TaskResultStatus.SUCCESSFUL or (
        row.status == TaskResultStatus.FAILED and not attempts_left
    ):
        return row
    return None


def test_a_queued_task_waits_for_the_worker_which_runs_it(tmp_path, start_worker):
    result = worker_tasks.note_run.enqueue(str(tmp_path))
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
    assert runs(tmp_path) == []  # nothing runs inside the caller

    worker = start_worker()
    row = wait_until(lambda: finished(result.id), "the task to finish", worker=worker)

    assert row.status == TaskResultStatus.SUCCESSFUL, row.traceback
    assert row.return_value == 1
    assert len(runs(tmp_path)) == 1


def test_a_failing_task_is_retried_with_backoff_and_then_succeeds(tmp_path, start_worker):
    result = worker_tasks.fail_until.enqueue(str(tmp_path), succeed_on=3)
    worker = start_worker()

    row = wait_until(lambda: finished(result.id), "the task to finish", worker=worker)

    assert row.status == TaskResultStatus.SUCCESSFUL, row.traceback
    assert row.return_value == 3
    assert len(row.worker_ids) == 3  # one row, three attempts
    first, second, third = runs(tmp_path)
    # TASK_RETRY_DELAY 0.5 s, doubled for each further attempt.
    assert second - first >= 0.5
    assert third - second >= 1.0
    assert "failed on attempt 1 of 3; runs again in 0.5 s" in worker.output()
    assert "failed on attempt 2 of 3; runs again in 1 s" in worker.output()


def test_a_task_that_keeps_failing_is_failed_with_its_traceback_logged(tmp_path, start_worker):
    result = worker_tasks.fail_until.enqueue(str(tmp_path), succeed_on=99)
    worker = start_worker()

    row = wait_until(lambda: finished(result.id), "the task to fail", worker=worker)

    assert row.status == TaskResultStatus.FAILED
    assert len(runs(tmp_path)) == 3
    assert row.exception_class_path == "builtins.RuntimeError"
    assert "planned failure on run 3" in row.traceback
    log = wait_until(lambda: "failed for good" in worker.output() and worker.output(), "the log")
    assert f"Task {result.id} (tests.tasks.worker_tasks.fail_until) failed for good after 3 attempt(s)" in log
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: planned failure on run 3" in log


@pytest.mark.parametrize(
    "second_worker",
    [
        pytest.param({"worker_id": "test-worker-1"}, id="restarted-under-the-same-id"),
        pytest.param(
            {"worker_id": "test-worker-2", "TASK_STALE_AFTER": "1"}, id="another-after-stale-timeout"
        ),
    ],
)
def test_a_worker_killed_mid_task_loses_nothing(tmp_path, start_worker, second_worker):
    result = worker_tasks.wait_for_release.enqueue(str(tmp_path))
    first = start_worker("test-worker-1")
    wait_until(lambda: (tmp_path / "started-1").exists(), "the task to start", worker=first)

    first.signal(signal.SIGKILL)
    first.wait()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING  # left behind

    second = start_worker(**second_worker)
    wait_until(lambda: (tmp_path / "started-2").exists(), "the task to run again", worker=second)
    (tmp_path / "release").touch()
    row = wait_until(lambda: finished(result.id), "the task to finish", worker=second)

    assert row.status == TaskResultStatus.SUCCESSFUL, row.traceback
    assert len(runs(tmp_path)) == 2
    assert (tmp_path / "effect").read_text() == "made by run 2\n"  # its effect, once
    assert DBTaskResult.objects.count() == 1
    assert "queued again (attempt 1 of 3 done)" in second.output()


def test_sigterm_lets_the_task_in_hand_finish_then_stops_the_worker(tmp_path, start_worker):
    result = worker_tasks.wait_for_release.enqueue(str(tmp_path))
    waiting = worker_tasks.note_run.enqueue(str(tmp_path / "never"))
    worker = start_worker()
    wait_until(lambda: (tmp_path / "started-1").exists(), "the task to start", worker=worker)

    worker.signal(signal.SIGTERM)
    (tmp_path / "release").touch()

    assert worker.wait() == 0
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    # The worker took nothing more: the next task waits for the next worker.
    assert DBTaskResult.objects.get(pk=waiting.id).status == TaskResultStatus.READY
