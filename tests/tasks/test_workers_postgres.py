"""Two workers on PostgreSQL share one queue: each task runs once (the claim is SELECT ... FOR
UPDATE SKIP LOCKED), as production's several workers do."""

from pathlib import Path

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.db import connection

from tests.services import missing_service
from tests.tasks import worker_tasks
from tests.tasks.worker_process import wait_until

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("queued_backend"),
]

TASKS = 40


def test_two_workers_run_each_task_exactly_once(tmp_path, start_worker):
    if connection.vendor != "postgresql":
        missing_service("PostgreSQL is not set (DATABASE_URL)")
    workers = [start_worker("test-worker-1"), start_worker("test-worker-2")]
    for worker in workers:
        wait_until(lambda w=worker: "Starting worker" in w.output(), "the workers to start", worker=worker)
    folders = [tmp_path / f"task-{n}" for n in range(TASKS)]
    for folder in folders:
        folder.mkdir()
        worker_tasks.note_run.enqueue(str(folder), seconds=0.05)

    wait_until(
        lambda: DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == TASKS,
        "every task to finish",
        worker=workers[0],
    )

    assert [len(Path(folder, "runs").read_text().splitlines()) for folder in folders] == [1] * TASKS
    claimed_by = {row.worker_ids[0] for row in DBTaskResult.objects.all()}
    assert claimed_by == {"test-worker-1", "test-worker-2"}  # both took a share
