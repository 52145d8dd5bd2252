"""What a resident sees of their own submission, through the private link in their e-mail."""

from __future__ import annotations

from dataclasses import dataclass

from assets_registry.models import Asset, AssetSuggestion, SubmitterContact


def submission_kind(obj) -> str:
    """What the resident sent, in their words: "space", "suggested edit" or "closure report"."""
    if isinstance(obj, Asset):
        return "space"
    return "closure report" if obj.kind == AssetSuggestion.KIND_CLOSURE else "suggested edit"


@dataclass(frozen=True)
class SubmissionStatus:
    reference: int
    name: str  # the space's name as the resident gave it (or the space their suggestion is about)
    kind: str
    state: str  # "waiting", "published" or "not_published"
    public_url: str
    reason: str


def submission_status(contact: SubmitterContact) -> SubmissionStatus | None:
    model = contact.content_type.model_class()
    obj = model._default_manager.filter(pk=contact.object_id).first() if model else None
    if obj is None:
        return None
    asset = getattr(obj, "asset", obj)
    workflow_state = obj.workflow_states.order_by("-created_at").first()
    reason = ""
    if workflow_state is not None and workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        state = "waiting"
    elif isinstance(obj, Asset) and obj.live or getattr(obj, "applied_at", None):
        state = "published"
    else:
        state = "not_published"
        last = workflow_state.task_states.order_by("-finished_at", "-pk").first() if workflow_state else None
        reason = last.get_comment() if last else ""
    return SubmissionStatus(
        reference=obj.pk,
        name=asset.name,
        kind=submission_kind(obj),
        state=state,
        public_url=asset.get_absolute_url() if asset.live else "",
        reason=reason,
    )
