"""Periodic work, run as queued tasks (retried, visible in the admin) by ``manage.py
enqueue_periodic hourly|daily|monthly`` from cron or a systemd timer (docs/deployment.md).

django-tasks and django-tasks-db have no scheduler, so the clock stays outside; every task here is
idempotent, so a run repeated by a retry or by two timers does no harm. Daily: personal data past
retention, and connection surveys' raw interviews past their end date plus retention. Monthly: the
coalitions' registry snapshots for the month just ended.
"""

from django_tasks import task

from assets_registry.notifications import send_moderation_digests
from assets_registry.personal_data import purge_personal_data as purge
from coalitions.tasks import snapshot_registry_measures
from connections.interviews_tasks import purge_expired_interviews
from home.task_recovery import requeue_abandoned


@task()
def send_moderation_digest() -> int:
    """Idempotent: each moderator's mark records what the last digest covered, so a second run
    sends only what arrived since (usually nothing)."""
    return send_moderation_digests()


@task()
def purge_personal_data() -> int:
    """Idempotent: erases what is past retention; a second run finds nothing left to erase."""
    return purge()


@task()
def requeue_abandoned_tasks() -> list[int]:
    """Idempotent: only rows still RUNNING past TASK_STALE_AFTER change, each at most once."""
    return list(requeue_abandoned())


PERIODIC = {
    "hourly": [send_moderation_digest, requeue_abandoned_tasks],
    "daily": [purge_personal_data, purge_expired_interviews],
    "monthly": [snapshot_registry_measures],
}
