"""Possible duplicates in the Wagtail admin: the list of spaces marked as one, a compare page with
both records side by side, and its two actions, merge (keep which value, field by field) or "not
a duplicate". Writes are ``merging``'s; who may act is the moderation rule (``moderation``): a
user who may publish both spaces in their areas.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import Panel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from assets_registry.merging import (
    MERGE_CHOICES,
    NotADuplicate,
    current_values,
    duplicate_dismiss,
    duplicate_merge,
)
from assets_registry.models import Asset
from assets_registry.moderation import AreaScopedPermissionPolicy, scope_queryset
from assets_registry.selectors import duplicate_matches
from assets_registry.taxonomy import CATEGORIES, THIRD_SPACE_TYPES

VIEWSET_NAME = "space-duplicates"
_policy = AreaScopedPermissionPolicy(Asset)


def compare_url(asset: Asset) -> str:
    return reverse(f"{VIEWSET_NAME}:compare", args=[asset.pk])


def user_can_merge(user, duplicate: Asset) -> bool:
    """May publish both spaces (model permission and area)."""
    original = duplicate.possible_duplicate_of
    return all(
        obj is not None and _policy.user_has_permission_for_instance(user, "publish", obj)
        for obj in (duplicate, original)
    )


def _shown(name: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—" if name not in ("free", "open_to_all", "mixed_ages", "step_free") else "Not known"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name == "categories":
        return ", ".join(CATEGORIES.label_for(v) for v in value)
    if name == "third_space_types":
        return ", ".join(THIRD_SPACE_TYPES.label_for(v) for v in value)
    if isinstance(value, float):
        return f"{value:.6f}"
    return str(value)


def _label(choice: str) -> str:
    if choice == "position":
        return "Position (and its source, precision and area)"
    label = str(Asset._meta.get_field(choice).verbose_name)
    return label[:1].upper() + label[1:]


def comparison(duplicate: Asset) -> list[dict]:
    """Every public field of both records, one row per merge choice, differences marked."""
    original, theirs = duplicate.possible_duplicate_of, current_values(duplicate)
    rows = []
    for choice, names in MERGE_CHOICES.items():
        if choice == "position":
            ours_text = _position(original)
            theirs_text = _position(theirs)
        else:
            ours_text = _shown(choice, getattr(original, choice))
            theirs_text = _shown(choice, getattr(theirs, choice))
        differs = any(getattr(original, n) != getattr(theirs, n) for n in names)
        rows.append(
            {
                "choice": choice,
                "label": _label(choice),
                "ours": ours_text,
                "theirs": theirs_text,
                "differs": differs,
            }
        )
    return rows


def _position(asset: Asset) -> str:
    if asset.latitude is None or asset.longitude is None:
        return "Not located"
    basis = f", from {asset.location_basis}" if asset.location_basis else ""
    precision = asset.get_location_precision_display() if asset.location_precision else "unknown precision"
    return f"{asset.latitude:.6f}, {asset.longitude:.6f} ({precision}{basis})"


class MergeForm(forms.Form):
    """One radio group per differing field: keep the published value, or take the duplicate's."""

    def __init__(self, *args, rows: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            if row["differs"]:
                self.fields[row["choice"]] = forms.ChoiceField(
                    label=row["label"],
                    choices=[("keep", f"Keep “{row['ours']}”"), ("take", f"Take “{row['theirs']}”")],
                    initial="keep",
                    required=False,  # no choice sent: keep the published value
                    widget=forms.RadioSelect,
                )

    def taken(self) -> list[str]:
        return [name for name, value in self.cleaned_data.items() if value == "take"]


def _duplicate_or_404(request, pk: int) -> Asset:
    asset = get_object_or_404(Asset.objects.select_related("possible_duplicate_of"), pk=pk)
    if asset.possible_duplicate_of is not None and not user_can_merge(request.user, asset):
        raise PermissionDenied
    if asset.possible_duplicate_of is None and not _policy.user_has_permission_for_instance(
        request.user, "change", asset
    ):
        raise PermissionDenied
    return asset


class DuplicatesIndexView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Possible duplicates"
    header_icon = "duplicate"
    template_name = "assets_registry/admin/duplicates_index.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("assets_registry.publish_asset"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        marked = Asset.objects.filter(possible_duplicate_of__isnull=False, merged_into__isnull=True)
        spaces = scope_queryset(marked.select_related("possible_duplicate_of"), self.request.user)
        context["rows"] = [(space, compare_url(space)) for space in spaces.order_by("created_at")]
        return context


class DuplicateCompareView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Compare possible duplicate"
    header_icon = "duplicate"
    template_name = "assets_registry/admin/duplicate_compare.html"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{VIEWSET_NAME}:index"), "label": "Possible duplicates"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        duplicate = _duplicate_or_404(self.request, kwargs["pk"])
        context["duplicate"] = duplicate
        context["edit_url"] = reverse(duplicate.snippet_viewset.get_url_name("edit"), args=[duplicate.pk])
        if duplicate.possible_duplicate_of is None or duplicate.merged_into_id:
            context["rows"] = None
            return context
        rows = comparison(duplicate)
        form = kwargs.get("form") or MergeForm(rows=rows)
        context.update(
            original=duplicate.possible_duplicate_of,
            rows=[{**row, "field": form[row["choice"]] if row["differs"] else None} for row in rows],
            form=form,
            merge_url=reverse(f"{VIEWSET_NAME}:merge", args=[duplicate.pk]),
            dismiss_url=reverse(f"{VIEWSET_NAME}:dismiss", args=[duplicate.pk]),
        )
        return context


@require_POST
def merge_view(request, pk: int):
    duplicate = _duplicate_or_404(request, pk)
    if duplicate.possible_duplicate_of is None:
        messages.error(request, f"“{duplicate}” is not marked as a possible duplicate: nothing to merge.")
        return redirect(f"{VIEWSET_NAME}:index")
    form = MergeForm(request.POST, rows=comparison(duplicate))
    if not form.is_valid():  # a tampered form: show the page again with the errors
        view = DuplicateCompareView()
        view.setup(request, pk=pk)
        return view.render_to_response(view.get_context_data(pk=pk, form=form), status=400)
    try:
        original = duplicate_merge(duplicate=duplicate, take=form.taken(), user=request.user)
    except NotADuplicate as error:
        messages.error(request, str(error))
        return redirect(f"{VIEWSET_NAME}:index")
    messages.success(
        request,
        format_html("“{}” was merged into “{}” and published.", duplicate.name, original.name),
    )
    return redirect(f"{VIEWSET_NAME}:index")


@require_POST
def dismiss_view(request, pk: int):
    duplicate = _duplicate_or_404(request, pk)
    try:
        duplicate_dismiss(duplicate=duplicate, user=request.user)
    except NotADuplicate as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"“{duplicate}” is not a duplicate: it waits for approval as a space of its own."
        )
    return redirect(f"{VIEWSET_NAME}:index")


class MergerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("assets_registry.publish_asset")


class DuplicatesViewSet(ViewSet):
    name = VIEWSET_NAME
    icon = "duplicate"
    menu_label = "Possible duplicates"
    menu_name = "possible-duplicates"
    menu_item_class = MergerMenuItem

    def get_urlpatterns(self):
        return [
            path("", DuplicatesIndexView.as_view(), name="index"),
            path("<int:pk>/", DuplicateCompareView.as_view(), name="compare"),
            path("<int:pk>/merge/", merge_view, name="merge"),
            path("<int:pk>/not-a-duplicate/", dismiss_view, name="dismiss"),
        ]


class DuplicatesPanel(Panel):
    """On a space's edit view: what it is marked as a possible duplicate of (with the compare
    page), and the published spaces the matcher finds like it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "assets_registry/admin/duplicates_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            asset = self.instance
            marked = asset.possible_duplicate_of if asset.pk and not asset.merged_into_id else None
            context.update(
                marked=marked,
                reasons=asset.duplicate_reasons,
                compare_url=compare_url(asset) if marked else "",
                merged_into=asset.merged_into if asset.pk else None,
                duplicates=[
                    (other, match)
                    for other, match in (duplicate_matches(asset) if asset.pk else [])
                    if marked is None or other.pk != marked.pk
                ],
            )
            return context
