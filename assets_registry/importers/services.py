"""Writes for importers: one transaction per import, so a failure leaves nothing half-written.

* Trusted sources (``--trusted``): new spaces are published in bulk (``bulk_create`` of the rows
  and their opening hours: thousands of rows a second); changed ones go through the registry's
  ``services.asset_upsert_published`` one by one (a new published revision each), as any update does.
* A new row that may repeat a listed space (stage 5 of ``base``) is never published by an import,
  trusted or not: it is a draft with ``possible_duplicate_of`` and ``duplicate_reasons`` set, in
  the moderation workflow, where a moderator merges it or approves it.
* Everything else enters moderation, as a resident's submission does: a draft with a revision,
  put into the registry's moderation workflow (``services.moderation_workflow()``); a change to
  a published space becomes a new revision awaiting approval, the live page untouched until then.

Wagtail's search index hears about every write (``search_index.index_new_assets`` for the bulk
path, its signals for the rest); so does the registry's ``spaces_changed`` (model signals, and
``spaces_changed_on_commit`` for the bulk path), sent once when the import commits: the
find-a-space index and the atlas's areas follow it.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from assets_registry import services as registry_services
from assets_registry.importers.bulk import RowInserter, import_pragmas, select_in
from assets_registry.importers.candidate import Candidate
from assets_registry.models import RESERVED_SLUGS, Asset, OpeningHours
from assets_registry.signals import spaces_changed_on_commit
from assets_registry.tasks import geocode_asset

BULK_CHUNK = 5000


def import_write(
    *, candidates: list[Candidate], source: str, trusted: bool, user=None, progress: bool = False
) -> list[int]:
    """Write the candidates classified "create" or "update"; returns the ids of the spaces written."""
    from tqdm import tqdm

    bar = tqdm(total=len(candidates), desc="Writing", unit=" rows", disable=not progress)
    written: list[int] = []
    with import_pragmas(connection), transaction.atomic():
        # A possible duplicate is never published by an import, trusted or not: a moderator decides.
        moderated = [c for c in candidates if _is_possible_duplicate(c)]
        if trusted:
            published = [c for c in candidates if not _is_possible_duplicate(c)]
            new = [c for c in published if c.existing_id is None]
            for start in range(0, len(new), BULK_CHUNK):
                chunk = new[start : start + BULK_CHUNK]
                written += publish_new(candidates=chunk, source=source)
                bar.update(len(chunk))
            for candidate in (c for c in published if c.existing_id is not None):
                written.append(publish_update(candidate=candidate, source=source).pk)
                bar.update(1)
        else:
            moderated = list(candidates)  # every row enters moderation
        for candidate in moderated:  # in file order: a row's earlier look-alike is written before it
            written.append(submit_for_moderation(candidate=candidate, source=source, user=user).pk)
            bar.update(1)
        _queue_geocoding([c for c in candidates if c.fields.get("needs_geocoding")], source)
    bar.close()
    return written


def _hours(candidate: Candidate) -> list[OpeningHours]:
    return [
        OpeningHours(weekday=day, opens=opens, closes=closes, sort_order=i)
        for i, (day, opens, closes) in enumerate(candidate.opening_hours or ())
    ]


def assign_slugs(assets: list[Asset]) -> None:
    """Unique slugs for many new spaces with a few queries (``Asset.unique_slug`` asks once per
    space): the name, then name-locality, then a number, as the registry does."""
    options = {}
    for asset in assets:
        base = slugify(asset.name)[:200] or "space"
        candidates = [base]
        if asset.locality and slugify(asset.locality) not in base:
            candidates.append(f"{base}-{slugify(asset.locality)}"[:210])
        options[id(asset)] = candidates
    wanted = {slug for candidates in options.values() for slug in candidates}
    taken = set(RESERVED_SLUGS)
    taken |= {slug for (slug,) in select_in(Asset, ["slug"], column="slug", values=sorted(wanted))}
    for asset in assets:
        candidates = options[id(asset)]
        slug = next((s for s in candidates if s not in taken), None)
        n = 2
        while slug is None:
            attempt = f"{candidates[-1]}-{n}"
            if attempt not in taken and not Asset.objects.filter(slug=attempt).exists():
                slug = attempt
            n += 1
        taken.add(slug)
        asset.slug = slug


def publish_new(*, candidates: list[Candidate], source: str) -> list[int]:
    """Create and publish new spaces in bulk, with their opening hours and search entries.

    The rows go in through one prepared multi-row INSERT (``bulk.RowInserter``: a tenth of
    ``bulk_create``'s cost). No first revision is written for them (it would double the cost of a
    large import): a published snippet without revisions is normal in Wagtail; its history starts
    at its first edit, and the import itself is traced by ``data_source``/``source_id`` and the report.
    """
    now = timezone.now()
    inserter = RowInserter(Asset, connection)
    carriers = []
    for candidate in candidates:
        # A bare instance (no Model.__init__, never saved) carries the values so the model's own
        # rules fill the derived columns (masks, grid row, keywords, time zone).
        carrier = Asset.__new__(Asset)
        carrier.__dict__.update(inserter.defaults)
        carrier.__dict__.update(
            candidate.fields,
            data_source=source,
            source_id=candidate.source_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            created_at=now,
            updated_at=now,
        )
        carriers.append(carrier)
    assign_slugs(carriers)
    for carrier in carriers:
        carrier.refresh_derived_fields()
    inserter.insert(carrier.__dict__ for carrier in carriers)

    ids = _ids_by_source_id(source, [c.source_id for c in candidates])
    rows = {ids[carrier.source_id]: carrier.__dict__ for carrier in carriers}
    hours = []
    for candidate in candidates:
        for period in _hours(candidate):
            period.asset_id = ids[candidate.source_id]
            hours.append(period)
    OpeningHours.objects.bulk_create(hours)

    from assets_registry.importers.search_index import index_new_assets

    index_new_assets(rows)
    spaces_changed_on_commit(rows)  # bulk inserts send no model signals
    return list(rows)


def _ids_by_source_id(source: str, source_ids: list[str]) -> dict[str, int]:
    rows = select_in(
        Asset, ["source_id", "id"], column="source_id", values=source_ids, equal={"data_source": source}
    )
    return dict(rows)


def publish_update(*, candidate: Candidate, source: str) -> Asset:
    fields = dict(candidate.fields)
    if candidate.opening_hours is not None:
        fields["opening_hours"] = _hours(candidate)
    asset, _created = registry_services.asset_upsert_published(
        data_source=source, source_id=candidate.source_id, fields=fields
    )
    return asset


def _is_possible_duplicate(candidate: Candidate) -> bool:
    return bool(candidate.duplicate_of_id or candidate.duplicate_of_row)


def _duplicate_fields(candidate: Candidate, source: str) -> dict:
    """possible_duplicate_of (a space, or the space an earlier row of the file became) and why."""
    if not _is_possible_duplicate(candidate):
        return {}
    other = candidate.duplicate_of_id
    if other is None:
        other = (
            Asset.objects.filter(data_source=source, source_id=candidate.duplicate_of_row)
            .values_list("pk", flat=True)
            .first()
        )
    return {"possible_duplicate_of_id": other, "duplicate_reasons": candidate.duplicate_reasons}


def submit_for_moderation(*, candidate: Candidate, source: str, user=None) -> Asset:
    """A new space as a draft in the moderation workflow (marked as a possible duplicate when the
    run found one); a change to a known one as a revision awaiting approval (the published page is
    untouched until a moderator approves it)."""
    if candidate.existing_id is None:
        asset = Asset(
            **candidate.fields,
            **_duplicate_fields(candidate, source),
            data_source=source,
            source_id=candidate.source_id,
            live=False,
        )
        asset.opening_hours = _hours(candidate)
        asset.save()
        asset.save_revision(user=user, log_action=True)
    else:
        asset = Asset.objects.get(pk=candidate.existing_id)
        working = asset.get_latest_revision_as_object() if asset.latest_revision_id else asset
        for name, value in candidate.fields.items():
            setattr(working, name, value)
        if candidate.opening_hours is not None:
            working.opening_hours = _hours(candidate)
        if not asset.live:
            working.save()  # a draft never published: its row is the draft
        working.save_revision(user=user, log_action=True, clean=False)
        asset.refresh_from_db()
    if not asset.workflow_in_progress:
        workflow = asset.get_workflow() or registry_services.moderation_workflow()
        workflow.start(asset, user)
    return asset


def _queue_geocoding(candidates: list[Candidate], source: str) -> None:
    if not candidates:
        return
    ids = Asset.objects.filter(
        data_source=source, source_id__in=[c.source_id for c in candidates], needs_geocoding=True
    ).values_list("pk", flat=True)
    for pk in list(ids):
        transaction.on_commit(lambda pk=pk: geocode_asset.enqueue(pk))
