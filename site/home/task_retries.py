"""Retries with backoff for queued tasks, and the final failure in the log with its traceback.

django-tasks has no retries of its own. The database worker marks a task that raised FAILED and
sends ``task_finished``; here that row goes back to READY with ``run_after`` pushed back
(TASK_RETRY_DELAY seconds, doubling each time) until it has run TASK_RETRY_ATTEMPTS times. One row
per task, so the admin shows a task waiting for its next attempt (with the last traceback), and
the attempt count is the package's own (one worker id per claim). Every task is idempotent
(docs/deployment.md, "Background work"), so running one again is safe.
"""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> float:
    """Seconds before the run after ``attempt`` (1-based): TASK_RETRY_DELAY × 2^(attempt-1)."""
    return settings.TASK_RETRY_DELAY * 2 ** (attempt - 1)


def task_requeue(db_result, *, delay: float) -> bool:
    """Put a finished or abandoned row back in the queue; False if its state changed meanwhile."""
    from django_tasks_db.models import DBTaskResult

    return bool(
        DBTaskResult.objects.filter(
            pk=db_result.pk, status=db_result.status, started_at=db_result.started_at
        ).update(
            status=TaskResultStatus.READY,
            run_after=timezone.now() + dt.timedelta(seconds=delay),
            finished_at=None,
        )
    )


def log_final_failure(task_result, attempts: int, traceback: str) -> None:
    logger.error(
        "Task %s (%s) failed for good after %d attempt(s)\n%s",
        task_result.id,
        task_result.task.module_path,
        attempts,
        traceback,
    )


@receiver(task_finished, dispatch_uid="home.task_retries")
def retry_failed_task(sender, task_result, **kwargs) -> None:
    if task_result.status != TaskResultStatus.FAILED:
        return
    traceback = task_result.errors[-1].traceback if task_result.errors else ""
    attempts = task_result.attempts
    db_result = getattr(task_result, "db_result", None)  # only the database backend can retry
    # Raising here would stop the worker (it sends this signal from its own error handler).
    try:
        if db_result is not None and attempts < settings.TASK_RETRY_ATTEMPTS:
            delay = retry_delay(attempts)
            if task_requeue(db_result, delay=delay):
                logger.warning(
                    "Task %s (%s) failed on attempt %d of %d; runs again in %g s: %s",
                    task_result.id,
                    task_result.task.module_path,
                    attempts,
                    settings.TASK_RETRY_ATTEMPTS,
                    delay,
                    traceback.strip().rsplit("\n", 1)[-1],
                )
                return
        log_final_failure(task_result, attempts, traceback)
    except Exception:
        logger.exception("Could not queue task %s again", task_result.id)
