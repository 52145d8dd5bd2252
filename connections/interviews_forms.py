"""The interview's screens, one question group each; GOV.UK-style messages (the registry's mixin)."""

from __future__ import annotations

from django import forms

from assets_registry.form_messages import GovukErrorsMixin
from connections import answers
from connections.survey_bands import (
    AGE_BANDS,
    BAND_OPTIONS,
    ONS4_QUESTIONS,
    PREFER_NOT,
    SPECIAL_CATEGORY_NOTE,
    band_label,
    is_special,
)

RADIO = forms.RadioSelect
CHECKS = forms.CheckboxSelectMultiple


class StepForm(GovukErrorsMixin, forms.Form):
    """A question's own words in its "required" message: “Select an answer to ‘How close …?’”."""

    required_messages: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
                field.error_messages["required"] = f"Select an answer to “{field.label}”"
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]


class ConsentForm(StepForm):
    consent = forms.ChoiceField(
        label="Does the respondent agree to take part?",
        choices=[
            ("yes", "Yes, they agree: I have read them the words above and shown the privacy notice"),
            ("no", "No, they do not agree (nothing about them is kept)"),
        ],
        widget=RADIO,
    )


class CodeForm(StepForm):
    required_messages = {"respondent_code": "Enter a respondent code, like EAL-0007"}
    respondent_code = forms.CharField(
        label="Respondent code",
        max_length=40,
        help_text="Keep the code suggested, or use your project's own code. Never a name, initials, "
        "an e-mail address or a phone number.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class AboutForm(StepForm):
    age_band = forms.ChoiceField(label="Age", choices=AGE_BANDS, widget=RADIO)

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in survey.bands:
            help_text = "Optional: “Prefer not to say” is a full answer."
            if is_special(kind):
                help_text = f"{SPECIAL_CATEGORY_NOTE} {help_text}"
            self.fields[f"band_{kind}"] = forms.ChoiceField(
                label=band_label(kind), choices=BAND_OPTIONS[kind], widget=RADIO, help_text=help_text
            )
            self.fields[f"band_{kind}"].error_messages.update(
                required=f"Select an answer about {band_label(kind).lower()}, or “Prefer not to say”",
                invalid_choice=f"Select an answer about {band_label(kind).lower()} from the list",
            )

    def bands(self) -> dict[str, str]:
        return {
            name.removeprefix("band_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("band_")
        }


class PersonForm(StepForm):
    relationship = forms.ChoiceField(
        label="Who are they to the respondent?", choices=answers.Relationship.choices, widget=RADIO
    )
    frequency = forms.ChoiceField(
        label="How often are they in touch?", choices=answers.Frequency.choices, widget=RADIO
    )
    closeness = forms.TypedChoiceField(
        label="How close are they?", choices=answers.Closeness.choices, coerce=int, widget=RADIO
    )
    like_age = forms.ChoiceField(
        label="Are they like the respondent in age?", choices=answers.Likeness.choices, widget=RADIO
    )
    like_background = forms.ChoiceField(
        label="Are they like the respondent in background or culture?",
        choices=answers.Likeness.choices,
        widget=RADIO,
    )
    like_income = forms.ChoiceField(
        label="Are they like the respondent in income?", choices=answers.Likeness.choices, widget=RADIO
    )

    def person(self, key: str) -> dict:
        return answers.person_from_fields(key, self.cleaned_data)


def _people_choices(people: list[dict]) -> list[tuple[str, str]]:
    labels = dict(answers.Relationship.choices)
    return [(p["key"], f"Person {n}: {labels.get(p['relationship'], '')}") for n, p in enumerate(people, 1)]


class PlaceForm(StepForm):
    """A place, and which of the respondent's people they meet there."""

    people = forms.MultipleChoiceField(label="Who do they meet there?", required=False, widget=CHECKS)

    def __init__(self, *args, people: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = _people_choices(people)


class TypedPlaceForm(PlaceForm):
    required_messages = {"name": "Enter the name of the place, or search for a registry space above"}
    name = forms.CharField(
        label="Name of a place not in the list",
        max_length=200,
        help_text="Its name as people know it, e.g. “the bench by the pond”.",
    )
    field_order = ["name", "people"]


class SpacePlaceForm(PlaceForm):
    required_messages = {"space": "Choose a space from the search results"}
    space = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    field_order = ["space", "people"]


class GroupForm(StepForm):
    required_messages = {"name": "Enter the name of the group"}
    name = forms.CharField(
        label="Name of the group",
        max_length=200,
        help_text="E.g. “Tuesday walking group”.",
    )
    kind = forms.ChoiceField(label="What kind of group?", choices=answers.GroupKind.choices, widget=RADIO)


class ExchangeForm(StepForm):
    gives = forms.MultipleChoiceField(
        label="What does the respondent give to people around them?",
        choices=answers.Exchange.choices,
        required=False,
        widget=CHECKS,
    )
    gets = forms.MultipleChoiceField(
        label="What do they get from people around them?",
        choices=answers.Exchange.choices,
        required=False,
        widget=CHECKS,
    )


SCALE = [(str(n), str(n)) for n in range(11)] + [(PREFER_NOT, "Prefer not to say")]


class WellbeingForm(StepForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in ONS4_QUESTIONS.items():
            self.fields[name] = forms.ChoiceField(
                label=question, choices=SCALE, widget=forms.RadioSelect(attrs={"class": "scale"})
            )
            self.fields[name].error_messages["required"] = (
                "Select a number from 0 to 10, or “Prefer not to say”"
            )

    def wellbeing(self) -> dict[str, int | None]:
        return {
            name: None if value == PREFER_NOT else int(value) for name, value in self.cleaned_data.items()
        }
