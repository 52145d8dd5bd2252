"""Coalition admin: coalitions (with their organisations and people), measures, observations and
initiatives as snippets, every listing, chooser, form choice and per-object view limited to the
user's coalitions (``coalitions.permissions``; docs/impact.md, "Roles and permissions").

Members save drafts and "Submit to a steward"; the "Coalition approval" workflow's
``StewardApprovalTask`` lets only a steward of that coalition approve (publish). Groups and the
workflow come from ``coalitions.roles``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import SubmitForModerationMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from assets_registry.admin_object_scope import ObjectScopedViews
from assets_registry.models import Asset
from coalitions.models import (
    Coalition,
    Initiative,
    Measure,
    MeasureKind,
    Observation,
    PersonRole,
    coalition_of,
)
from coalitions.permissions import scope_queryset, user_may_edit, user_stewards
from toolkits.models import ToolkitPage

MODERATED = (Measure, Observation)
# Actions that change what the public sees, or remove it: a steward's, in their own coalitions.
STEWARD_ACTIONS = frozenset({"publish", "unpublish", "delete", "lock", "unlock"})
SUPERUSER_ONLY_PERMISSION = "coalitions.add_coalition"  # stewards are never given it


def user_may_steward(user, obj) -> bool:
    return user.is_superuser or user_stewards(user, coalition_of(obj))


class CoalitionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (the roles' groups), then the coalition rule for every object."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in STEWARD_ACTIONS:
            return user_may_steward(user, instance)
        return user_may_edit(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope_queryset(super().instances_user_has_any_permission_for(user, actions), user)


for _model in (Coalition, Measure, Observation, Initiative):
    register_permission_policy(_model, CoalitionPermissionPolicy(_model), exact_class=True)


# --- forms: every choice limited to the user's coalitions ------------------------------------


class CoalitionScopedForm(WagtailAdminModelForm):
    """Offers only the user's coalitions; a coalition that is not theirs is refused by name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.coalitions = scope_queryset(Coalition.objects.all(), self.for_user)
        if "coalition" in self.fields:
            field = self.fields["coalition"]
            field.queryset = self.coalitions
            field.error_messages["invalid_choice"] = (
                "Choose one of your coalitions: you can only add to those you are a member of."
            )


class MeasureForm(CoalitionScopedForm):
    pass


class RecordedMeasureChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": (
            "Choose one of your coalitions' recorded measures. Atlas and registry measures take "
            "their values from the atlas and the registry, so nothing is recorded against them."
        )
    }


class ObservationForm(WagtailAdminModelForm):
    # A plain list rather than a chooser: short, works by keyboard, and the scope is plain to see.
    measure = RecordedMeasureChoiceField(queryset=Measure.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = scope_queryset(
            Measure.objects.filter(kind=MeasureKind.RECORDED).select_related("coalition"), self.for_user
        )

    def save(self, commit=True):
        # Before the first revision is made, so approval (which publishes that revision) keeps it.
        if self.instance.pk is None and self.for_user is not None and self.for_user.is_authenticated:
            self.instance.recorded_by = self.for_user
        return super().save(commit=commit)


class InitiativeForm(CoalitionScopedForm):
    measures = forms.ModelMultipleChoiceField(
        queryset=Measure.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    spaces = forms.ModelMultipleChoiceField(
        queryset=Asset.objects.none(),
        required=False,
        help_text="Public spaces in your coalitions' places. Hold Ctrl (⌘ on a Mac) to choose several.",
    )
    toolkits = forms.ModelMultipleChoiceField(
        queryset=ToolkitPage.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = Measure.objects.filter(coalition__in=self.coalitions)
        self.fields["lead_organisation"].queryset = self.fields["lead_organisation"].queryset.filter(
            coalition__in=self.coalitions
        )
        area_ids = {pk for coalition in self.coalitions for pk in coalition.area_ids()}
        self.fields["spaces"].queryset = (
            Asset.objects.filter(live=True, atlas_links__area__in=area_ids).distinct().order_by("name")
        )
        self.fields["toolkits"].queryset = ToolkitPage.objects.live().order_by("title")

    def clean(self):
        cleaned = super().clean()
        coalition = cleaned.get("coalition")
        chosen = cleaned.get("measures") or ()
        others = ", ".join(m.name for m in chosen if coalition and m.coalition_id != coalition.pk)
        if others:
            self.add_error("measures", f"Choose measures of {coalition}: {others} belong elsewhere.")
        return cleaned


class CoalitionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = self.formsets.get("people")
        if people is not None:
            user_field = people.empty_form.fields["user"]
            for form in (*people.forms, people.empty_form):
                form.fields["user"].queryset = user_field.queryset.filter(is_active=True).order_by("username")

    def clean(self):
        cleaned = super().clean()
        people = self.formsets.get("people")
        if people is not None and people.is_valid():
            stewards = [
                form
                for form in people.forms
                if form.cleaned_data
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("role") == PersonRole.STEWARD
            ]
            if not stewards:
                raise ValidationError(
                    "A coalition needs at least one steward to approve what members record: "
                    "keep one person with the steward role."
                )
        return cleaned


# --- per-object views and choosers ------------------------------------------------------------


class CoalitionScopedSnippetViewSet(ObjectScopedViews, SnippetViewSet):
    """Listings show the user's coalitions' objects (``get_queryset``); every view about one
    object (edit, history, revisions, workflow, lock, usage, delete, preview) refuses others."""

    copy_view_enabled = False
    search_backend_name = None  # the database's "contains": short lists, no search index needed

    def get_queryset(self, request):
        return scope_queryset(self.model.objects.all(), request.user)

    def user_may_access(self, user, obj) -> bool:
        return user_may_edit(user, obj)


class InUsersCoalitions:
    """A chooser's views list and return only the user's coalitions' objects."""

    def get_object_list(self):
        return scope_queryset(self.model_class.objects.all(), self.request.user)

    def get_object(self, pk):
        return self.get_object_list().get(pk=pk)

    def get_objects(self, pks):
        return self.get_object_list().filter(pk__in=pks)


class ScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ScopedChooseView", (InUsersCoalitions, ChooseView), {})
    choose_results_view_class = type("ScopedChooseResultsView", (InUsersCoalitions, ChooseResultsView), {})
    chosen_view_class = type("ScopedChosenView", (InUsersCoalitions, SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "ScopedChosenMultipleView", (InUsersCoalitions, SnippetChosenMultipleView), {}
    )


class CoalitionViewSet(CoalitionScopedSnippetViewSet):
    model = Coalition
    icon = "group"
    menu_label = "Coalitions"
    menu_name = "coalitions"
    list_display = ["name", "place_name", "updated_at"]
    search_fields = ["name"]
    chooser_viewset_class = ScopedChooserViewSet
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            # Where the coalition is and its address are the site's to set, not a steward's.
            MultiFieldPanel(
                [
                    FieldPanel("slug", permission=SUPERUSER_ONLY_PERMISSION),
                    FieldRowPanel(
                        [
                            FieldPanel("area", permission=SUPERUSER_ONLY_PERMISSION),
                            FieldPanel("pilot_place", permission=SUPERUSER_ONLY_PERMISSION),
                        ]
                    ),
                    FieldPanel("illustrative", permission=SUPERUSER_ONLY_PERMISSION),
                ],
                heading="Place and address",
                permission=SUPERUSER_ONLY_PERMISSION,
            ),
            FieldPanel("vision"),
            FieldPanel("founded"),
            InlinePanel(
                "organisations",
                heading="Member organisations",
                label="Organisation",
                panels=[
                    FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
                    FieldPanel("role"),
                    FieldPanel("website"),
                    FieldPanel("space"),
                ],
            ),
            InlinePanel(
                "people",
                heading="People",
                label="Person",
                panels=[FieldRowPanel([FieldPanel("user"), FieldPanel("role")]), FieldPanel("organisation")],
            ),
        ],
        base_form_class=CoalitionForm,
    )


class MeasureViewSet(CoalitionScopedSnippetViewSet):
    model = Measure
    icon = "table"
    menu_label = "Measures"
    menu_name = "measures"
    list_display = ["name", "coalition", "kind"]
    list_filter = ["coalition", "kind"]
    search_fields = ["name", "definition"]
    chooser_viewset_class = ScopedChooserViewSet
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("coalition"), FieldPanel("kind")]),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("indicator"), FieldPanel("registry_metric")]),
            FieldPanel("definition"),
            FieldRowPanel([FieldPanel("unit"), FieldPanel("direction")]),
            FieldRowPanel([FieldPanel("valid_min"), FieldPanel("valid_max")], heading="Valid range"),
            FieldRowPanel([FieldPanel("baseline_value"), FieldPanel("baseline_date")], heading="Baseline"),
            FieldRowPanel([FieldPanel("target_value"), FieldPanel("target_date")], heading="Target"),
            FieldRowPanel([FieldPanel("headline"), FieldPanel("sort_order")]),
        ],
        base_form_class=MeasureForm,
    )


class ObservationViewSet(CoalitionScopedSnippetViewSet):
    model = Observation
    icon = "date"
    menu_label = "Observations"
    menu_name = "observations"
    list_display = ["measure", "value", "date", "recorded_by"]
    list_filter = ["measure__coalition"]
    search_fields = ["measure__name", "note"]
    ordering = ["-date"]
    chooser_viewset_class = ScopedChooserViewSet
    edit_handler = ObjectList(
        [
            FieldPanel("measure"),
            FieldRowPanel([FieldPanel("value"), FieldPanel("date")]),
            FieldPanel("note"),
            FieldRowPanel([FieldPanel("evidence_url"), FieldPanel("evidence_document")]),
        ],
        base_form_class=ObservationForm,
    )


class InitiativeViewSet(CoalitionScopedSnippetViewSet):
    model = Initiative
    icon = "rocket"
    menu_label = "Initiatives"
    menu_name = "initiatives"
    list_display = ["name", "coalition", "status", "progress"]
    list_filter = ["coalition", "status"]
    search_fields = ["name", "summary"]
    edit_handler = ObjectList(
        [
            FieldPanel("coalition"),
            FieldPanel("name"),
            FieldPanel("summary"),
            FieldPanel("lead_organisation"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
            FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
            FieldPanel("measures"),
            FieldPanel("spaces"),
            FieldPanel("toolkits"),
            FieldPanel("case_study"),
        ],
        base_form_class=InitiativeForm,
    )


class CoalitionAdminGroup(SnippetViewSetGroup):
    menu_label = "Coalitions"
    menu_name = "coalition-admin"
    menu_icon = "group"
    menu_order = 260
    items = (CoalitionViewSet, MeasureViewSet, ObservationViewSet, InitiativeViewSet)


register_snippet(CoalitionAdminGroup)


# --- approval: "Submit to a steward", and publishing only by a steward of that coalition ----


class SubmitToStewardMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        if str(context.get("label", "")).startswith("Submit to"):
            context["label"] = "Submit to a steward"
        return context


@hooks.register("construct_snippet_action_menu")
def submit_to_a_steward(menu_items, request, context):
    if context.get("model") not in MODERATED:
        return
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitToStewardMenuItem(order=item.order)


def _refuse_unless_steward(request, obj, verb: str):
    """Wagtail's publish permission is per model: a steward of one coalition who is a member of
    another must still not publish there."""
    if not isinstance(obj, MODERATED) or user_may_steward(request.user, obj):
        return None
    messages.error(
        request,
        f"Only a steward of {coalition_of(obj)} can {verb} this. Your changes are saved as a draft: "
        "choose “Submit to a steward” to ask for approval.",
    )
    return redirect(obj.snippet_viewset.get_url_name("edit"), obj.pk)


@hooks.register("before_publish")
def publish_only_by_a_steward(request, obj):
    return _refuse_unless_steward(request, obj, "publish")


@hooks.register("before_unpublish")
def unpublish_only_by_a_steward(request, obj):
    return _refuse_unless_steward(request, obj, "unpublish")
