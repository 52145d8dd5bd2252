"""Background work for surveys (django-tasks): retention.

Enqueue ``purge_expired_interviews`` once a day (cron or a scheduler), or run
``manage.py purge_expired_interviews``, which does the same (docs/connection-maps.md, "Retention").
"""

from __future__ import annotations

from django_tasks import task

from connections.interviews_services import interviews_purge_expired


@task()
def purge_expired_interviews() -> dict[str, int]:
    """{survey name: interviews deleted} for every survey past its end date plus retention."""
    return interviews_purge_expired()
