"""Coalitions and their shared measures (issue 19; docs/impact.md).

A coalition convenes a place (an atlas area, or a pilot place made of several areas): its vision,
member organisations and people (one or more stewards, members). It agrees measures of three kinds
— atlas indicators, registry measures computed from the spaces, and measures it records itself —
each with a baseline and a target, and records observations against them. Measures and
observations go through Wagtail's moderation (draft → the coalition's steward approves → live), so
nothing a member records is public before a steward approves it, and every change keeps its
revision. Initiatives are the actions that aim to move the measures.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", "Higher is better"
    LOWER_IS_BETTER = "lower", "Lower is better"


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    VOLUNTARY = "voluntary", "Voluntary group"
    FAITH = "faith", "Faith group"
    BUSINESS = "business", "Business"
    FUNDER = "funder", "Funder"
    UNIVERSITY = "university", "University"
    RESIDENTS = "residents", "Residents' group"
    PUBLIC_SERVICE = "public_service", "Public service (health, library, school)"


class Coalition(ClusterableModel):
    """The people and organisations of one place who agreed to grow connection together."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True, help_text="Its address: /places/<slug>/coalition/.")
    # Its place: one atlas area (a local authority, a US county…) or a pilot place (several areas).
    area = models.ForeignKey(
        "atlas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="coalitions"
    )
    pilot_place = models.OneToOneField(
        "atlas.PilotPlace", on_delete=models.PROTECT, null=True, blank=True, related_name="coalition"
    )
    vision = RichTextField(features=["bold", "italic", "link", "ol", "ul"], blank=True)
    founded = models.DateField(null=True, blank=True)
    illustrative = models.BooleanField(
        default=False,
        help_text="Demo content: every page of this coalition says its figures are illustrative.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if not (self.area_id or self.pilot_place_id):
            raise ValidationError("Choose the coalition's place: an area or a pilot place.")
        if self.area_id and self.pilot_place_id:
            raise ValidationError("Choose an area or a pilot place, not both.")

    def get_absolute_url(self) -> str:
        return reverse("coalitions:detail", args=[self.slug])

    @property
    def place_name(self) -> str:
        return self.pilot_place.name if self.pilot_place_id else self.area.name

    def area_ids(self) -> list[int]:
        """The atlas areas the coalition covers (its area, or its pilot place's areas)."""
        if self.area_id:
            return [self.area_id]
        if self.pilot_place_id:
            return list(self.pilot_place.areas.values_list("pk", flat=True))
        return []


class MemberOrganisation(Orderable):
    coalition = ParentalKey(Coalition, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(max_length=500, blank=True)
    role = models.CharField(
        "role in the coalition", max_length=255, blank=True, help_text="E.g. backbone organisation, funder."
    )
    # When the organisation is one of the registry's spaces (a library, a faith group…).
    space = models.ForeignKey(
        "assets_registry.Asset", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return self.name


class CoalitionPersonManager(models.Manager):
    """Who holds which role where, read once per request (cached on the user object)."""

    def roles_of(self, user) -> dict[int, str]:
        """{coalition id: role} for ``user``."""
        if not getattr(user, "is_authenticated", False):
            return {}
        cached = getattr(user, "_coalition_roles", None)
        if cached is None:
            cached = dict(self.filter(user=user).values_list("coalition_id", "role"))
            user._coalition_roles = cached
        return cached

    def stewards(self, user, coalition: Coalition | None) -> bool:
        return coalition is not None and self.roles_of(user).get(coalition.pk) == PersonRole.STEWARD

    def task_states_for_steward(self, task_states: models.QuerySet, user) -> models.QuerySet:
        """Keep the approval task states of measures and observations in coalitions ``user`` stewards."""
        if user.is_superuser:
            return task_states
        ids = [pk for pk, role in self.roles_of(user).items() if role == PersonRole.STEWARD]
        allowed = []
        for model, lookup in ((Measure, "coalition__in"), (Observation, "measure__coalition__in")):
            content_type = ContentType.objects.get_for_model(model)
            object_ids = {
                str(pk) for pk in model.objects.filter(**{lookup: ids}).values_list("pk", flat=True)
            }
            allowed += [
                pk
                for pk, object_id in task_states.filter(
                    workflow_state__base_content_type=content_type
                ).values_list("pk", "workflow_state__object_id")
                if object_id in object_ids
            ]
        return task_states.filter(pk__in=allowed)


class PersonRole(models.TextChoices):
    STEWARD = "steward", "Steward (backbone lead: approves measures and observations)"
    MEMBER = "member", "Member (records observations)"


class CoalitionPerson(Orderable):
    """A user's role in one coalition. Stewards manage its membership and approve what members record;
    their permissions reach no other coalition (``coalitions.permissions``)."""

    coalition = ParentalKey(Coalition, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coalition_roles"
    )
    role = models.CharField(max_length=10, choices=PersonRole.choices, default=PersonRole.MEMBER)
    organisation = models.CharField(max_length=200, blank=True, help_text="Who they speak for.")

    objects = CoalitionPersonManager()

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["coalition", "user"], name="coalition_person_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class MeasureKind(models.TextChoices):
    ATLAS = "atlas", "Atlas indicator"
    REGISTRY = "registry", "Registry measure"
    RECORDED = "recorded", "Recorded by the coalition"


class RegistryMetric(models.TextChoices):
    """Measures computed from the registry for a coalition's areas (``coalitions.registry_measures``)."""

    THIRD_SPACES_PER_10K = "third_spaces_per_10k", "Open third spaces per 10,000 residents"
    BRIDGING_SHARE = "bridging_share", "Share of spaces bringing people together across difference"
    CONFIRMED_SHARE = "confirmed_share", "Share of spaces confirmed in the last year"
    RESIDENT_ADDED = "resident_added", "Spaces added by residents"


class Measure(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A measure a coalition agreed, with its baseline and target."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(max_length=10, choices=MeasureKind.choices)
    name = models.CharField(max_length=160)
    indicator = models.ForeignKey(
        "atlas.Indicator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="For an atlas indicator: its values and national percentile come from the atlas.",
    )
    registry_metric = models.CharField(max_length=30, choices=RegistryMetric.choices, blank=True)
    definition = models.TextField(help_text="What is counted, how, and from which source.")
    unit = models.CharField(max_length=40, blank=True, help_text="E.g. people, %, per 10,000 residents.")
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER)
    valid_min = models.FloatField("lowest valid value", null=True, blank=True)
    valid_max = models.FloatField("highest valid value", null=True, blank=True)
    baseline_value = models.FloatField(null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    target_value = models.FloatField(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    headline = models.BooleanField(default=False, help_text="Shown on the list of coalitions.")
    sort_order = models.PositiveSmallIntegerField(default=100)
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="coalition_measure",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="coalition_measure",
        for_concrete_model=False,
    )

    search_fields = [index.SearchField("name"), index.SearchField("definition"), index.FilterField("live")]

    class Meta:
        ordering = ["coalition", "sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.coalition}: {self.name}"

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == MeasureKind.ATLAS and not self.indicator_id:
            errors["indicator"] = "An atlas measure needs the atlas indicator it follows."
        if self.kind == MeasureKind.REGISTRY and not self.registry_metric:
            errors["registry_metric"] = "A registry measure needs the registry measure it follows."
        if self.valid_min is not None and self.valid_max is not None and self.valid_min > self.valid_max:
            errors["valid_max"] = "The highest valid value must not be below the lowest."
        for field in ("baseline_value", "target_value"):
            value = getattr(self, field)
            if value is not None and not self.in_range(value):
                errors[field] = f"{value:g} is outside this measure's valid range ({self.range_text()})."
        if (self.baseline_value is None) != (self.baseline_date is None):
            errors["baseline_date"] = "Give the baseline's value and its date together."
        if (self.target_value is None) != (self.target_date is None):
            errors["target_date"] = "Give the target's value and its date together."
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = "The target's date must come after the baseline's."
        if self.baseline_value is not None and self.target_value is not None:
            if self.direction == Direction.HIGHER_IS_BETTER and self.target_value < self.baseline_value:
                errors["target_value"] = (
                    "Higher is better for this measure, so the target cannot be below the baseline "
                    f"({self.baseline_value:g}). Change the target or the direction."
                )
            if self.direction == Direction.LOWER_IS_BETTER and self.target_value > self.baseline_value:
                errors["target_value"] = (
                    "Lower is better for this measure, so the target cannot be above the baseline "
                    f"({self.baseline_value:g}). Change the target or the direction."
                )
        if errors:
            raise ValidationError(errors)

    def in_range(self, value: float) -> bool:
        return (self.valid_min is None or value >= self.valid_min) and (
            self.valid_max is None or value <= self.valid_max
        )

    def range_text(self) -> str:
        low = "no minimum" if self.valid_min is None else f"{self.valid_min:g}"
        high = "no maximum" if self.valid_max is None else f"{self.valid_max:g}"
        return f"{low} to {high}"


class Observation(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """One recorded value of a measure. Public only once a steward of its coalition approved it."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="observations")
    value = models.FloatField()
    date = models.DateField(help_text="The date the value describes (not the day it was entered).")
    note = models.TextField(blank=True)
    evidence_url = models.URLField("evidence link", max_length=500, blank=True)
    evidence_document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="coalition_observation",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="coalition_observation",
        for_concrete_model=False,
    )

    class Meta:
        ordering = ["measure", "date"]

    def __str__(self) -> str:
        return f"{self.measure.name}: {self.value:g} on {self.date:%-d %b %Y}"

    def clean(self):
        super().clean()
        if not self.measure_id:
            return
        measure = self.measure
        errors = {}
        if self.value is not None and not measure.in_range(self.value):
            errors["value"] = (
                f"{self.value:g} is outside this measure's valid range ({measure.range_text()}). "
                "Check the value and its unit."
            )
        if self.date and measure.baseline_date and self.date < measure.baseline_date:
            errors["date"] = (
                f"This date is before the measure's baseline ({measure.baseline_date:%-d %B %Y}). "
                "Record earlier values as part of the baseline instead."
            )
        if measure.kind == MeasureKind.ATLAS:
            errors["measure"] = (
                "Atlas measures take their values from the atlas; record nothing against them."
            )
        if errors:
            raise ValidationError(errors)


class RegistrySnapshot(models.Model):
    """A registry measure's value for a coalition's areas at the end of one month (computed)."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="snapshots")
    metric = models.CharField(max_length=30, choices=RegistryMetric.choices)
    month = models.DateField(help_text="The first day of the month the value describes (as at its end).")
    value = models.FloatField(
        null=True, blank=True, help_text="Blank when it cannot be computed (no population)."
    )
    numerator = models.PositiveIntegerField(default=0)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["coalition", "metric", "month"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "metric", "month"], name="registry_snapshot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.coalition} {self.metric} {self.month:%Y-%m} = {self.value}"


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    RUNNING = "running", "Running"
    DONE = "done", "Done"


class Initiative(ClusterableModel):
    """An action the coalition takes to move one or more of its measures (Decidim's "results")."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="initiatives")
    name = models.CharField(max_length=160)
    summary = models.TextField(blank=True)
    lead_organisation = models.ForeignKey(
        MemberOrganisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="initiatives"
    )
    status = models.CharField(
        max_length=10, choices=InitiativeStatus.choices, default=InitiativeStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        "progress (%)", default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    starts = models.DateField(null=True, blank=True)
    ends = models.DateField(null=True, blank=True)
    measures = ParentalManyToManyField(Measure, blank=True, related_name="initiatives")
    spaces = ParentalManyToManyField("assets_registry.Asset", blank=True, related_name="+")
    toolkits = ParentalManyToManyField("toolkits.ToolkitPage", blank=True, related_name="+")
    case_study = models.ForeignKey(
        "toolkits.CaseStudyPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["coalition", "starts", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.starts and self.ends and self.ends < self.starts:
            errors["ends"] = "The end date must not be before the start date."
        if self.status == InitiativeStatus.DONE and self.progress != 100:
            errors["progress"] = "A finished initiative is 100% done; set the progress or the status."
        if self.status == InitiativeStatus.PLANNED and self.progress:
            errors["progress"] = "A planned initiative has not started: its progress is 0%."
        if (
            self.lead_organisation_id
            and self.coalition_id
            and self.lead_organisation.coalition_id != self.coalition_id
        ):
            errors["lead_organisation"] = "The lead organisation must be a member of this coalition."
        if errors:
            raise ValidationError(errors)


class StewardApprovalTask(AbstractGroupApprovalTask):
    """Approval by a steward of the coalition the measure or observation belongs to.

    Members of the task's groups who are stewards of that coalition may approve or reject;
    superusers always can. The same idea as the registry's area-scoped moderation
    (``assets_registry.models.AreaApprovalTask``), scoped to a coalition instead of an area.
    """

    def _is_steward(self, obj, user) -> bool:
        return user.is_superuser or CoalitionPerson.objects.stewards(user, coalition_of(obj))

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and self._is_steward(obj, user)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or not self._is_steward(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and self._is_steward(obj, user)

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if self._is_steward(obj, user) else []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        task_states = super().get_task_states_user_can_moderate(user, **kwargs)
        return CoalitionPerson.objects.task_states_for_steward(task_states, user)

    @classmethod
    def get_description(cls):
        return "A steward of the coalition approves its measures and observations"

    class Meta:
        verbose_name = "coalition steward approval task"
        verbose_name_plural = "coalition steward approval tasks"


def coalition_of(obj) -> Coalition | None:
    """The coalition a measure, observation, initiative or coalition belongs to."""
    if isinstance(obj, Coalition):
        return obj
    if isinstance(obj, Observation):
        return obj.measure.coalition if obj.measure_id else None
    return getattr(obj, "coalition", None)
