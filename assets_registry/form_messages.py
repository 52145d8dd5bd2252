"""Error messages in the GOV.UK style for the residents' forms: each says what to do ("Enter the
name of the space"), never Django's defaults ("This field is required."), and the error summary
links each message to the input that needs fixing.
"""

from __future__ import annotations

from django import forms

# What each field asks for, as the object of "Enter …" / "Select …".
NOUNS = {
    "name": "the name of the space or group",
    "description": "what happens there",
    "categories": "what kind of space it is",
    "third_space_types": "what brings people together there",
    "setting": "the setting",
    "kind": "who or what it is",
    "country": "the country",
    "postcode": "a postcode or ZIP code, like W5 2HL or 21201",
    "address": "the street address",
    "locality": "the town or neighbourhood",
    "website": "a website address",
    "phone": "a phone number",
    "public_email": "a public contact e-mail address",
    "audience": "who it is for",
    "languages": "the languages spoken",
    "accessibility_notes": "what we should know about access",
    "opening_hours_notes": "anything else about opening times",
    "submitter_email": "your e-mail address",
    "note": "what we should know",
    "status": "whether it has closed for good or for now",
}
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
URL_FORMAT = "Enter a website address in the correct format, like www.example.org"


def _noun(name: str, field: forms.Field) -> str:
    return NOUNS.get(name) or f"the {str(field.label or name).rstrip('?:').lower()}"


def _capitalised(noun: str) -> str:
    noun = noun.split(",")[0]
    return noun[:1].upper() + noun[1:]


def messages_for(name: str, field: forms.Field) -> dict[str, str]:
    """Messages by Django's error code for one field; a code a field never raises does no harm."""
    noun = _noun(name, field)
    choosing = isinstance(field, forms.ChoiceField | forms.NullBooleanField)
    messages = {
        "required": f"{'Select' if choosing else 'Enter'} {noun}",
        "max_length": f"{_capitalised(noun)} must be %(limit_value)d characters or fewer",
        "min_length": f"{_capitalised(noun)} must be %(limit_value)d characters or more",
        "invalid_choice": f"Select {noun.split(',')[0]} from the list",
        "invalid_list": f"Select {noun.split(',')[0]} from the list",
        "null_characters_not_allowed": f"Remove the unusual characters from {noun.split(',')[0]}",
    }
    if isinstance(field, forms.EmailField):
        messages["invalid"] = EMAIL_FORMAT
    elif isinstance(field, forms.URLField):
        messages["invalid"] = URL_FORMAT
    else:
        messages["invalid"] = f"Enter {noun} in the correct format"
    return messages


class ErrorSummaryMixin(forms.Form):
    """``error_summary()`` lists (anchor, message) for the error summary at the top of the page
    (templates/assets_registry/includes/error_summary.html), each linking to its field."""

    def _anchor(self, bound_field, error) -> str:
        row = (getattr(error, "params", None) or {}).get("row")
        if row:  # one row of the opening-hours editor
            return f"{bound_field.auto_id}_{row - 1}"
        if isinstance(bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{bound_field.auto_id}_0"  # the first option: the group itself cannot take focus
        return bound_field.id_for_label or bound_field.auto_id

    def error_summary(self) -> list[tuple[str, str]]:
        """(href, message) for the summary at the top of the page, in the order of the form."""
        items = [("", str(message)) for message in self.non_field_errors()]
        for bound_field in self:
            for error in self.errors.as_data().get(bound_field.name, ()):
                for message in error.messages:
                    items.append((f"#{self._anchor(bound_field, error)}", message))
        return items


class GovukErrorsMixin(ErrorSummaryMixin):
    """Replaces every field's default messages, and lists them for the error summary."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages = {**field.error_messages, **messages_for(name, field)}
