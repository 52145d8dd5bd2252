"""Background work for coalitions (django-tasks).

``snapshot_registry_measures`` runs once a month, early on the 1st, for the month just ended:
enqueue it from cron or a scheduler (docs/impact.md shows the crontab line), or run
``manage.py snapshot_registry_measures``, which does the same and can backfill history.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from coalitions import snapshots


@task()
def snapshot_registry_measures(month: str | None = None) -> int:
    """Every coalition's registry measures for ``month`` ("YYYY-MM"; default: the month just
    ended); returns how many snapshot rows were written or changed."""
    day = dt.date.fromisoformat(f"{month}-01") if month else None
    return snapshots.take_all(day)
