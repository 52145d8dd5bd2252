"""The registry's one change event, ``spaces_changed``, and what the registry does on Wagtail's
and Django's signals.

``spaces_changed`` is sent (sender ``Asset``, ``ids``: a frozenset of primary keys) once per
committed transaction, with every space changed in it: a resident's submission, an applied
suggestion or closure report, a moderator's publish or unpublish (Wagtail's workflow sends
``published``/``unpublished``), an import's bulk write, an edit of opening hours, a geocoding
retry, a deletion. Changes made in a rolled-back transaction or savepoint are never sent;
outside a transaction the signal goes at once. Receivers get ids only and read what they need:
a space may have changed again, or gone, by then.

Writes that send no model signals (bulk inserts, ``QuerySet.update``) call
``spaces_changed_on_commit(ids)``; model saves and deletions reach it through the receivers
below. Listeners: the find-a-space index (``sync_find_a_space_index``, here) and the atlas's
area assignment (``atlas.signals``). A listener's failure is logged, never raised into the
write that caused it, and never keeps the other listeners from running.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from wagtail.signals import published, unpublished, workflow_approved, workflow_rejected

from assets_registry.models import Asset, AssetSuggestion, OpeningHours
from assets_registry.public_fields import PUBLIC_FIELDS
from assets_registry.search_backends.document_columns import INDEXED_FIELDS

logger = logging.getLogger(__name__)

spaces_changed = Signal()  # sender=Asset, ids=frozenset[int]

# A save whose update_fields touch none of these (locking, workflow and revision bookkeeping,
# the geocoding flag alone) changes nothing anyone outside the registry sees.
CHANGE_FIELDS = frozenset(PUBLIC_FIELDS) | INDEXED_FIELDS
# Ids per index sync task: a bulk import's 100,000 ids become bounded, separately retried tasks.
INDEX_SYNC_CHUNK = 5000


class _Changes:
    """The ids changed at one savepoint level of a transaction: an on-commit callback registered
    at that level, so Django drops it (and its ids) if that savepoint or the transaction rolls
    back, and hands its ids to the transaction's ``_Sender`` when it commits."""

    def __init__(self, sender: _Sender, savepoints: set[str]):
        self.sender, self.savepoints, self.ids = sender, savepoints, set()

    def __call__(self) -> None:
        self.sender.ids |= self.ids


class _Sender:
    """Sends ``spaces_changed`` once for a committed transaction, with the ids of every
    ``_Changes`` that survived. Kept last in the transaction's on-commit queue (Django runs it in
    order), so it runs after all of them."""

    def __init__(self):
        self.ids: set[int] = set()
        self.done = False
        self.changes: _Changes | None = None

    def __call__(self) -> None:
        self.done = True
        if self.ids:
            _send(frozenset(self.ids))


def _take_sender(connection) -> _Sender:
    """This transaction's sender, taken out of the on-commit queue (to be put back last); a new
    one if there is none yet. Searched from the end: it was last after the previous change."""
    queue = connection.run_on_commit
    for position in range(len(queue) - 1, -1, -1):
        callback = queue[position][1]
        if isinstance(callback, _Sender) and not callback.done:
            del queue[position]
            return callback
    return _Sender()


def _send(ids: frozenset[int]) -> None:
    for receiver_function, response in spaces_changed.send_robust(sender=Asset, ids=ids):
        if isinstance(response, Exception):
            logger.error(
                "%s failed for %s changed spaces",
                getattr(receiver_function, "__qualname__", receiver_function),
                len(ids),
                exc_info=response,
            )


def spaces_changed_on_commit(ids: Iterable[int | None]) -> None:
    """Send ``spaces_changed`` for these spaces once the current transaction commits (at once
    outside one), together with every other space changed in it."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _send(frozenset(ids))
        return
    sender = _take_sender(connection)
    here = set(connection.savepoint_ids)
    # The level's _Changes is still queued when its savepoints are all still open (a rolled-back
    # savepoint is closed, and a new one has a new id).
    if sender.changes is None or sender.changes.savepoints != here:
        sender.changes = _Changes(sender, here)
        transaction.on_commit(sender.changes)
    sender.changes.ids |= ids
    # With no savepoints: only the transaction's own rollback drops it (the sender then had no
    # ids to send anyway). Appended as ``on_commit`` appends, but at the outer level.
    connection.run_on_commit.append((set(), sender, True))


# --- model and Wagtail signals -> spaces_changed ------------------------------------------------


@receiver(post_save, sender=Asset)
def asset_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and not CHANGE_FIELDS.intersection(update_fields)):
        return
    spaces_changed_on_commit([instance.pk])


@receiver(published, sender=Asset)
@receiver(unpublished, sender=Asset)
@receiver(post_delete, sender=Asset)
def asset_published_unpublished_or_deleted(sender, instance, **kwargs):
    spaces_changed_on_commit([instance.pk])


@receiver(published, sender=Asset)
def approval_settles_a_possible_duplicate(sender, instance, **kwargs):
    """A moderator who approves a space marked as a possible duplicate has judged it a space of its
    own (merging never publishes the duplicate): the mark goes."""
    if instance.possible_duplicate_of_id or instance.duplicate_reasons:
        Asset.objects.filter(pk=instance.pk).update(possible_duplicate_of=None, duplicate_reasons="")
        instance.possible_duplicate_of, instance.duplicate_reasons = None, ""


@receiver(post_save, sender=OpeningHours)
@receiver(post_delete, sender=OpeningHours)
def opening_hours_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        spaces_changed_on_commit([instance.asset_id])


@receiver(published, sender=AssetSuggestion)
def apply_approved_suggestion(sender, instance, revision=None, **kwargs):
    """Approval of a suggestion (its publication through the workflow) applies it to the asset."""
    from assets_registry.services import suggestion_apply

    user = getattr(revision, "user", None) if revision else None
    suggestion_apply(suggestion=instance, user=user)


@receiver(workflow_approved)
@receiver(workflow_rejected)
def residents_hear_the_decision(sender, instance, **kwargs):
    """A resident's submission was approved or rejected: they hear the decision (with the
    moderator's reason), and their e-mail's retention period starts."""
    from assets_registry.personal_data import contacts_decided, contacts_for
    from assets_registry.resident_mail import NOT_PUBLISHED, PUBLISHED
    from assets_registry.tasks import send_resident_mail

    submission = instance.content_object
    if not isinstance(submission, Asset | AssetSuggestion):
        return
    approved = instance.status == instance.STATUS_APPROVED
    decision = instance.task_states.order_by("-finished_at", "-pk").first()
    reason = "" if approved or decision is None else decision.get_comment()
    for contact in contacts_for(submission).filter(decided_at__isnull=True):
        event = PUBLISHED if approved else NOT_PUBLISHED
        transaction.on_commit(
            lambda pk=contact.pk, event=event: send_resident_mail.enqueue(pk, event, reason)
        )
    contacts_decided(submission)


# --- listeners -----------------------------------------------------------------------------------


def index_auto_update() -> bool:
    """Whether this site keeps an Elasticsearch find-a-space index in step with the registry."""
    return bool(getattr(settings, "ASSET_INDEX_AUTO_UPDATE", False) and settings.ELASTICSEARCH_URL)


@receiver(spaces_changed)
def sync_find_a_space_index(sender, ids, **kwargs):
    """Queue the index update. A queue or Elasticsearch outage never breaks the save: it is
    logged, and ``manage.py rebuild_asset_index`` brings the index back in step."""
    if not index_auto_update():
        return
    from assets_registry.tasks import sync_asset_index

    ordered = sorted(ids)
    for start in range(0, len(ordered), INDEX_SYNC_CHUNK):
        chunk = ordered[start : start + INDEX_SYNC_CHUNK]
        try:
            sync_asset_index.enqueue(chunk)
        except Exception:
            logger.exception("Could not queue the find-a-space index update for %s spaces", len(chunk))
