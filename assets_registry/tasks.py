"""Background work for the registry (django-tasks; the immediate backend runs it at once).

If a geocoding task cannot finish (the geocoder is still down), the asset keeps
``needs_geocoding`` and ``manage.py geocode_pending`` (e.g. from cron) retries every flagged asset.
"""

from django_tasks import task

from assets_registry.locating import asset_geocode_retry
from assets_registry.models import Asset


@task()
def geocode_asset(asset_id: int) -> bool:
    asset = Asset.objects.filter(pk=asset_id).first()
    return bool(asset) and asset_geocode_retry(asset=asset)


@task()
def sync_asset_index(asset_ids: list[int]) -> int:
    """Bring these spaces' documents in the Elasticsearch find-a-space index in line with the
    database (queued by ``signals.sync_find_a_space_index``)."""
    from assets_registry.search_backends.elasticsearch_index import sync

    return sync(asset_ids)


@task()
def send_resident_mail(contact_id: int, event: str, reason: str = "") -> bool:
    """E-mail a resident about their submission (``resident_mail``); False if the address is gone."""
    from assets_registry.models import SubmitterContact
    from assets_registry.resident_mail import resident_mail

    contact = SubmitterContact.objects.filter(pk=contact_id).first()
    if contact is None:
        return False
    resident_mail(contact, event, reason=reason)
    return True
