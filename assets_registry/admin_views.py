"""The moderation queue: every space, suggestion and closure report awaiting a decision in the
moderator's areas, filterable by area, category and type, each linking to Wagtail's editor
where the workflow's Approve / Request changes (with a comment as the reason) actions live."""

from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import WorkflowState

from assets_registry.admin_duplicates import compare_url
from assets_registry.models import Asset, AssetSuggestion
from assets_registry.moderation import scope_queryset
from assets_registry.taxonomy import CATEGORIES

AREA_CHOICES_CACHE_KEY = "assets_registry:area_choices"
TYPE_CHOICES = [("new", "New space"), ("edit", "Suggested edit"), ("closure", "Closure report")]


def area_choices() -> list[tuple[str, str]]:
    """Local authorities and counties that have spaces, as filter choices ("district:CODE")."""
    choices = cache.get(AREA_CHOICES_CACHE_KEY)
    if choices is None:
        districts = Asset.objects.exclude(admin_district_code="").values_list(
            "admin_district_code", "admin_district_name"
        )
        counties = Asset.objects.exclude(admin_county_code="").values_list(
            "admin_county_code", "admin_county_name"
        )
        choices = sorted(
            {(f"district:{code}", f"{name or code} (local authority)") for code, name in districts.distinct()}
            | {(f"county:{code}", f"{name or code} (county)") for code, name in counties.distinct()},
            key=lambda choice: choice[1],
        )
        cache.set(AREA_CHOICES_CACHE_KEY, choices, 300)
    return choices


class QueueFilterForm(forms.Form):
    area = forms.ChoiceField(required=False, label="Area")
    category = forms.ChoiceField(required=False, label="Category", choices=[("", "All"), *CATEGORIES.choices])
    type = forms.ChoiceField(required=False, label="Type", choices=[("", "All"), *TYPE_CHOICES])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "All my areas"), *area_choices()]


def _in_area(obj, area: str) -> bool:
    kind, _sep, code = area.partition(":")
    return (kind == "district" and obj.admin_district_code == code) or (
        kind == "county" and obj.admin_county_code == code
    )


class ModerationQueueView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Moderation queue"
    header_icon = "tasks"
    template_name = "assets_registry/admin/moderation_queue.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (
            user.has_perm("assets_registry.change_asset")
            or user.has_perm("assets_registry.change_assetsuggestion")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def rows(self, filters: dict) -> list[dict]:
        user = self.request.user
        asset_type = ContentType.objects.get_for_model(Asset)
        suggestion_type = ContentType.objects.get_for_model(AssetSuggestion)
        states = list(
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_IN_PROGRESS, base_content_type__in=[asset_type, suggestion_type]
            ).select_related("current_task_state__task", "requested_by")
        )
        ids = {asset_type.pk: set(), suggestion_type.pk: set()}
        for state in states:
            if state.object_id.isdigit():
                ids[state.base_content_type_id].add(int(state.object_id))
        assets = scope_queryset(
            Asset.objects.filter(pk__in=ids[asset_type.pk]).select_related("possible_duplicate_of"), user
        ).in_bulk()
        suggestions = scope_queryset(
            AssetSuggestion.objects.filter(pk__in=ids[suggestion_type.pk]).select_related("asset"), user
        ).in_bulk()
        rows = []
        for state in states:
            pk = int(state.object_id) if state.object_id.isdigit() else None
            if state.base_content_type_id == asset_type.pk and pk in assets:
                obj, kind, asset = assets[pk], "new" if not assets[pk].live else "edit", assets[pk]
            elif state.base_content_type_id == suggestion_type.pk and pk in suggestions:
                obj = suggestions[pk]
                kind, asset = obj.kind, obj.asset
            else:
                continue
            if filters.get("type") and filters["type"] != kind:
                continue
            if filters.get("area") and not _in_area(obj, filters["area"]):
                continue
            if filters.get("category") and filters["category"] not in (asset.categories or []):
                continue
            rows.append(
                {
                    "object": obj,
                    "asset": asset,
                    "type": dict(TYPE_CHOICES)[kind],
                    "title": asset.name,
                    "edit_url": reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk]),
                    "area": asset.admin_district_name or asset.admin_county_name or "Not located yet",
                    "categories": asset.category_labels,
                    "submitted_at": state.created_at,
                    "task": state.current_task_state.task.name if state.current_task_state else "",
                    "needs_geocoding": asset.needs_geocoding,
                    # A possible duplicate is decided on the compare page (merge, or not a duplicate).
                    "duplicate_of": obj.possible_duplicate_of if kind == "new" else None,
                    "compare_url": compare_url(obj) if kind == "new" and obj.possible_duplicate_of_id else "",
                }
            )
        rows.sort(key=lambda row: row["submitted_at"])
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = QueueFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        context.update(form=form, rows=self.rows(filters))
        return context
