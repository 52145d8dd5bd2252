"""Keep the search indexes in step: the Elasticsearch find-a-space index with the registry, and
Wagtail's index with a page's many-to-many fields (see ``page_published_reindex``).

Every change that can alter what find-a-space shows (publish, unpublish, an edit saved to a live
space, a direct save by an importer or the geocoder, a deletion) marks the asset; when the
transaction commits, ONE task per transaction syncs every marked asset (a publish saves the row
and then sends ``published``: both land in the same batch). Only when
``settings.ASSET_INDEX_AUTO_UPDATE`` is on (by default whenever ELASTICSEARCH_URL is set).

Indexing problems are logged, never raised into the save: the registry stays usable when
Elasticsearch is down, and ``manage.py rebuild_asset_index`` brings the index back in step.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.search import index
from wagtail.signals import page_published, published, unpublished

from assets_registry.models import Asset, OpeningHours

logger = logging.getLogger(__name__)

# Saves that touch none of these leave the document as it is (e.g. locking, draft bookkeeping).
INDEXED_FIELDS = {
    "name",
    "description",
    "search_keywords",
    "latitude",
    "longitude",
    "category_mask",
    "third_space_mask",
    "categories",
    "third_space_types",
    "kind",
    "setting",
    "free",
    "step_free",
    "open_to_all",
    "mixed_ages",
    "status",
    "country",
    "admin_district_code",
    "admin_county_code",
    "timezone",
    "updated_at",
    "live",
}


def _enabled() -> bool:
    return bool(getattr(settings, "ASSET_INDEX_AUTO_UPDATE", False) and settings.ELASTICSEARCH_URL)


class _SyncBatch:
    """An on-commit callback carrying the ids marked in one transaction (or savepoint)."""

    def __init__(self):
        self.ids: set[int] = set()
        self.done = False

    def __call__(self) -> None:
        from search.tasks import sync_assets

        self.done = True

        try:
            sync_assets.enqueue(sorted(self.ids))
        except Exception:  # a queue outage must not break the save that triggered it
            logger.exception("Could not queue the asset index update for %s", sorted(self.ids))


def _open_batch(connection) -> _SyncBatch | None:
    """The batch already registered at this savepoint level: a rolled-back transaction drops its
    callbacks, and with them its batch, so nothing is ever added to a batch that will not run."""
    here = set(connection.savepoint_ids)
    for savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _SyncBatch) and not callback.done and set(savepoints) == here:
            return callback
    return None


def mark_for_sync(asset_id: int | None) -> None:
    """Sync this asset's document once the current transaction commits (at once outside one)."""
    if asset_id is None or not _enabled():
        return
    connection = transaction.get_connection()
    batch = _open_batch(connection) if connection.in_atomic_block else None
    if batch is not None:
        batch.ids.add(asset_id)
        return
    batch = _SyncBatch()
    batch.ids.add(asset_id)
    transaction.on_commit(batch, robust=True)


@receiver(post_save, sender=Asset)
def asset_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and not INDEXED_FIELDS.intersection(update_fields)):
        return
    mark_for_sync(instance.pk)


@receiver(published, sender=Asset)
@receiver(unpublished, sender=Asset)
def asset_published_or_unpublished(sender, instance, **kwargs):
    mark_for_sync(instance.pk)


@receiver(post_delete, sender=Asset)
def asset_deleted(sender, instance, **kwargs):
    mark_for_sync(instance.pk)


@receiver(post_save, sender=OpeningHours)
@receiver(post_delete, sender=OpeningHours)
def opening_hours_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        mark_for_sync(instance.asset_id)


@receiver(page_published)
def page_published_reindex(sender, instance, **kwargs):
    """Index a page again once its publication is complete.

    Wagtail indexes on ``post_save`` (and the immediate task backend runs that at once), but a
    page's ``save()`` sends ``post_save`` before it writes its ParentalManyToManyFields, so a
    toolkit's new themes would only reach the index at its next save.
    """
    if isinstance(instance, index.Indexed):
        transaction.on_commit(lambda: index.insert_or_update_object(instance), robust=True)
