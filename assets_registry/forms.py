"""Residents' forms: add a space, suggest an edit, report a closure. No account needed.

Each has a honeypot field (``spam.HONEYPOT_FIELD``) that people never see or fill in.
"""

from __future__ import annotations

import copy

from django import forms
from django.conf import settings

from assets_registry import coordinates
from assets_registry.form_messages import GovukErrorsMixin
from assets_registry.models import Asset, AssetSuggestion
from assets_registry.opening_hours import OpeningHoursField, Period, rows_for
from assets_registry.public_fields import CONTACT_FIELDS, DESCRIPTION_FIELDS
from assets_registry.services import SUGGESTIBLE_FIELDS
from assets_registry.spam import HONEYPOT_FIELD
from assets_registry.taxonomy import CATEGORIES, KINDS, SETTINGS, THIRD_SPACE_TYPES
from geocoding.exceptions import InvalidLocation
from geocoding.parsers import KIND_PLACE, classify

COUNTRY_CHOICES = [("GB", "United Kingdom"), ("US", "United States")]


class YesNoUnknownField(forms.NullBooleanField):
    """A yes/no fact that may not be known: "Yes / No / Don't know" radios (a fieldset with a
    legend), "Don't know" chosen until the resident says otherwise. Cleans to True, False or None."""

    widget = forms.RadioSelect(choices=[("True", "Yes"), ("False", "No"), ("", "Don't know")])

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class YesNoFactsForm(forms.Form):
    """The space's yes/no facts as a resident is asked them: each may be "Don't know"."""

    free = YesNoUnknownField(label="Free to use?")
    open_to_all = YesNoUnknownField(label="Open to all?", help_text="Anyone may come, not only members.")
    mixed_ages = YesNoUnknownField(
        label="Mixed ages?", help_text="Younger and older people take part together."
    )
    step_free = YesNoUnknownField(label="Step-free access?", help_text="You can get in without steps.")


class HoneypotMixin(GovukErrorsMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="Leave this field empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        if "submitter_email" in self.fields:  # why we ask and for how long, from the one setting
            days = settings.PERSONAL_DATA_RETENTION_DAYS
            self.fields["submitter_email"].help_text = (
                "We use it only to tell you our decision and to ask you about this if we need to. "
                f"Never shown publicly; erased {days} days after the decision."
            )

    def is_spam(self) -> bool:
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())


def degrees_field(label: str, example: str) -> forms.CharField:
    """Text, not a number input: read leniently in ``AssetSubmissionForm._clean_pin`` (a pasted
    "51.5136, -0.3046" fills both boxes)."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=40,
        help_text=f"For example {example}",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false", "autocomplete": "off"}),
    )


class AssetSubmissionForm(HoneypotMixin, YesNoFactsForm):
    name = forms.CharField(label="Name of the space or group", max_length=200)
    description = forms.CharField(
        label="What happens there?",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Who meets there, what they do, how to join in.",
    )
    categories = forms.MultipleChoiceField(
        label="What kind of space is it?",
        choices=CATEGORIES.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    third_space_types = forms.MultipleChoiceField(
        label="What brings people together there?",
        choices=[(t.value, f"{t.label}: {t.description}") for t in THIRD_SPACE_TYPES.terms],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    setting = forms.ChoiceField(
        label="Setting",
        choices=[("", "Not sure"), *SETTINGS.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(
        label="Who or what is it?", choices=[("", "Not sure"), *KINDS.choices], required=False
    )

    country = forms.ChoiceField(label="Country", choices=COUNTRY_CHOICES, initial="GB")
    postcode = forms.CharField(
        label="Postcode or ZIP code",
        max_length=16,
        required=False,
        help_text="For example W5 2HL or 21201. We use it to put the space on the map.",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )
    address = forms.CharField(
        label="Street address",
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    locality = forms.CharField(
        label="Town or neighbourhood",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    latitude = degrees_field("Latitude", "51.5136")
    longitude = degrees_field("Longitude", "-0.3046")

    website = forms.URLField(label="Website", required=False, max_length=500, assume_scheme="https")
    phone = forms.CharField(label="Phone", required=False, max_length=40)
    public_email = forms.EmailField(
        label="Public contact e-mail", required=False, help_text="Shown on the page. Leave empty if not."
    )
    audience = forms.CharField(
        label="Who is it for?", required=False, max_length=255, help_text="For example: everyone, families."
    )
    languages = forms.CharField(label="Languages spoken", required=False, max_length=255)
    accessibility_notes = forms.CharField(
        label="Accessibility", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    opening_hours = OpeningHoursField(
        label="Opening hours",
        required=False,
        help_text="One line for each set of days, like Mon–Fri 9:00–17:00, Sat 10am–4pm or closed Sunday. "
        "Leave it empty if you don't know.",
    )
    opening_hours_notes = forms.CharField(
        label="Anything else about opening times?",
        required=False,
        max_length=255,
        help_text="For example: closed on bank holidays.",
    )
    submitter_email = forms.EmailField(
        label="Your e-mail (optional)",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    not_duplicate = forms.BooleanField(label="Yes, this is a different space: add it anyway", required=False)

    @property
    def hours_rows(self):
        return rows_for(self["opening_hours"])

    def clean_postcode(self):
        """A postcode or ZIP code, or nothing: with a pin placed nothing else checks it, and any
        text here would be stored and shown as the space's postcode."""
        text = (self.cleaned_data.get("postcode") or "").strip()
        if not text:
            return ""
        try:
            parsed = classify(text)
        except InvalidLocation as problem:
            raise forms.ValidationError(problem.message) from None
        if parsed.kind == KIND_PLACE:
            raise forms.ValidationError(
                "Enter a postcode like W5 2HL or a ZIP code like 21201, or leave it empty and place the pin"
            )
        return text

    def clean(self):
        data = super().clean()
        self._clean_pin(data)
        pin_error = {"latitude", "longitude"} & set(self.errors)
        if not (data.get("postcode") or "").strip() and self.pin() is None and not pin_error:
            self.add_error(
                "postcode",
                "Enter the postcode or ZIP code, like W5 2HL or 21201, or give the latitude and longitude",
            )
        return data

    def _clean_pin(self, data: dict) -> None:
        """Latitude and longitude as numbers (both or neither), in the chosen country."""
        latitude, longitude = coordinates.split_pair(data.get("latitude") or "", data.get("longitude") or "")
        data["latitude"] = data["longitude"] = None
        try:
            lat = coordinates.parse_degrees(latitude, what="latitude", limit=90, example="51.5136")
        except coordinates.CoordinateError as error:
            self.add_error("latitude", str(error))
            return
        try:
            lon = coordinates.parse_degrees(longitude, what="longitude", limit=180, example="-0.3046")
        except coordinates.CoordinateError as error:
            self.add_error("longitude", str(error))
            return
        if (lat is None) != (lon is None):
            missing = "longitude" if lon is None else "latitude"
            self.add_error(missing, f"Enter the {missing} too, or leave both empty to use the postcode")
            return
        if lat is not None:
            if outside := coordinates.outside_country(lat, lon, data.get("country") or ""):
                self.add_error("latitude", outside)
                return
            data["latitude"], data["longitude"] = lat, lon

    def opening_periods(self) -> list[Period]:
        hours = self.cleaned_data.get("opening_hours")
        return hours.periods if hours else []

    def asset_fields(self) -> dict:
        # What a space is described by, as far as this form asks (it has no region field).
        names = [name for name in (*DESCRIPTION_FIELDS, *CONTACT_FIELDS) if name in self.fields]
        fields = {name: self.cleaned_data.get(name) for name in names}
        fields["postcode"] = (fields["postcode"] or "").strip().upper()
        # Empty text is "", but a yes/no fact left at "Don't know" stays None (not known).
        yes_no = YesNoFactsForm.base_fields
        return {k: ("" if v is None and k not in yes_no else v) for k, v in fields.items()}

    def pin(self) -> tuple[float, float] | None:
        data = getattr(self, "cleaned_data", {})
        lat, lon = data.get("latitude"), data.get("longitude")
        return (lat, lon) if lat is not None and lon is not None else None


class AssetReportForm(HoneypotMixin, forms.Form):
    """A resident's report on a published space: what it proposes (``proposed_changes``), as a
    suggestion of ``kind``, with an optional note and e-mail address. One flow serves them all
    (``views._asset_report``)."""

    kind: str
    note_label = "Anything else we should know?"

    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    submitter_email = forms.EmailField(
        label="Your e-mail (optional)",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, data=None, *, asset: Asset, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["note"].label = self.note_label

    def proposed_changes(self) -> dict:
        raise NotImplementedError


class SuggestionForm(AssetReportForm, YesNoFactsForm, forms.ModelForm):
    """Prefilled with the live values; only what the resident changes is proposed."""

    kind = AssetSuggestion.KIND_EDIT
    website = forms.URLField(label="Website", required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Asset
        fields = list(SUGGESTIBLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, data=None, *, asset: Asset, **kwargs):
        # A copy: validating the form writes the proposed values into its instance, and the live
        # space must stay as it is until a moderator applies them.
        super().__init__(data, asset=asset, instance=copy.copy(asset), **kwargs)

    def proposed_changes(self) -> dict:
        # A field that failed validation (e.g. a required name emptied) has no cleaned value.
        return {
            name: self.cleaned_data[name]
            for name in self.changed_data
            if name in SUGGESTIBLE_FIELDS and name in self.cleaned_data
        }

    def clean(self):
        data = super().clean()
        if self.errors:  # the fields' own messages say what to fix first
            return data
        if not self.proposed_changes() and not (data.get("note") or "").strip():
            raise forms.ValidationError(
                "Change at least one detail, or tell us what is wrong in the last box."
            )
        return data


class ClosureReportForm(AssetReportForm):
    kind = AssetSuggestion.KIND_CLOSURE
    note_label = "How do you know? (optional)"
    field_order = ["status", "note", "submitter_email"]

    status = forms.ChoiceField(
        label="Has it closed for good?",
        choices=[("closed", "Yes, it has closed for good"), ("temporarily_closed", "It is closed for now")],
        widget=forms.RadioSelect,
        initial="closed",
    )

    def proposed_changes(self) -> dict:
        return {"status": self.cleaned_data["status"]}
