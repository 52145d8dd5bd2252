"""The registry's models: community assets ("spaces"), their opening hours, residents'
suggestions and closure reports, and moderators' areas.

Moderation uses Wagtail's own machinery: assets and suggestions are snippets with drafts,
revisions, workflows and locking. A resident's submission is a draft in a workflow; only a
published (``live``) asset is public (see ``selectors.public_assets``).

Geography without GDAL: WGS84 latitude/longitude plus ``grid_row`` (latitude in 0.01° bands),
indexed together with longitude so a radius search becomes a handful of narrow index range scans;
the exact great-circle distance is computed afterwards (see ``search_backends.database``).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from assets_registry.areas import Areas
from assets_registry.fields import ChoiceListField
from assets_registry.taxonomy import (
    CATEGORIES,
    KINDS,
    LOCATION_PRECISIONS,
    LOCATION_SOURCES,
    SETTINGS,
    STATUS_CHOICES,
    THIRD_SPACE_TYPES,
    WEEKDAYS,
)

# Latitude bands of 0.01° (about 1.1 km): a 5 km radius touches ~10 bands.
GRID_ROWS_PER_DEGREE = 100

# Time zones for "open now" where the country alone does not decide it (US states).
US_STATE_TIME_ZONES = {
    "AK": "America/Anchorage",
    "AL": "America/Chicago",
    "AR": "America/Chicago",
    "AZ": "America/Phoenix",
    "CA": "America/Los_Angeles",
    "CO": "America/Denver",
    "HI": "Pacific/Honolulu",
    "IA": "America/Chicago",
    "ID": "America/Boise",
    "IL": "America/Chicago",
    "KS": "America/Chicago",
    "LA": "America/Chicago",
    "MN": "America/Chicago",
    "MO": "America/Chicago",
    "MS": "America/Chicago",
    "MT": "America/Denver",
    "ND": "America/Chicago",
    "NE": "America/Chicago",
    "NM": "America/Denver",
    "NV": "America/Los_Angeles",
    "OK": "America/Chicago",
    "OR": "America/Los_Angeles",
    "SD": "America/Chicago",
    "TX": "America/Chicago",
    "UT": "America/Denver",
    "WA": "America/Los_Angeles",
    "WI": "America/Chicago",
    "WY": "America/Denver",
}
COUNTRY_TIME_ZONES = {"GB": "Europe/London", "US": "America/New_York", "IE": "Europe/Dublin"}


# Slugs that are URLs of their own under /spaces/.
RESERVED_SLUGS = {"add"}


def grid_row_for(latitude: float | None) -> int | None:
    return None if latitude is None else math.floor(latitude * GRID_ROWS_PER_DEGREE)


class Asset(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A community asset: a place, group or organisation where people connect."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, allow_unicode=False, blank=True)
    description = models.TextField(blank=True)

    # Facets. Lists are the readable source of truth; the masks are kept in step on save() and
    # let SQLite and PostgreSQL filter and count facets without joins.
    categories = ChoiceListField(vocabulary=CATEGORIES, blank=True, default=list)
    third_space_types = ChoiceListField(
        vocabulary=THIRD_SPACE_TYPES,
        blank=True,
        default=list,
        verbose_name="third-space types",
        help_text="Identity (faith, heritage), activity (sport, arts), purpose (volunteering, civic).",
    )
    category_mask = models.BigIntegerField(default=0, editable=False)
    third_space_mask = models.SmallIntegerField(default=0, editable=False)
    setting = models.CharField(
        "social-capital setting", max_length=24, choices=SETTINGS.choices, blank=True, db_index=True
    )
    kind = models.CharField(
        "who or what it is", max_length=24, choices=KINDS.choices, blank=True, db_index=True
    )

    # Who it is for and bridging features.
    audience = models.CharField("who it is for", max_length=255, blank=True)
    # Yes / no / not known (None): a source or resident that says nothing has not said "no".
    free = models.BooleanField("free to use", null=True, blank=True, default=None)
    open_to_all = models.BooleanField("open to all", null=True, blank=True, default=None)
    mixed_ages = models.BooleanField("mixed ages", null=True, blank=True, default=None)
    step_free = models.BooleanField("step-free access", null=True, blank=True, default=None)
    languages = models.CharField(
        max_length=255, blank=True, help_text="Languages spoken, separated by commas."
    )
    accessibility_notes = models.TextField(blank=True)

    # Address and position.
    address = models.CharField("street address", max_length=255, blank=True)
    postcode = models.CharField("postcode or ZIP code", max_length=16, blank=True, db_index=True)
    locality = models.CharField("town or neighbourhood", max_length=100, blank=True)
    region = models.CharField("region, county or state", max_length=100, blank=True)
    country = models.CharField("country code", max_length=2, default="GB", help_text="ISO 3166-1 alpha-2.")
    latitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    grid_row = models.IntegerField(null=True, blank=True, editable=False)
    location_source = models.CharField(max_length=16, choices=LOCATION_SOURCES, blank=True)
    location_precision = models.CharField(max_length=16, choices=LOCATION_PRECISIONS, blank=True)
    location_basis = models.CharField(
        "position worked out from",
        max_length=100,
        blank=True,
        help_text="The source columns (“easting/northing”) or the text geocoded (“postcode W5 2HL”).",
    )
    needs_geocoding = models.BooleanField(
        default=False, db_index=True, help_text="Geocoding failed; `manage.py geocode_pending` retries it."
    )
    admin_district_code = models.CharField("local authority code", max_length=12, blank=True, db_index=True)
    admin_district_name = models.CharField("local authority", max_length=100, blank=True)
    admin_county_code = models.CharField("county code", max_length=12, blank=True, db_index=True)
    admin_county_name = models.CharField("county", max_length=100, blank=True)

    # Contact and hours.
    website = models.URLField(max_length=500, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    public_email = models.EmailField("public e-mail", blank=True)
    opening_hours_notes = models.CharField(
        max_length=255, blank=True, help_text="E.g. 'Closed on bank holidays' or 'By appointment'."
    )
    timezone = models.CharField(
        max_length=40,
        blank=True,
        help_text="IANA time zone for opening hours; filled from the country when blank.",
    )

    # Provenance.
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default="active", db_index=True)
    last_verified = models.DateField(null=True, blank=True)
    data_source = models.CharField(
        max_length=40, blank=True, help_text="Where the record came from, e.g. 'gla-cim', 'osm', 'resident'."
    )
    source_id = models.CharField(max_length=100, blank=True)
    # Set when an import or a resident adds what looks like a space already listed: moderators
    # compare the two side by side and merge them or confirm they differ.
    possible_duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="possible_duplicates",
        help_text="A published space this one may repeat; a moderator merges them or clears this.",
    )
    duplicate_reasons = models.CharField(max_length=255, blank=True, editable=False)
    # A record merged into another stays (unpublished) so its source id keeps matching on re-import.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from", editable=False
    )

    # The submitter's e-mail is not a field: it lives in SubmitterContact, outside every revision.

    # Denormalised words (category labels, place names) so a text search for "library" finds
    # libraries whatever their name; kept in step on save().
    search_keywords = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="asset",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="asset",
        for_concrete_model=False,
    )

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("search_keywords"),
        index.FilterField("live"),
        index.FilterField("status"),
        index.FilterField("country"),
        index.FilterField("admin_district_code"),
        index.FilterField("admin_county_code"),
        index.FilterField("kind"),
        index.FilterField("setting"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "space"
        verbose_name_plural = "spaces"
        indexes = [
            # Radius search: equality on a few latitude bands, then a range on longitude.
            models.Index(fields=["grid_row", "longitude"], name="asset_grid_lon"),
            models.Index(fields=["data_source", "source_id"], name="asset_source"),
            models.Index(fields=["updated_at"], name="asset_updated"),
            # The spelling vocabulary's distinct places, read from the index alone (search/spelling.py).
            models.Index(fields=["locality", "live"], name="asset_locality"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["data_source", "source_id"],
                condition=~models.Q(source_id=""),
                name="asset_unique_source_id",
            )
        ]

    def __str__(self) -> str:
        return self.name

    # --- derived columns -------------------------------------------------------------------

    def refresh_derived_fields(self) -> None:
        """Keep masks, grid row, keywords and slug in step with the editable fields."""
        self.category_mask = CATEGORIES.mask(self.categories)
        self.third_space_mask = THIRD_SPACE_TYPES.mask(self.third_space_types)
        self.grid_row = grid_row_for(self.latitude) if self.longitude is not None else None
        self.country = (self.country or "").upper()
        words = [CATEGORIES.label_for(v) for v in self.categories or ()]
        words += [THIRD_SPACE_TYPES.label_for(v) for v in self.third_space_types or ()]
        if self.setting:
            words.append(SETTINGS.label_for(self.setting))
        words += [self.locality, self.region, self.admin_district_name, self.postcode]
        self.search_keywords = " ".join(w for w in words if w)
        if not self.slug:
            self.slug = self.unique_slug(self.name, self.locality)
        if not self.timezone:
            self.timezone = self.local_timezone().key

    @classmethod
    def unique_slug(cls, name: str, locality: str = "", *, exclude_pk: int | None = None) -> str:
        """The name's slug; with the locality, then a number, when taken ("add" is reserved)."""
        others = cls.objects.exclude(pk=exclude_pk) if exclude_pk else cls.objects.all()
        base = slugify(name)[:200] or "space"
        candidates = [base]
        if locality and slugify(locality) not in base:
            candidates.append(f"{base}-{slugify(locality)}"[:210])
        for slug in candidates:
            if slug not in RESERVED_SLUGS and not others.filter(slug=slug).exists():
                return slug
        slug, n = f"{candidates[-1]}-2", 2
        while others.filter(slug=slug).exists():
            n += 1
            slug = f"{candidates[-1]}-{n}"
        return slug

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("Give both latitude and longitude, or neither.")
        unknown = [v for v in self.categories or () if v not in CATEGORIES]
        if unknown:
            raise ValidationError({"categories": f"Unknown categories: {', '.join(unknown)}"})

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = {"category_mask", "third_space_mask", "grid_row", "search_keywords", "slug", "country"}
            derived.add("timezone")
            touched = set(update_fields)
            if touched & {"categories", "third_space_types", "latitude", "longitude", "setting", "locality"}:
                kwargs["update_fields"] = list(touched | derived)
        super().save(*args, **kwargs)

    # --- presentation ----------------------------------------------------------------------

    def get_absolute_url(self) -> str:
        return reverse("assets_registry:detail", kwargs={"slug": self.slug})

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def category_labels(self) -> list[str]:
        return [CATEGORIES.label_for(v) for v in self.categories or ()]

    @property
    def third_space_labels(self) -> list[str]:
        return [THIRD_SPACE_TYPES.label_for(v) for v in self.third_space_types or ()]

    @property
    def is_public(self) -> bool:
        return bool(self.live)

    def local_timezone(self) -> zoneinfo.ZoneInfo:
        name = self.timezone
        if not name and self.country == "US":
            name = US_STATE_TIME_ZONES.get((self.region or "").upper()[:2], "America/New_York")
        name = name or COUNTRY_TIME_ZONES.get(self.country, settings.TIME_ZONE)
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def is_open_at(self, moment: dt.datetime | None = None) -> bool | None:
        """True/False from the structured hours; None when no hours are recorded."""
        hours = list(self.opening_hours.all())
        if not hours or self.status != "active":
            return None if not hours else False
        local = (moment or timezone.now()).astimezone(self.local_timezone())
        return any(h.covers(local) for h in hours)


class OpeningHours(Orderable):
    """One opening period on one weekday (several rows for split days).

    A small structured model rather than OSM's opening_hours syntax: editors fill it in with
    Wagtail's InlinePanel, it maps one to one to schema.org's OpeningHoursSpecification and to
    Open Referral's `schedule`, and "open now" is a plain comparison. Periods that pass
    midnight (closes <= opens) count into the early hours of the next day.
    """

    asset = ParentalKey(Asset, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta(Orderable.Meta):
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        indexes = [models.Index(fields=["weekday", "opens", "closes"], name="hours_day_time")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def overnight(self) -> bool:
        return self.closes <= self.opens

    def covers(self, local: dt.datetime) -> bool:
        now, day = local.time(), local.weekday()
        if not self.overnight:
            return day == self.weekday and self.opens <= now < self.closes
        return (day == self.weekday and now >= self.opens) or (
            day == (self.weekday + 1) % 7 and now < self.closes
        )


class AssetSuggestion(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A resident's suggested edit or closure report: a moderation item of its own.

    It never touches the asset until a moderator approves it: approval publishes the suggestion,
    and ``services.suggestion_apply`` (run on publish) writes the change to the asset as a new
    revision. Rejection leaves the asset untouched.
    """

    KIND_EDIT = "edit"
    KIND_CLOSURE = "closure"
    KIND_CHOICES = [(KIND_EDIT, "Suggested edit"), (KIND_CLOSURE, "Report that it has closed")]

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default=KIND_EDIT)
    # {field name: proposed value}: only the fields the resident changed.
    proposed_changes = models.JSONField(default=dict, blank=True)
    # The asset's values at the time of the suggestion, for the moderator's diff.
    original_values = models.JSONField(default=dict, blank=True, editable=False)
    note = models.TextField("what should change and why", blank=True)
    # Proposed changes the moderator left out (the rest are applied on approval): field names.
    declined_fields = models.JSONField(default=list, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Copied from the asset so the queue can be filtered and scoped without joins.
    admin_district_code = models.CharField(max_length=12, blank=True, db_index=True, editable=False)
    admin_county_code = models.CharField(max_length=12, blank=True, db_index=True, editable=False)
    category_mask = models.BigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="asset_suggestion",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="asset_suggestion",
        for_concrete_model=False,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "suggestion or closure report"
        verbose_name_plural = "suggestions and closure reports"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.asset.name}"

    def save(self, *args, **kwargs):
        if self.asset_id:
            self.admin_district_code = self.asset.admin_district_code
            self.admin_county_code = self.asset.admin_county_code
            self.category_mask = self.asset.category_mask
        super().save(*args, **kwargs)


class ModeratorScopeManager(models.Manager):
    """The area rule (see ``moderation``) read from the scopes: which areas a user moderates."""

    def areas_for(self, user) -> Areas | None:
        """The areas ``user`` is limited to, or None when they are not area-limited."""
        if not getattr(user, "is_authenticated", False):
            return Areas(frozenset(), frozenset())
        if user.is_superuser:
            return None
        cached = getattr(user, "_moderator_areas", False)
        if cached is not False:
            return cached
        rows = list(
            self.filter(models.Q(user=user) | models.Q(group__in=user.groups.all())).values_list(
                "admin_district_code", "admin_county_code"
            )
        )
        areas = None
        if rows:
            areas = Areas(
                frozenset(d for d, _c in rows if d),
                frozenset(c for _d, c in rows if c),
            )
        user._moderator_areas = areas
        return areas

    def user_can_moderate(self, user, obj) -> bool:
        areas = self.areas_for(user)
        return areas is None or areas.covers_object(obj)

    def task_states_in_scope(self, task_states: models.QuerySet, user) -> models.QuerySet:
        """Keep the task states whose asset or suggestion lies in the user's areas."""
        areas = self.areas_for(user)
        if areas is None:
            return task_states
        by_type: dict[int, list[tuple[int, str]]] = {}
        for pk, content_type_id, object_id in task_states.values_list(
            "pk", "workflow_state__base_content_type_id", "workflow_state__object_id"
        ):
            by_type.setdefault(content_type_id, []).append((pk, object_id))
        allowed: list[int] = []
        for model in (Asset, AssetSuggestion):
            rows = by_type.get(ContentType.objects.get_for_model(model).pk, [])
            ids = {int(object_id) for _pk, object_id in rows if object_id.isdigit()}
            ok = {
                str(pk)
                for pk in model.objects.filter(pk__in=ids).filter(areas.q()).values_list("pk", flat=True)
            }
            allowed += [pk for pk, object_id in rows if object_id in ok]
        return task_states.filter(pk__in=allowed)


class ModeratorScope(models.Model):
    """Lets a user or a group moderate the spaces of one area (local authority or county).

    Users with no scope and who are not superusers moderate nothing; a scope with neither code
    set is rejected by ``clean``. "Fellows steward their own place" = one scope per Fellow.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderator_scopes",
    )
    group = models.ForeignKey(
        "auth.Group", on_delete=models.CASCADE, null=True, blank=True, related_name="moderator_scopes"
    )
    admin_district_code = models.CharField(
        "local authority code", max_length=12, blank=True, help_text="E.g. E09000009 (Ealing)."
    )
    admin_county_code = models.CharField(
        "county code", max_length=12, blank=True, help_text="E.g. E10000012 (Essex)."
    )
    label = models.CharField(max_length=100, blank=True, help_text="A readable name for the area.")

    objects = ModeratorScopeManager()

    class Meta:
        verbose_name = "moderator area"
        verbose_name_plural = "moderator areas"

    def __str__(self) -> str:
        who = self.user or self.group or "nobody"
        area = self.label or self.admin_district_code or self.admin_county_code
        return f"{who}: {area}"

    def clean(self):
        super().clean()
        if not (self.user_id or self.group_id):
            raise ValidationError("Choose a user or a group.")
        if not (self.admin_district_code or self.admin_county_code):
            raise ValidationError("Give a local authority code or a county code.")


class AreaApprovalTask(AbstractGroupApprovalTask):
    """Group approval, limited to the areas the moderator looks after.

    A member of the task's groups may approve or reject an asset (or a suggestion about one) only
    when one of their ``ModeratorScope`` areas covers it; members with no scope at all moderate
    everywhere (site staff). Superusers always can.
    """

    def _in_scope(self, obj, user) -> bool:
        return ModeratorScope.objects.user_can_moderate(user, obj)

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and self._in_scope(obj, user)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or not self._in_scope(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and self._in_scope(obj, user)

    def get_actions(self, obj, user):
        if not self._in_scope(obj, user):
            return []
        # "Reject", not Wagtail's "Request changes": a resident cannot edit their submission, so a
        # rejection is the decision, and they are told why (a reason editors maintain, and a note).
        return [
            (action, "Reject" if action == "reject" else label, needs_form)
            for action, label, needs_form in super().get_actions(obj, user)
        ]

    def get_form_for_action(self, action):
        return rejection_form() if action == "reject" else super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "reject" and "reason" in kwargs:
            kwargs = {"comment": kwargs.pop("reason").message(kwargs.pop("comment", ""))}
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        task_states = super().get_task_states_user_can_moderate(user, **kwargs)
        return ModeratorScope.objects.task_states_in_scope(task_states, user)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve items in the areas they moderate"

    class Meta:
        verbose_name = "area approval task"
        verbose_name_plural = "area approval tasks"


class RateWindow(models.Model):
    """How many submissions one client made in one fixed window (spam.rate_limit_take).

    In the database, not a cache, so that every server process counts in the same place and a
    conditional UPDATE takes a slot atomically under concurrent requests.
    """

    key = models.CharField(max_length=200)  # "<scope>:<client address>"
    starts = models.BigIntegerField()  # the window's start, in Unix seconds
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "starts"], name="rate_window_unique")]

    def __str__(self) -> str:
        return f"{self.key} from {self.starts}: {self.count}"


class ModerationDigestMark(models.Model):
    """Up to when a moderator's digest of new submissions has told them (notifications.py)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} told until {self.sent_until:%Y-%m-%d %H:%M}"


class SubmitterContact(models.Model):
    """The e-mail a resident gave with one submission (a new space, a suggestion, a closure report).

    Kept apart from the submission so that no revision, log entry, export or search index ever
    holds it: erasing this row erases it (``personal_data``). ``token`` is the resident's key to
    their submission's status and to erasing the address themselves.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)  # approved or rejected: retention starts

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"contact for {self.content_type.model} {self.object_id}"


class RejectionReason(models.Model):
    """Why a submission is not published, in words the resident receives (editors keep the list)."""

    label = models.CharField(
        max_length=80, unique=True, help_text="What moderators choose, e.g. Not a community space"
    )
    explanation = models.TextField(help_text="What the resident is told, in full sentences.")
    sort_order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["sort_order", "label"]

    def __str__(self) -> str:
        return self.label

    def message(self, note: str = "") -> str:
        """What the resident reads: the explanation, then the moderator's note."""
        return " ".join(part for part in (self.explanation.strip(), (note or "").strip()) if part)


@functools.cache
def rejection_form():
    """The moderator's "Reject": a reason from the editors' list and an optional note (built on
    first use: Wagtail's admin forms cannot be imported while models load)."""
    from django import forms

    from wagtail.forms import TaskStateCommentForm

    class RejectionForm(TaskStateCommentForm):
        reason = forms.ModelChoiceField(
            queryset=RejectionReason.objects.filter(active=True),
            empty_label=None,
            help_text="The resident receives its explanation, then your note. Editors keep this list.",
        )
        field_order = ["reason", "comment"]

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["comment"].label = "Note for the resident (optional)"
            self.fields["comment"].required = False

    return RejectionForm
