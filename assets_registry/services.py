"""Writes for the registry: residents' submissions, suggestions and closure reports, moderation
set-up and imports (locating a space is in ``locating``; retries are queued as ``tasks``).
Views, forms and commands stay thin and call these.

Nothing here makes a resident's input public: submissions are drafts in the moderation
workflow, suggestions change the asset only when a moderator approves them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.models import Workflow, WorkflowContentType, WorkflowState, WorkflowTask

from assets_registry.locating import asset_locate
from assets_registry.models import AreaApprovalTask, Asset, AssetSuggestion, OpeningHours
from assets_registry.personal_data import contact_email, contact_record
from assets_registry.public_fields import CONTACT_FIELDS, DESCRIPTION_FIELDS
from assets_registry.resident_mail import RECEIVED
from assets_registry.selectors import duplicate_matches, pending_duplicate_matches
from assets_registry.tasks import geocode_asset, send_resident_mail
from geocoding.exceptions import InvalidLocation
from geocoding.lookups import tasks_run_in_background

MODERATION_WORKFLOW_NAME = "Community spaces moderation"
MODERATION_TASK_NAME = "Area moderators approve"
MODERATORS_GROUP_NAME = "Space moderators"

# What a resident may fill in when adding a space (everything else is for moderators).
SUBMITTABLE_FIELDS = (*DESCRIPTION_FIELDS, *CONTACT_FIELDS)
# What a suggested edit may change.
SUGGESTIBLE_FIELDS = (
    "name",
    "description",
    "categories",
    "address",
    "postcode",
    "locality",
    "website",
    "phone",
    "public_email",
    "opening_hours_notes",
    "accessibility_notes",
    "free",
    "step_free",
    "open_to_all",
    "mixed_ages",
)
CLOSURE_STATUSES = ("closed", "temporarily_closed")

OpeningPeriod = tuple[int, dt.time, dt.time]


# --- moderation set-up ---------------------------------------------------------------------


def moderation_workflow() -> Workflow:
    """The workflow every submission and suggestion enters; created on first use (idempotent).

    One AreaApprovalTask for the "Space moderators" group, assigned to assets and suggestions.
    """
    group = moderators_group()
    workflow, _created = Workflow.objects.get_or_create(
        name=MODERATION_WORKFLOW_NAME, defaults={"active": True}
    )
    if not workflow.workflow_tasks.exists():
        task = AreaApprovalTask.objects.filter(name=MODERATION_TASK_NAME).first()
        if task is None:
            task = AreaApprovalTask.objects.create(name=MODERATION_TASK_NAME)
            task.groups.set([group])
        # Workflow is a ClusterableModel: its child manager would not save on create().
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for model in (Asset, AssetSuggestion):
        content_type = ContentType.objects.get_for_model(model)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
    return workflow


def moderators_group() -> Group:
    """The group whose members moderate spaces (limited by their ModeratorScope areas)."""
    group, created = Group.objects.get_or_create(name=MODERATORS_GROUP_NAME)
    if created or not group.permissions.exists():
        codenames = []
        for model in ("asset", "assetsuggestion"):
            codenames += [f"view_{model}", f"change_{model}", f"publish_{model}", f"lock_{model}"]
        permissions = list(
            Permission.objects.filter(content_type__app_label="assets_registry", codename__in=codenames)
        )
        permissions += list(
            Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        group.permissions.add(*permissions)
    return group


def _start_moderation(obj, *, user=None) -> WorkflowState:
    workflow = obj.get_workflow() or moderation_workflow()
    return workflow.start(obj, user)


# --- geocoding (locating itself is in ``locating``) ------------------------------------------


def _hear_back(contact) -> None:
    """The resident who left an e-mail gets a receipt with their reference and status link."""
    if contact is not None:
        transaction.on_commit(lambda: send_resident_mail.enqueue(contact.pk, RECEIVED))


def _queue_geocoding(asset: Asset) -> None:
    # With the immediate task backend the "queued" retry would ask the online geocoder inside the
    # resident's request: leave the flagged space to `manage.py geocode_pending` instead.
    if tasks_run_in_background():
        transaction.on_commit(lambda: geocode_asset.enqueue(asset.pk))


# --- residents' submissions ----------------------------------------------------------------


class PossibleDuplicates(Exception):
    """A submission looks like spaces already on the map; nothing was saved."""

    def __init__(self, duplicates: list[tuple[Asset, float]]):
        super().__init__(f"{len(duplicates)} similar spaces nearby")
        self.duplicates = duplicates


def asset_submit(
    *,
    fields: Mapping[str, Any],
    latitude: float | None = None,
    longitude: float | None = None,
    opening_hours: Iterable[OpeningPeriod] = (),
    submitter_email: str = "",
    user=None,
    allow_duplicates: bool = True,
) -> Asset:
    """A resident adds a space: saved as a draft and put into the moderation workflow.

    ``latitude``/``longitude`` come from the pin the resident placed (then ``location_source``
    is "manual"); otherwise the postcode or address is geocoded, once: the duplicate check uses
    the same position. Raises InvalidLocation for a malformed postcode/ZIP, and, unless
    ``allow_duplicates``, PossibleDuplicates (``selectors.duplicate_matches``) without saving; with
    it, a look-alike is kept as ``possible_duplicate_of`` for the moderator to compare.
    If geocoding is unavailable the submission is kept, flagged ``needs_geocoding`` and a retry
    task is queued.
    """

    unknown = set(fields) - set(SUBMITTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not submittable: {', '.join(sorted(unknown))}")
    asset = Asset(**dict(fields))
    asset.live = False
    asset.status = "active"
    asset.data_source = "resident"
    asset.country = (asset.country or "GB").upper()
    if latitude is not None and longitude is not None:
        asset.latitude, asset.longitude = float(latitude), float(longitude)
        asset.location_source, asset.location_precision = "manual", "exact"
    asset_locate(asset)
    matches = duplicate_matches(asset)
    if matches and not allow_duplicates:
        raise PossibleDuplicates([(other, match.distance_m) for other, match in matches])
    if not matches:
        # Only the moderator learns of a look-alike awaiting moderation: the resident sees the same
        # thanks either way, so the form never reveals an unpublished submission.
        matches = pending_duplicate_matches(asset)
        repeat = next(
            (other for other, _m in matches if _same_submission(other, asset, submitter_email)), None
        )
        if repeat is not None:
            return repeat  # the same form sent twice (a double click, a retry): one draft, not two
    if matches:  # the resident says it is not listed yet: the moderator compares the two
        asset.possible_duplicate_of, best = matches[0]
        asset.duplicate_reasons = best.summary[:255]
    asset.opening_hours = [
        OpeningHours(weekday=day, opens=opens, closes=closes, sort_order=i)
        for i, (day, opens, closes) in enumerate(opening_hours)
    ]
    with transaction.atomic():
        asset.save()
        _hear_back(contact_record(asset, submitter_email))
        asset.save_revision(user=user, log_action=True)
        _start_moderation(asset, user=user)
        if asset.needs_geocoding:
            _queue_geocoding(asset)
    return asset


def _same_submission(draft: Asset, asset: Asset, email: str) -> bool:
    def words(value) -> str:
        return " ".join(str(value or "").casefold().split())

    fields = ("name", "description", "postcode", "address")
    same = all(words(getattr(draft, name)) == words(getattr(asset, name)) for name in fields)
    return same and words(contact_email(draft)) == words(email)


def _jsonable(value):
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def suggestion_submit(
    *,
    asset: Asset,
    kind: str = AssetSuggestion.KIND_EDIT,
    proposed_changes: Mapping[str, Any] | None = None,
    note: str = "",
    submitter_email: str = "",
    user=None,
) -> AssetSuggestion:
    """A resident suggests an edit or reports a closure: a moderation item of its own.

    Only the fields that differ from the live asset are kept. The asset is untouched until a
    moderator approves the suggestion (see ``suggestion_apply``).
    """
    if not asset.live:
        raise ValueError("Suggestions are only taken for published spaces.")
    proposed = dict(proposed_changes or {})
    if kind == AssetSuggestion.KIND_CLOSURE:
        status = proposed.get("status", "closed")
        if status not in CLOSURE_STATUSES:
            raise ValueError(f"A closure report sets status to one of {CLOSURE_STATUSES}")
        proposed = {"status": status}
    elif kind == AssetSuggestion.KIND_EDIT:
        unknown = set(proposed) - set(SUGGESTIBLE_FIELDS)
        if unknown:
            raise ValueError(f"Not suggestible: {', '.join(sorted(unknown))}")
        proposed = {
            k: _jsonable(v) for k, v in proposed.items() if _jsonable(getattr(asset, k)) != _jsonable(v)
        }
        if not proposed and not note.strip():
            raise ValueError("Nothing to change.")
    else:
        raise ValueError(f"Unknown suggestion kind {kind!r}")
    suggestion = AssetSuggestion(
        asset=asset,
        kind=kind,
        proposed_changes=proposed,
        original_values={k: _jsonable(getattr(asset, k)) for k in proposed},
        note=note.strip(),
        live=False,
    )
    with transaction.atomic():
        suggestion.save()
        _hear_back(contact_record(suggestion, submitter_email))
        suggestion.save_revision(user=user, log_action=True)
        _start_moderation(suggestion, user=user)
    return suggestion


def suggestion_apply(*, suggestion: AssetSuggestion, user=None) -> Asset:
    """Write an approved suggestion to its asset as a new, published revision (idempotent): the
    proposed changes the moderator did not leave out (``declined_fields``)."""
    if suggestion.applied_at:
        return suggestion.asset
    asset = Asset.objects.get(pk=suggestion.asset_id)
    declined = set(suggestion.declined_fields or ())
    accepted = {name: value for name, value in suggestion.proposed_changes.items() if name not in declined}
    for name, value in accepted.items():
        if name == "status" or name in SUGGESTIBLE_FIELDS:
            setattr(asset, name, value)
    if suggestion.kind == AssetSuggestion.KIND_CLOSURE and accepted or "postcode" in accepted:
        asset.last_verified = timezone.localdate()
    if "postcode" in accepted and asset.location_source != "manual":
        asset.latitude = asset.longitude = None
        try:
            asset_locate(asset)
        except InvalidLocation:
            asset.needs_geocoding = True
    with transaction.atomic():
        revision = asset.save_revision(user=user, log_action=True, clean=False)
        revision.publish(user=user)
        AssetSuggestion.objects.filter(pk=suggestion.pk).update(applied_at=timezone.now())
    suggestion.applied_at = timezone.now()
    return asset


# --- imports (demo data, importers) --------------------------------------------------------


def asset_upsert_published(
    *, data_source: str, source_id: str, fields: Mapping[str, Any]
) -> tuple[Asset, str]:
    """Create or update an imported asset by (data_source, source_id) and publish it.

    For trusted sources only (open data, partner feeds): it skips moderation. Returns
    (asset, "created" | "updated" | "unchanged"); unchanged rows are not written again, so
    re-running an import is cheap and idempotent.
    """
    asset = Asset.objects.filter(data_source=data_source, source_id=source_id).first()
    if asset is None:
        asset, outcome = Asset(data_source=data_source, source_id=source_id), "created"
    elif asset.live and all(getattr(asset, k) == v for k, v in fields.items()):
        return asset, "unchanged"
    else:
        outcome = "updated"
    for name, value in fields.items():
        setattr(asset, name, value)
    if asset.latitude is not None and not asset.location_source:
        asset.location_source, asset.location_precision = "import", asset.location_precision or "address"
    with transaction.atomic():
        asset.save()
        revision = asset.save_revision(log_action=False, clean=False)
        revision.publish(log_action=False)
    return asset, outcome
