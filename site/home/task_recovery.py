"""Tasks whose worker died mid-run (killed, machine lost) are queued again, never lost.

The database worker marks a row RUNNING when it claims it and FAILED or SUCCESSFUL when the task
ends; a worker killed in between leaves it RUNNING for ever. Such a row is queued again when
- the worker that claimed it starts again under the same ``--worker-id`` (a systemd instance
  keeps its id, and no other live worker has it: docs/deployment.md), or
- it has been running longer than TASK_STALE_AFTER seconds (its worker is gone for good), found by
  any worker starting and by the hourly ``home.tasks.requeue_abandoned_tasks``.
A row whose runs are used up (TASK_RETRY_ATTEMPTS) is marked failed instead, so a task that kills
its worker cannot loop for ever.
"""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import TaskResultStatus

from django.conf import settings
from django.utils import timezone

from home.task_retries import task_requeue

logger = logging.getLogger(__name__)

WORKER_LOST = "home.task_recovery.WorkerLost"


class WorkerLost(Exception):
    """The worker running a task stopped before the task ended (recorded on the failed row)."""


def abandoned_tasks(*, worker_id: str | None = None):
    """RUNNING rows claimed by ``worker_id`` (which is not running them: it is starting), and
    rows running longer than TASK_STALE_AFTER."""
    from django_tasks_db.models import DBTaskResult

    stale_before = timezone.now() - dt.timedelta(seconds=settings.TASK_STALE_AFTER)
    for row in DBTaskResult.objects.running().order_by("started_at"):
        claimed_by = row.worker_ids[-1] if row.worker_ids else None
        if (worker_id and claimed_by == worker_id) or row.started_at < stale_before:
            yield row


def requeue_abandoned(*, worker_id: str | None = None) -> tuple[int, int]:
    """Queue abandoned tasks again (at once: their last run did not fail, it was cut short), or
    fail those with no runs left. Returns (queued again, failed)."""
    from django_tasks_db.models import DBTaskResult

    requeued = failed = 0
    for row in abandoned_tasks(worker_id=worker_id):
        attempts = len(row.worker_ids)
        if attempts < settings.TASK_RETRY_ATTEMPTS:
            if task_requeue(row, delay=0):
                requeued += 1
                logger.warning(
                    "Task %s (%s) was left running by worker %s; queued again (attempt %d of %d done)",
                    row.pk,
                    row.task_path,
                    row.worker_ids[-1] if row.worker_ids else "?",
                    attempts,
                    settings.TASK_RETRY_ATTEMPTS,
                )
            continue
        message = f"{WORKER_LOST}: its worker stopped during attempt {attempts}, the last allowed"
        if DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=WORKER_LOST,
            traceback=message,
        ):
            failed += 1
            logger.error("Task %s (%s) failed for good: %s", row.pk, row.task_path, message)
    return requeued, failed
