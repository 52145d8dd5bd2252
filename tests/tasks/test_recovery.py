"""Which rows a starting worker (or the hourly sweep) queues again, in-process (no worker needed)."""

import datetime as dt

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from home.task_recovery import WORKER_LOST, requeue_abandoned
from tests.tasks import worker_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("queued_backend")]


def running(tmp_path, *, claimed_by: list[str], minutes_ago: float) -> DBTaskResult:
    row = DBTaskResult.objects.get(pk=worker_tasks.note_run.enqueue(str(tmp_path)).id)
    DBTaskResult.objects.filter(pk=row.pk).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=claimed_by,
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
    )
    return row


def status(row) -> str:
    return DBTaskResult.objects.get(pk=row.pk).status


def test_a_restarted_worker_queues_again_only_its_own_running_task(tmp_path, settings):
    settings.TASK_STALE_AFTER = 3600
    own = running(tmp_path, claimed_by=["host-1"], minutes_ago=1)
    others = running(tmp_path, claimed_by=["host-2"], minutes_ago=1)
    earlier_own = running(tmp_path, claimed_by=["host-1", "host-2"], minutes_ago=1)  # now host-2's

    assert requeue_abandoned(worker_id="host-1") == (1, 0)

    assert status(own) == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=own.pk).run_after <= timezone.now()
    assert status(others) == TaskResultStatus.RUNNING
    assert status(earlier_own) == TaskResultStatus.RUNNING


def test_any_task_running_past_the_stale_limit_is_queued_again(tmp_path, settings):
    settings.TASK_STALE_AFTER = 600
    stale = running(tmp_path, claimed_by=["gone"], minutes_ago=11)
    recent = running(tmp_path, claimed_by=["alive"], minutes_ago=9)

    assert requeue_abandoned() == (1, 0)

    assert status(stale) == TaskResultStatus.READY
    assert status(recent) == TaskResultStatus.RUNNING


def test_a_task_that_used_its_last_attempt_is_failed_not_run_for_ever(tmp_path, settings):
    settings.TASK_RETRY_ATTEMPTS = 2
    row = running(tmp_path, claimed_by=["host-1", "host-1"], minutes_ago=1)

    assert requeue_abandoned(worker_id="host-1") == (0, 1)

    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == WORKER_LOST
    assert "during attempt 2, the last allowed" in row.traceback
