"""Survey admin for stewards: their coalitions' surveys and the researchers on them (snippets).

A steward sees, sets up and edits only the surveys of coalitions they steward
(``surveys_permissions.stewarded_coalitions``), and adds researchers to those surveys only: an
existing account by username or e-mail address, or a new one invited by e-mail with a link to
set a password (``surveys_services.researcher_add``). Raw interviews are not here: they live in
the researchers' interview pages, where every view is logged.
"""

from __future__ import annotations

import functools

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import URLPattern
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from atlas.models import Area
from connections import surveys_services
from connections.models import BandKind, Survey, SurveyResearcher
from connections.survey_bands import SPECIAL_CATEGORY_NOTE, is_special
from connections.surveys_permissions import stewarded_coalitions, stewarded_surveys


def _stewards(user, survey: Survey | None) -> bool:
    return survey is not None and stewarded_coalitions(user).filter(pk=survey.coalition_id).exists()


class StewardPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (the stewards' group), then: only surveys of coalitions the user stewards."""

    def _survey(self, instance) -> Survey | None:
        return instance if isinstance(instance, Survey) else getattr(instance, "survey", None)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and _stewards(user, self._survey(instance))

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        surveys = stewarded_surveys(user)
        return (
            queryset.filter(pk__in=surveys) if self.model is Survey else queryset.filter(survey__in=surveys)
        )


for _model in (Survey, SurveyResearcher):
    register_permission_policy(_model, StewardPermissionPolicy(_model), exact_class=True)


def _band_choices():
    return [
        (kind.value, f"{kind.label} — {SPECIAL_CATEGORY_NOTE}" if is_special(kind) else kind.label)
        for kind in BandKind
    ]


class SurveyForm(WagtailAdminModelForm):
    bands = forms.MultipleChoiceField(
        label="Background bands to ask",
        choices=_band_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Age band is always asked. Ask only what the survey needs: each band is optional "
        "for the respondent, and results never show a band for fewer people than the threshold.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        coalitions = stewarded_coalitions(self.for_user)
        self.fields["coalition"].queryset = coalitions
        self.fields["coalition"].error_messages["invalid_choice"] = (
            "Choose a coalition you steward: surveys belong to their coalition's stewards."
        )
        area_ids = {pk for coalition in coalitions for pk in coalition.area_ids()}
        self.fields["area"].queryset = Area.objects.filter(pk__in=area_ids).order_by("name")

    def clean(self):
        cleaned = super().clean()
        coalition, area = cleaned.get("coalition"), cleaned.get("area")
        if coalition and area and area.pk not in coalition.area_ids():
            self.add_error("area", f"Choose one of {coalition}'s areas.")
        return cleaned


class ResearcherForm(WagtailAdminModelForm):
    """The steward names the researcher: an existing account, or an e-mail address to invite."""

    who = forms.CharField(
        label="Researcher's username or e-mail address",
        max_length=254,
        help_text="An existing account is added at once. A new e-mail address gets an account and an "
        "e-mail with a link to set their password.",
    )

    class Meta:
        model = SurveyResearcher
        fields = ["survey"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = stewarded_surveys(self.for_user)
        self.fields["survey"].error_messages["invalid_choice"] = "Choose one of the surveys you steward."
        if self.instance.pk:
            self.fields["who"].initial = self.instance.user.get_username()
            self.fields["who"].disabled = True

    def clean(self):
        cleaned = super().clean()
        survey, who = cleaned.get("survey"), cleaned.get("who")
        if self.instance.pk or not (survey and who):
            return cleaned
        try:
            user = surveys_services.researcher_user(who)
        except ValidationError as error:
            self.add_error("who", error)
            return cleaned
        if user and SurveyResearcher.objects.filter(survey=survey, user=user).exists():
            self.add_error("who", f"{who} is already a researcher on {survey}.")
        return cleaned

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit=commit)
        researcher = surveys_services.researcher_add(
            survey=self.cleaned_data["survey"], who=self.cleaned_data["who"], added_by=self.for_user
        )
        self.instance = researcher
        return researcher


class StewardScopedViewSet(SnippetViewSet):
    """Listings hold only the user's stewarded surveys; views of one object ask the policy."""

    copy_view_enabled = False
    search_backend_name = None  # short lists: the database's "contains", no search index

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, ["view", "change"])

    def get_urlpatterns(self):
        # Wagtail's edit, delete, history… views check the model permission only: ask about the object.
        return [
            self._scoped(pattern) if "pk" in str(pattern.pattern) else pattern
            for pattern in super().get_urlpatterns()
        ]

    def _scoped(self, pattern):
        view, policy = pattern.callback, self.permission_policy

        @functools.wraps(view)
        def scoped_view(request, *args, **kwargs):
            try:
                obj = self.model.objects.filter(pk=unquote(str(kwargs.get("pk", "")))).first()
            except (ValueError, ValidationError):
                obj = None  # the view itself answers 404
            if obj is not None and not policy.user_has_permission_for_instance(request.user, "view", obj):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return URLPattern(pattern.pattern, scoped_view, pattern.default_args, pattern.name)


class SurveyViewSet(StewardScopedViewSet):
    model = Survey
    icon = "form"
    menu_label = "Surveys"
    menu_name = "surveys"
    list_display = ["name", "coalition", "starts", "ends", "results_published"]
    list_filter = ["coalition", "results_published"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=format_html(
                    "<p>Researchers record interviews at <a href='/interviewing/'>/interviewing/</a>; "
                    "add them under Surveys → Researchers. Raw interviews are deleted {}.</p>",
                    "the chosen number of days after the survey ends",
                )
            ),
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldRowPanel([FieldPanel("coalition"), FieldPanel("area")]),
            FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")], heading="Period"),
            FieldPanel("bands"),
            MultiFieldPanel(
                [
                    FieldPanel("consent_wording"),
                    FieldPanel("privacy_notice"),
                    FieldPanel("legal_basis"),
                    FieldPanel("retention_days"),
                ],
                heading="Consent and privacy (shown to every respondent)",
            ),
            FieldRowPanel([FieldPanel("threshold"), FieldPanel("results_published")], heading="Results"),
        ],
        base_form_class=SurveyForm,
    )


class SurveyResearcherViewSet(StewardScopedViewSet):
    model = SurveyResearcher
    icon = "user"
    menu_label = "Researchers"
    menu_name = "survey-researchers"
    list_display = ["user", "survey", "added_at"]
    list_filter = ["survey"]
    edit_handler = ObjectList([FieldPanel("survey"), FieldPanel("who")], base_form_class=ResearcherForm)


class SurveyAdminGroup(SnippetViewSetGroup):
    menu_label = "Surveys"  # "Connection surveys" is cut short in the sidebar
    menu_name = "connection-surveys"
    menu_icon = "form"
    menu_order = 270
    items = (SurveyViewSet, SurveyResearcherViewSet)


register_snippet(SurveyAdminGroup)


@hooks.register("after_create_snippet")
def invite_new_researcher(request, instance):
    """The invitation needs the request's address; the form made the account."""
    if isinstance(instance, SurveyResearcher) and getattr(instance, "invited", False):
        surveys_services.researcher_invite_send(researcher=instance, request=request)
