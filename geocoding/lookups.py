"""Online lookups happen in the background, never while a page waits.

A web request asks the online geocoder's cache only. On a miss, `look_up_later` queues the lookup
as a task (once per query for a couple of minutes) and returns `GeocodingPending` for the page to
say so; the task's answer lands in the cache for the next request. With django-tasks' immediate
backend a "queued" task would run inside the request, so nothing is queued then and the page
says the lookup is unavailable (`manage.py geocode_pending` finishes flagged spaces).
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from .exceptions import GeocodingPending, GeocodingUnavailable

PENDING_SECONDS = 120


def tasks_run_in_background() -> bool:
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    return not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def look_up_later(query: str, *, country: str | None = None) -> GeocodingUnavailable:
    """Queue an online lookup of `query`; the exception for the page to raise meanwhile."""
    from .tasks import look_up_online

    if not tasks_run_in_background():
        # The operator's fix is a worker (TASKS_BACKEND, docs/geocoding.md); the visitor's is below.
        return GeocodingUnavailable(
            f"“{query}” is not in our offline gazetteer, and online lookups are off on this server"
            " (no background worker runs). Try a postcode, ZIP code or town."
        )
    key = "geocoding:pending:" + hashlib.sha256(f"{query.lower()}|{country or ''}".encode()).hexdigest()
    if cache.add(key, True, PENDING_SECONDS):
        look_up_online.enqueue(query, country)
    return GeocodingPending(query)
