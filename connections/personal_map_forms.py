"""The resident's map questions as Django forms: one form per page, each read into the answers
shape and then checked by ``connections.answers.parse`` (the one parser)."""

from __future__ import annotations

import json

from django import forms
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    validate_password,
)
from django.core.exceptions import ValidationError

from assets_registry.form_messages import ErrorSummaryMixin
from connections.answers import (
    Closeness,
    Exchange,
    Frequency,
    GroupKind,
    Likeness,
    Relationship,
    person_from_fields,
)
from geocoding.exceptions import InvalidLocation
from geocoding.parsers import KIND_DISTRICT, KIND_POSTCODE, classify

PASSPHRASE_MIN_LENGTH = 10
PASSPHRASE_VALIDATORS = [MinimumLengthValidator(PASSPHRASE_MIN_LENGTH), CommonPasswordValidator()]
MAX_UPLOAD_BYTES = 256 * 1024


class PostcodeForm(ErrorSummaryMixin):
    postcode = forms.CharField(
        label="Your postcode (optional)",
        required=False,
        max_length=20,
        help_text="We keep only its first half, such as W5, to find spaces near you. Leave it empty to skip.",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )

    def clean_postcode(self) -> str:
        """The outward code (the district) of a full postcode or of a district typed alone."""
        text = self.cleaned_data["postcode"].strip()
        if not text:
            return ""
        try:
            parsed = classify(text)
        except InvalidLocation as error:
            raise ValidationError(error.message) from None
        if parsed.kind == KIND_POSTCODE:
            return parsed.value.split(" ")[0]
        if parsed.kind == KIND_DISTRICT:
            return parsed.value
        raise ValidationError("Enter a UK postcode such as W5 2HL, or only its first half, such as W5.")


def _radios(choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **kwargs)


LIKENESS_LABELS = {
    "age": "Are they like you in age?",
    "background": "Are they like you in background (where you or your family come from, culture)?",
    "income": "Are they like you in income?",
}


class PersonForm(ErrorSummaryMixin):
    relationship = _radios(
        Relationship.choices,
        label="Who are they to you?",
        error_messages={"required": "Choose who they are to you."},
    )
    frequency = _radios(
        Frequency.choices,
        label="How often are you in touch?",
        error_messages={"required": "Choose how often you are in touch."},
    )
    closeness = forms.TypedChoiceField(
        choices=Closeness.choices,
        coerce=int,
        widget=forms.RadioSelect,
        label="How close are you?",
        error_messages={"required": "Choose how close you are."},
    )
    like_age = _radios(
        Likeness.choices, label=LIKENESS_LABELS["age"], initial=Likeness.UNKNOWN, required=False
    )
    like_background = _radios(
        Likeness.choices, label=LIKENESS_LABELS["background"], initial=Likeness.UNKNOWN, required=False
    )
    like_income = _radios(
        Likeness.choices, label=LIKENESS_LABELS["income"], initial=Likeness.UNKNOWN, required=False
    )
    initials = forms.CharField(
        label="Their initials (optional)",
        required=False,
        max_length=3,
        help_text="Up to three letters, never a name. They stay in your browser unless you save your map.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "size": "4"}),
    )

    def person(self, key: str) -> dict:
        return person_from_fields(key, self.cleaned_data)


class PlaceForm(ErrorSummaryMixin):
    """A place where they meet some of their people: a registry space or a name they type."""

    space = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, widget=forms.RadioSelect, label="Spaces found"
    )
    name = forms.CharField(
        label="Or type the place's name",
        required=False,
        max_length=200,
        help_text="If it is not in the list, for example “The park by the station”.",
    )
    suggest = forms.BooleanField(
        label="Suggest this place to the registry of community spaces",
        required=False,
        help_text="Optional. A moderator checks it before it appears. Only its name and your postcode "
        "district are sent, nothing about you or your map.",
    )
    people = forms.MultipleChoiceField(
        label="Who do you meet there?", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, spaces=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].choices = [(space.pk, space.name) for space in spaces]
        self.fields["people"].choices = list(people)

    def clean(self):
        data = super().clean()
        if not data.get("space") and not (data.get("name") or "").strip():
            raise ValidationError("Choose a space from the list or type the place's name.", code="empty")
        return data


class GroupForm(ErrorSummaryMixin):
    name = forms.CharField(
        label="The group's name",
        max_length=200,
        error_messages={"required": "Give the group's name."},
        help_text="For example “Allotment society” or “Saturday football”.",
    )
    kind = _radios(
        GroupKind.choices, label="What kind of group is it?", initial=GroupKind.OTHER, required=False
    )


class ExchangeForm(ErrorSummaryMixin):
    gives = forms.MultipleChoiceField(
        choices=Exchange.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What do you give the people you know?",
    )
    gets = forms.MultipleChoiceField(
        choices=Exchange.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What do you get from them?",
    )


class SaveForm(ErrorSummaryMixin):
    passphrase = forms.CharField(
        label="Choose a passphrase",
        strip=False,
        max_length=200,
        help_text=f"At least {PASSPHRASE_MIN_LENGTH} characters; a few unrelated words are easy to remember. "
        "We cannot recover it for you.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Choose a passphrase."},
    )
    passphrase_again = forms.CharField(
        label="Type the passphrase again",
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the passphrase again."},
    )

    def clean_passphrase(self) -> str:
        passphrase = self.cleaned_data["passphrase"]
        validate_password(passphrase, password_validators=PASSPHRASE_VALIDATORS)
        return passphrase

    def clean(self):
        data = super().clean()
        if data.get("passphrase") and data.get("passphrase_again") != data["passphrase"]:
            self.add_error("passphrase_again", "The two passphrases are different: type the same one twice.")
        return data


class OpenForm(ErrorSummaryMixin):
    passphrase = forms.CharField(
        label="Passphrase",
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter the passphrase you chose when you saved the map."},
    )


class UploadForm(ErrorSummaryMixin):
    file = forms.FileField(
        label="A map you downloaded (JSON)",
        help_text="The .json file from “Download JSON”. It is read, not kept.",
        error_messages={"required": "Choose the .json file of your map.", "empty": "That file is empty."},
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    postcode = PostcodeForm.base_fields["postcode"]

    clean_postcode = PostcodeForm.clean_postcode

    def clean_file(self) -> dict:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                f"That file is too large for a map (at most {MAX_UPLOAD_BYTES // 1024} KB)."
            )
        try:
            return json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise ValidationError(
                "That file is not a map in JSON: choose the .json file from “Download JSON”."
            ) from None
