"""Background work for the registry (django-tasks; the immediate backend runs it at once, the
database backend queues it for ``manage.py task_worker``, which retries a task that raises).

Each task may run more than once (a retry, a worker killed mid-task), so each is idempotent; the
docstrings say why. If a geocoding task runs out of attempts (the geocoder is still down), the
asset keeps ``needs_geocoding`` and ``manage.py geocode_pending`` (e.g. from cron) retries every
flagged asset.
"""

from django_tasks import task

from assets_registry.locating import asset_geocode_retry
from assets_registry.models import Asset
from geocoding.lookups import tasks_run_in_background


class StillNotPlaced(Exception):
    """Raised so the worker tries again later (with backoff) while the geocoder is down."""


@task()
def geocode_asset(asset_id: int) -> bool:
    """Idempotent: it only fills the position of a space still flagged ``needs_geocoding`` and
    clears the flag; once placed, a repeat returns at once. Raises while the space is still not
    placed, so the worker retries it with backoff."""
    asset = Asset.objects.filter(pk=asset_id).first()
    if asset is None:
        return False
    if asset_geocode_retry(asset=asset):
        return True
    if tasks_run_in_background():  # the worker retries it; inline, `geocode_pending` does
        raise StillNotPlaced(f"Space {asset_id} is still not placed (geocoder down or no match).")
    return False


@task()
def sync_asset_index(asset_ids: list[int]) -> int:
    """Bring these spaces' documents in the Elasticsearch find-a-space index in line with the
    database (queued by ``signals.sync_find_a_space_index``). Idempotent: it writes each space's
    current state (or removes it), whatever ran before."""
    from assets_registry.search_backends.elasticsearch_index import sync

    return sync(asset_ids)


@task()
def send_resident_mail(contact_id: int, event: str, reason: str = "") -> bool:
    """E-mail a resident about their submission (``resident_mail``); False if the address is gone.
    At least once, not exactly once: a worker killed after the SMTP server took the message sends
    it again on the retry (a duplicate notice beats a lost one; the task is otherwise stateless)."""
    from assets_registry.models import SubmitterContact
    from assets_registry.resident_mail import resident_mail

    contact = SubmitterContact.objects.filter(pk=contact_id).first()
    if contact is None:
        return False
    resident_mail(contact, event, reason=reason)
    return True
