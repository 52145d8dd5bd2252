"""Writes for possible duplicates: a moderator merges one into the space it repeats, or says it
is a different space. (The import and the resident's form mark them: ``importers.base`` stage 5,
``selectors.duplicate_matches``; the admin pages are ``admin_duplicates``.)

* **merge**: the published space takes the values the moderator chose from the duplicate (a new
  revision, published); the duplicate keeps ``merged_into`` and stays unpublished, so a re-import
  of its source id finds it ("merged into #N") instead of creating it again; its workflow is
  cancelled.
* **not a duplicate**: the mark is cleared (on the row and in the draft awaiting approval) and the
  space waits for the ordinary approval.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from assets_registry.models import Asset
from assets_registry.public_fields import AREA_FIELDS, CONTACT_FIELDS, DESCRIPTION_FIELDS

# What a merge may take from the duplicate, as the moderator chooses it: one choice per field,
# except the position, which moves with its provenance and its area as one.
POSITION_FIELDS = (
    "latitude",
    "longitude",
    "location_source",
    "location_precision",
    "location_basis",
    *AREA_FIELDS,
)
MERGE_CHOICES: dict[str, tuple[str, ...]] = {
    **{name: (name,) for name in (*DESCRIPTION_FIELDS, *CONTACT_FIELDS)},
    "position": POSITION_FIELDS,
    "status": ("status",),
    "last_verified": ("last_verified",),
}


class NotADuplicate(Exception):
    """The space is not marked as a possible duplicate of a published space (any more)."""


def current_values(asset: Asset) -> Asset:
    """The version a moderator judges: the draft awaiting approval, else the row itself."""
    return asset.get_latest_revision_as_object() if asset.latest_revision_id else asset


def _original(duplicate: Asset) -> Asset:
    original = duplicate.possible_duplicate_of
    if original is None or duplicate.merged_into_id or not original.live:
        raise NotADuplicate(f"“{duplicate}” is not marked as a possible duplicate of a published space.")
    return original


def duplicate_merge(*, duplicate: Asset, take: Iterable[str], user=None) -> Asset:
    """Merge ``duplicate`` into the space it may repeat, taking the fields in ``take`` (keys of
    ``MERGE_CHOICES``) from it; returns the published space."""
    original = _original(duplicate)
    unknown = set(take) - set(MERGE_CHOICES)
    if unknown:
        raise ValueError(f"Not mergeable: {', '.join(sorted(unknown))}")
    source = current_values(duplicate)
    with transaction.atomic():
        working = Asset.objects.select_for_update().get(pk=original.pk)
        for choice in take:
            for name in MERGE_CHOICES[choice]:
                setattr(working, name, getattr(source, name))
        revision = working.save_revision(user=user, log_action=True, clean=False)
        revision.publish(user=user)
        state = duplicate.current_workflow_state
        if state is not None:
            state.cancel(user=user)
        if duplicate.live:
            duplicate.unpublish(user=user)
        # Bookkeeping on the row only: the duplicate's own content stays as it was submitted.
        Asset.objects.filter(pk=duplicate.pk).update(merged_into=original, possible_duplicate_of=None)
    original.refresh_from_db()
    return original


def duplicate_dismiss(*, duplicate: Asset, user=None) -> Asset:
    """A moderator says ``duplicate`` is a different space: clear the mark, leave it to approval."""
    _original(duplicate)
    with transaction.atomic():
        Asset.objects.filter(pk=duplicate.pk).update(possible_duplicate_of=None, duplicate_reasons="")
        if duplicate.latest_revision_id:
            # The draft awaiting approval carries the mark too; approving it must not bring it back.
            draft = duplicate.get_latest_revision_as_object()
            draft.possible_duplicate_of = None
            draft.duplicate_reasons = ""
            draft.save_revision(user=user, log_action=True, clean=False)
    duplicate.refresh_from_db()
    return duplicate
