"""Writes for the registry: residents' submissions, suggestions and closure reports, geocoding,
moderation set-up and imports. Views, forms, commands and tasks stay thin and call these.

Nothing here makes a resident's input public: submissions are drafts in the moderation
workflow, suggestions change the asset only when a moderator approves them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.models import Workflow, WorkflowContentType, WorkflowState, WorkflowTask

from assets_registry.models import AreaApprovalTask, Asset, AssetSuggestion, OpeningHours
from assets_registry.public_fields import CONTACT_FIELDS, DESCRIPTION_FIELDS
from assets_registry.selectors import possible_duplicates
from geocoding.exceptions import GeocodingUnavailable, InvalidLocation

logger = logging.getLogger(__name__)

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
)
CLOSURE_STATUSES = ("closed", "temporarily_closed")

# geocoding.services.PRECISIONS -> Asset.location_precision
PRECISION_MAP = {
    "point": "exact",
    "address": "address",
    "postcode": "postcode",
    "zip": "postcode",
    "postcode_district": "district",
    "place": "locality",
}

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


# --- geocoding -----------------------------------------------------------------------------


def _apply_area(asset: Asset, result) -> None:
    asset.admin_district_code = result.admin_district_code or asset.admin_district_code
    asset.admin_district_name = result.admin_district_name or asset.admin_district_name
    asset.admin_county_code = result.admin_county_code or asset.admin_county_code
    asset.admin_county_name = result.admin_county_name or asset.admin_county_name
    if result.country and not asset.country:
        asset.country = result.country
    if getattr(result, "region", "") and not asset.region:
        asset.region = result.region


def asset_locate(asset: Asset) -> bool:
    """Fill position and area from the postcode/address (or just the area, when a pin was placed).

    Does not save. Returns True when located. Raises InvalidLocation for a malformed postcode
    or ZIP (nothing is changed then). When the geocoder is unavailable, or finds nothing, the
    asset is flagged ``needs_geocoding`` so a retry (task or ``manage.py geocode_pending``)
    can finish the job; what the resident typed is kept either way.
    """
    from geocoding.services import geocode, reverse_geocode

    try:
        if asset.has_location:
            result = reverse_geocode(asset.latitude, asset.longitude)
            if result is not None:
                _apply_area(asset, result)
                asset.needs_geocoding = False
                return True
        query = asset.postcode.strip() or ", ".join(p for p in (asset.address, asset.locality) if p)
        if not query:
            asset.needs_geocoding = not asset.has_location
            return asset.has_location
        result = geocode(query, country=asset.country or None)
    except GeocodingUnavailable:
        logger.warning("Geocoder unavailable for asset %s; queued for retry", asset.pk or asset.name)
        asset.needs_geocoding = True
        return asset.has_location
    if result is None:
        asset.needs_geocoding = True
        return asset.has_location
    if not asset.has_location:
        asset.latitude, asset.longitude = result.latitude, result.longitude
        asset.location_source = result.source
        asset.location_precision = PRECISION_MAP.get(result.precision, "")
    if result.postcode and not asset.postcode:
        asset.postcode = result.postcode
    _apply_area(asset, result)
    asset.needs_geocoding = False
    return True


def asset_geocode_retry(*, asset: Asset) -> bool:
    """Retry geocoding a flagged asset; writes the result to the row and, for drafts in
    moderation, to a new revision (approval publishes the latest revision)."""
    asset = Asset.objects.get(pk=asset.pk)
    if not asset.needs_geocoding:
        return True
    working = asset.get_latest_revision_as_object() if asset.latest_revision_id else asset
    try:
        located = asset_locate(working)
    except InvalidLocation:
        logger.warning(
            "Asset %s has an invalid postcode %r; left for a moderator", asset.pk, working.postcode
        )
        return False
    if working.needs_geocoding:
        return False
    location_fields = [
        "latitude",
        "longitude",
        "location_source",
        "location_precision",
        "needs_geocoding",
        "admin_district_code",
        "admin_district_name",
        "admin_county_code",
        "admin_county_name",
        "postcode",
        "country",
        "region",
    ]
    with transaction.atomic():
        for name in location_fields:
            setattr(asset, name, getattr(working, name))
        asset.save(update_fields=location_fields)
        if asset.latest_revision_id:
            working.pk = asset.pk
            working.save_revision(log_action=False, clean=False)
    return located


def geocode_pending(*, limit: int | None = None) -> tuple[int, int]:
    """Retry every flagged asset. Returns (located, still pending)."""
    located = pending = 0
    queryset = Asset.objects.filter(needs_geocoding=True).order_by("pk")
    for asset in queryset[:limit] if limit else queryset:
        if asset_geocode_retry(asset=asset):
            located += 1
        else:
            pending += 1
    return located, pending


def _queue_geocoding(asset: Asset) -> None:
    from assets_registry.tasks import geocode_asset

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
    ``allow_duplicates``, PossibleDuplicates (``selectors.possible_duplicates``) without saving.
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
    asset.submitter_email = submitter_email.strip()
    asset.country = (asset.country or "GB").upper()
    if latitude is not None and longitude is not None:
        asset.latitude, asset.longitude = float(latitude), float(longitude)
        asset.location_source, asset.location_precision = "manual", "exact"
    asset_locate(asset)
    if not allow_duplicates and (duplicates := possible_duplicates(asset)):
        raise PossibleDuplicates(duplicates)
    asset.opening_hours = [
        OpeningHours(weekday=day, opens=opens, closes=closes, sort_order=i)
        for i, (day, opens, closes) in enumerate(opening_hours)
    ]
    with transaction.atomic():
        asset.save()
        asset.save_revision(user=user, log_action=True)
        _start_moderation(asset, user=user)
        if asset.needs_geocoding:
            _queue_geocoding(asset)
    return asset


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
        submitter_email=submitter_email.strip(),
        live=False,
    )
    with transaction.atomic():
        suggestion.save()
        suggestion.save_revision(user=user, log_action=True)
        _start_moderation(suggestion, user=user)
    return suggestion


def suggestion_apply(*, suggestion: AssetSuggestion, user=None) -> Asset:
    """Write an approved suggestion to its asset as a new, published revision (idempotent)."""
    if suggestion.applied_at:
        return suggestion.asset
    asset = Asset.objects.get(pk=suggestion.asset_id)
    for name, value in suggestion.proposed_changes.items():
        if name == "status" or name in SUGGESTIBLE_FIELDS:
            setattr(asset, name, value)
    if suggestion.kind == AssetSuggestion.KIND_CLOSURE or "postcode" in suggestion.proposed_changes:
        asset.last_verified = timezone.localdate()
    if "postcode" in suggestion.proposed_changes and asset.location_source != "manual":
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
