"""Connection maps (issue 20; docs/connection-maps.md).

Two things, both about who meets whom, and where:

* a resident's **personal map** — built in the browser or a no-JS form, never stored unless the
  resident saves it, then kept under a private link and a passphrase until they delete it;
* **connection surveys** — a steward of a place sets one up for an area and a period, community
  researchers record interviews (consent first, a pseudonymous respondent code, bands the steward
  chose, the people/places/groups questions, ONS4 well-being), and the results are published only
  as aggregates with small-number suppression. Raw interviews are seen by the survey's steward and
  researchers only (every view and export is logged) and deleted after the survey's end date plus
  its retention period.

The answers to the people/places/groups questions share one shape (``connections.answers``), so
a personal map and an interview are read, validated and drawn by the same code.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse


class PersonalMap(models.Model):
    """A resident's map, saved by their choice; opened with its private link and passphrase."""

    token = models.CharField(max_length=43, unique=True, editable=False)  # the private link's key
    passphrase_hash = models.CharField(max_length=128, editable=False)  # Django's password hasher
    answers = models.JSONField(help_text="The map's answers (connections.answers shape).")
    postcode_district = models.CharField(
        max_length=8, blank=True, help_text="Only the outward code (e.g. W5), to find spaces near them."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0, editable=False)

    def __str__(self) -> str:
        return f"Personal map {self.pk}"


class BandKind(models.TextChoices):
    """Background bands a steward may ask about (age band is always asked). Special-category data
    in UK law (ethnicity, religion, health) is optional, minimised and never shown below the
    threshold; ``SPECIAL_CATEGORY`` lists them."""

    GENDER = "gender", "Gender"
    ETHNICITY = "ethnicity", "Ethnic group (special category)"
    RELIGION = "religion", "Religion or belief (special category)"
    HEALTH = "health", "Long-term health condition or disability (special category)"
    INCOME = "income", "Household income band"
    TENURE = "tenure", "Housing tenure"
    YEARS_HERE = "years_here", "Years living in the area"
    LANGUAGE = "language", "Main language at home"


SPECIAL_CATEGORY = frozenset({BandKind.ETHNICITY, BandKind.RELIGION, BandKind.HEALTH})


class Survey(models.Model):
    """A connection survey of one area for one period, run by a steward with community researchers."""

    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=80, unique=True)
    # Its place and who stewards it: the coalition's stewards (coalitions.CoalitionPerson).
    coalition = models.ForeignKey("coalitions.Coalition", on_delete=models.PROTECT, related_name="surveys")
    area = models.ForeignKey(
        "atlas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The area surveyed, when narrower than the coalition's place.",
    )
    starts = models.DateField()
    ends = models.DateField()
    bands = models.JSONField(
        default=list, blank=True, help_text="Which optional background bands are asked (BandKind values)."
    )
    consent_wording = models.TextField(
        help_text="Read to the respondent before any question; recorded with each interview."
    )
    privacy_notice = models.TextField(
        help_text="Shown at consent: who holds the data, why, for how long, rights."
    )
    legal_basis = models.CharField(
        max_length=200,
        default="Consent (UK GDPR Article 6(1)(a); Article 9(2)(a) for special-category bands)",
    )
    retention_days = models.PositiveIntegerField(
        default=180, help_text="Raw interviews are deleted this many days after the survey ends."
    )
    threshold = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(5)],
        help_text="No published figure rests on fewer respondents than this (at least 5).",
    )
    results_published = models.BooleanField(default=False, help_text="Aggregates are public when on.")
    synthetic = models.BooleanField(default=False, help_text="Demo: the interviews are generated, not real.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("connections:survey_results", args=[self.slug])

    @property
    def threshold_applied(self) -> int:
        """The threshold, never under 5 whatever the row says: the suppression limit and the step
        in which published results count interviews."""
        return max(self.threshold, 5)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts and self.ends and self.ends < self.starts:
            errors["ends"] = "The survey must end on or after the day it starts."
        unknown = [band for band in self.bands or () if band not in BandKind.values]
        if unknown:
            errors["bands"] = f"Unknown background band(s): {', '.join(map(str, unknown))}."
        if errors:
            raise ValidationError(errors)

    @property
    def delete_after(self) -> dt.date:
        return self.ends + dt.timedelta(days=self.retention_days)


class SurveyResearcher(models.Model):
    """A community researcher's account on one survey: they see and record that survey only."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="researchers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_roles")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="survey_researcher_unique")]

    def __str__(self) -> str:
        return f"{self.user} on {self.survey}"


class InterviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft (not counted)"
    COMPLETE = "complete", "Complete"


class Interview(models.Model):
    """One respondent's answers. Raw: visible to the survey's steward and researchers only."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="interviews")
    researcher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Made by the researcher's device when the draft starts, so an offline retry never duplicates.
    client_key = models.CharField(max_length=40, blank=True)
    respondent_code = models.CharField(
        max_length=20, help_text="Pseudonymous: never a name, initials or anything that identifies them."
    )
    consent_given = models.BooleanField(default=False)
    consent_wording = models.TextField(blank=True, editable=False, help_text="The words read, as at consent.")
    consented_at = models.DateTimeField(null=True, blank=True)
    age_band = models.CharField(max_length=10, blank=True)
    bands = models.JSONField(default=dict, blank=True, help_text="{band kind: band} for the survey's bands.")
    answers = models.JSONField(
        default=dict, blank=True, help_text="People, places, groups, give/get (connections.answers)."
    )
    # ONS personal well-being (ONS4): 0–10 each; anxiety is "lower is better".
    life_satisfaction = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    worthwhile = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(10)])
    happiness = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(10)])
    anxiety = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(10)])
    status = models.CharField(max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.DRAFT)
    # The order of completion decides which interviews the published results include
    # (connections.results publishes them in steps of the survey's threshold).
    completed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["survey", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent_code"], name="interview_respondent_unique"),
            models.UniqueConstraint(
                fields=["survey", "client_key"],
                condition=~models.Q(client_key=""),
                name="interview_client_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey}: respondent {self.respondent_code}"

    def clean(self):
        super().clean()
        if self.status == InterviewStatus.COMPLETE and not self.consent_given:
            raise ValidationError(
                {"consent_given": "An interview without the respondent's consent cannot be completed."}
            )


class InterviewPlace(models.Model):
    """A place a respondent meets people: a registry space, or a name typed when it is missing."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="places")
    space = models.ForeignKey(
        "assets_registry.Asset", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    typed_name = models.CharField(max_length=200, blank=True)
    # Which of the respondent's people they meet there (keys into answers["people"]).
    people = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return self.typed_name or f"space {self.space_id}"

    def clean(self):
        super().clean()
        if not (self.space_id or self.typed_name.strip()):
            raise ValidationError("Choose a space from the registry or type the place's name.")


class RawAccessAction(models.TextChoices):
    VIEW = "view", "Viewed an interview"
    LIST = "list", "Listed interviews"
    EXPORT = "export", "Exported interviews (pseudonymised CSV)"
    DELETE = "delete", "Deleted interviews"


class RawAccessLog(models.Model):
    """Who viewed, listed, exported or deleted raw interviews, and when (kept after the interviews)."""

    survey = models.ForeignKey(Survey, on_delete=models.SET_NULL, null=True, related_name="+")
    survey_name = models.CharField(max_length=160)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=RawAccessAction.choices)
    detail = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.survey_name} at {self.at:%Y-%m-%d %H:%M}"
