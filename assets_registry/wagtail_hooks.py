"""Registry admin: spaces, suggestions and moderator areas as snippets, plus the moderation queue.

Everything a moderator sees is limited to their areas (``moderation.py``): the listings'
querysets, the per-instance permission policy (edit, history, workflow actions) and the queue.
"""

from __future__ import annotations

import django_filters

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Q
from django.urls import path

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from assets_registry.admin_duplicates import DuplicatesPanel, DuplicatesViewSet
from assets_registry.admin_object_scope import ObjectScopedViews
from assets_registry.admin_views import ModerationQueueView, area_choices
from assets_registry.models import Asset, AssetSuggestion, ModeratorScope, RejectionReason
from assets_registry.moderation import (
    AreaScopedPermissionPolicy,
    assets_user_may_see,
    scope_queryset,
    user_can_moderate_object,
)
from assets_registry.personal_data import ERASED_ACTION, contact_email
from assets_registry.taxonomy import CATEGORIES, STATUS_CHOICES

register_permission_policy(Asset, AreaScopedPermissionPolicy(Asset), exact_class=True)
register_permission_policy(AssetSuggestion, AreaScopedPermissionPolicy(AssetSuggestion), exact_class=True)


def filter_area(queryset, name, value):
    kind, _sep, code = (value or "").partition(":")
    if kind == "district":
        return queryset.filter(admin_district_code=code)
    if kind == "county":
        return queryset.filter(admin_county_code=code)
    return queryset


def filter_category(queryset, name, value):
    if value not in CATEGORIES:
        return queryset
    return queryset.alias(_cat=F("category_mask").bitand(CATEGORIES.mask([value]))).exclude(_cat=0)


class AssetFilterSet(WagtailFilterSet):
    area = django_filters.ChoiceFilter(label="Area", choices=area_choices, method=filter_area)
    category = django_filters.ChoiceFilter(
        label="Category", choices=CATEGORIES.choices, method=filter_category
    )
    status = django_filters.ChoiceFilter(label="Open or closed", choices=STATUS_CHOICES)
    awaiting = django_filters.BooleanFilter(label="Awaiting moderation", method="filter_awaiting")
    needs_geocoding = django_filters.BooleanFilter(label="Not located yet")

    class Meta:
        model = Asset
        fields = []

    def filter_awaiting(self, queryset, name, value):
        if value is None:
            return queryset
        awaiting = Q(workflow_states__status="in_progress")
        return queryset.filter(awaiting).distinct() if value else queryset.exclude(awaiting)


class SuggestionFilterSet(WagtailFilterSet):
    area = django_filters.ChoiceFilter(label="Area", choices=area_choices, method=filter_area)
    category = django_filters.ChoiceFilter(
        label="Category", choices=CATEGORIES.choices, method=filter_category
    )
    kind = django_filters.ChoiceFilter(label="Type", choices=AssetSuggestion.KIND_CHOICES)

    class Meta:
        model = AssetSuggestion
        fields = []


class SuggestionDiffPanel(Panel):
    """What the resident suggests, field by field, beside the live value."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "assets_registry/admin/suggestion_diff.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            suggestion = self.instance
            rows = []
            if suggestion.pk:
                live = Asset.objects.filter(pk=suggestion.asset_id).first()
                for name, proposed in (suggestion.proposed_changes or {}).items():
                    rows.append(
                        {
                            "label": _field_label(name),
                            "then": suggestion.original_values.get(name),
                            "now": getattr(live, name, None) if live else None,
                            "proposed": proposed,
                        }
                    )
            context.update(suggestion=suggestion, rows=rows)
            return context


class SuggestionAdminForm(WagtailAdminModelForm):
    """Accept a suggested edit field by field: tick what to leave out, save, then approve."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        proposed = list((self.instance.proposed_changes or {}) if self.instance else [])
        self.fields["declined_fields"] = forms.MultipleChoiceField(
            choices=[(name, _field_label(name)) for name in proposed],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label="Leave out",
            help_text="Tick the changes not to make, save, then approve: the others are applied.",
        )


def _field_label(name: str) -> str:
    try:
        label = str(Asset._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field removed since the suggestion was made
        label = name
    return label[:1].upper() + label[1:]


class AreaScopedSnippetViewSet(ObjectScopedViews, SnippetViewSet):
    """Every view about one object (edit, history, revisions, workflow, lock, delete, preview)
    refuses objects outside the moderator's areas; listings are filtered by ``get_queryset``."""

    def user_may_access(self, user, obj) -> bool:
        return user_can_moderate_object(user, obj)


class VisibleAssets:
    """A chooser's views list and return only the spaces the user may see (``assets_user_may_see``):
    no unpublished name reaches a Fellow, nor another area's draft a moderator."""

    def get_object_list(self):
        return assets_user_may_see(self.request.user)

    def get_object(self, pk):
        return assets_user_may_see(self.request.user).get(pk=pk)

    def get_objects(self, pks):
        return assets_user_may_see(self.request.user).filter(pk__in=pks)


class AssetChooseView(VisibleAssets, ChooseView):
    pass


class AssetChooseResultsView(VisibleAssets, ChooseResultsView):
    pass


class AssetChosenView(VisibleAssets, SnippetChosenView):
    pass


class AssetChosenMultipleView(VisibleAssets, SnippetChosenMultipleView):
    pass


class AssetChooserViewSet(SnippetChooserViewSet):
    choose_view_class = AssetChooseView
    choose_results_view_class = AssetChooseResultsView
    chosen_view_class = AssetChosenView
    chosen_multiple_view_class = AssetChosenMultipleView


class SubmitterPanel(Panel):
    """The resident's e-mail, read from ``SubmitterContact`` (never a field of the item, so never
    in its revisions); read-only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "assets_registry/admin/submitter_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["email"] = contact_email(self.instance) if self.instance.pk else ""
            context["retention_days"] = settings.PERSONAL_DATA_RETENTION_DAYS
            return context


@hooks.register("register_log_actions")
def personal_data_log_actions(actions):
    actions.register_action(ERASED_ACTION, "Contact details erased", "Submitter's contact details erased")


@hooks.register("register_bulk_action", order=100)  # after Wagtail's own, which it replaces here
class AreaScopedDeleteBulkAction(DeleteBulkAction):
    """Bulk delete of spaces and suggestions acts on (and names) only those in the user's areas;
    Wagtail's lists the others by name as "items you cannot delete"."""

    models = [Asset, AssetSuggestion]

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        in_scope = set(
            scope_queryset(
                self.model.objects.filter(pk__in=[o.pk for o in objects]), self.request.user
            ).values_list("pk", flat=True)
        )
        return [o for o in objects if o.pk in in_scope], {**extra, "items_with_no_access": []}


class AssetViewSet(AreaScopedSnippetViewSet):
    model = Asset
    chooser_viewset_class = AssetChooserViewSet
    icon = "site"
    menu_label = "Spaces"
    menu_name = "spaces"
    list_display = [
        "name",
        "admin_district_name",
        "postcode",
        "status",
        "possible_duplicate_of",
        "updated_at",
    ]
    list_export = ["name", "slug", "postcode", "admin_district_name", "status", "latitude", "longitude"]
    filterset_class = AssetFilterSet
    search_fields = ["name", "postcode", "locality"]
    # The database, not Wagtail's search index: the index holds no postcode or locality, and an
    # editor's search here means "contains", not ranked full text.
    search_backend_name = None
    ordering = ["name"]
    copy_view_enabled = False
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("description"),
                    FieldPanel("categories"),
                    FieldPanel("third_space_types"),
                    FieldRowPanel([FieldPanel("setting"), FieldPanel("kind")]),
                    FieldPanel("status"),
                    DuplicatesPanel(heading="Possible duplicates"),
                ],
                heading="About",
            ),
            ObjectList(
                [
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("postcode"), FieldPanel("locality")]),
                    FieldRowPanel([FieldPanel("region"), FieldPanel("country")]),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldRowPanel([FieldPanel("location_source"), FieldPanel("location_precision")]),
                    # Filled by the importer or geocoder; editable so a moderator who moves the
                    # pin can say so ("placed by hand").
                    FieldPanel("location_basis"),
                    FieldPanel("needs_geocoding"),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("admin_district_code"), FieldPanel("admin_district_name")]
                            ),
                            FieldRowPanel([FieldPanel("admin_county_code"), FieldPanel("admin_county_name")]),
                        ],
                        heading="Area (decides which moderators look after it)",
                    ),
                ],
                heading="Location",
            ),
            ObjectList(
                [
                    InlinePanel("opening_hours", heading="Opening hours", label="Opening period"),
                    FieldPanel("opening_hours_notes"),
                    FieldPanel("timezone"),
                    FieldPanel("audience"),
                    FieldRowPanel([FieldPanel("free"), FieldPanel("open_to_all")]),
                    FieldRowPanel([FieldPanel("mixed_ages"), FieldPanel("step_free")]),
                    FieldPanel("languages"),
                    FieldPanel("accessibility_notes"),
                ],
                heading="Hours and access",
            ),
            ObjectList(
                [
                    FieldPanel("website"),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("public_email")]),
                    SubmitterPanel(heading="Submitter's e-mail"),
                    FieldRowPanel([FieldPanel("data_source"), FieldPanel("source_id")]),
                    FieldPanel("last_verified"),
                ],
                heading="Contact and source",
            ),
        ]
    )

    def get_queryset(self, request):
        return scope_queryset(Asset.objects.all(), request.user)


class AssetSuggestionViewSet(AreaScopedSnippetViewSet):
    model = AssetSuggestion
    icon = "comment"
    menu_label = "Suggestions and closures"
    menu_name = "suggestions"
    list_display = ["__str__", "kind", "admin_district_code", "created_at", "applied_at"]
    filterset_class = SuggestionFilterSet
    ordering = ["-created_at"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            SuggestionDiffPanel(heading="Suggested change"),
            FieldPanel("declined_fields", heading="Leave out"),
            FieldPanel("note", read_only=True),
            SubmitterPanel(heading="Submitter's e-mail"),
        ],
        base_form_class=SuggestionAdminForm,
    )

    def get_queryset(self, request):
        return scope_queryset(AssetSuggestion.objects.select_related("asset"), request.user)


class ModeratorScopeViewSet(SnippetViewSet):
    model = ModeratorScope
    icon = "group"
    menu_label = "Moderator areas"
    menu_name = "moderator-areas"
    list_display = ["__str__", "user", "group", "admin_district_code", "admin_county_code"]
    panels = [
        FieldRowPanel([FieldPanel("user"), FieldPanel("group")]),
        FieldRowPanel([FieldPanel("admin_district_code"), FieldPanel("admin_county_code")]),
        FieldPanel("label"),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm("assets_registry.change_asset") or user.has_perm(
            "assets_registry.change_assetsuggestion"
        )


class ModerationQueueViewSet(ViewSet):
    name = "spaces-moderation"
    icon = "tasks"
    menu_label = "Moderation queue"
    menu_name = "moderation-queue"
    menu_item_class = ModeratorMenuItem

    def get_urlpatterns(self):
        return [path("", ModerationQueueView.as_view(), name="index")]


class RejectionReasonViewSet(SnippetViewSet):
    """The reasons a moderator chooses from when rejecting a submission; the resident is sent the
    explanation (AreaApprovalTask's "Reject")."""

    model = RejectionReason
    icon = "cross"
    menu_label = "Rejection reasons"
    menu_name = "rejection-reasons"
    list_display = ["label", "explanation", "active"]
    ordering = ["sort_order", "label"]
    search_fields = ["label", "explanation"]
    copy_view_enabled = False


class AssetAdminGroup(SnippetViewSetGroup):
    menu_label = "Spaces"
    menu_name = "registry"  # "spaces" is the list of spaces inside it
    menu_icon = "site"
    menu_order = 250
    items = (
        ModerationQueueViewSet,
        DuplicatesViewSet,
        AssetViewSet,
        AssetSuggestionViewSet,
        ModeratorScopeViewSet,
        RejectionReasonViewSet,
    )


register_snippet(AssetAdminGroup)
