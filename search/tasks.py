"""Background work for search (django-tasks; the immediate backend runs it at once)."""

from django_tasks import task

from search.index_updates import replay


@task()
def replay_index_updates() -> int:
    """Send Elasticsearch the index updates kept while it was down; returns how many still wait
    (queued when the circuit breaker closes again, or a write succeeds while some wait)."""
    return replay().remaining
